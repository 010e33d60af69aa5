import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeCloudFormation } from '../../../src/sources/cloudformation/sniff.js';
import { fixturePath } from './helpers.js';

describe('looksLikeCloudFormation', () => {
  it('recognises YAML and JSON templates by their top-level keys', () => {
    for (const f of ['ml-stack.yaml', 'ml-stack.json', 'intrinsics.yaml', 'pipeline.yaml']) {
      expect(looksLikeCloudFormation(readFileSync(fixturePath(f), 'utf8'))).toBe(true);
    }
    expect(looksLikeCloudFormation('\uFEFF---\n"Resources":\n  A: {}\n')).toBe(true);
    expect(looksLikeCloudFormation('{"AWSTemplateFormatVersion":"2010-09-09"}')).toBe(true);
  });

  it('ignores the keys when they are not at the top level', () => {
    expect(looksLikeCloudFormation('{"Statement": [{"Resource": "*", "Resources": 1}]}')).toBe(false);
    expect(looksLikeCloudFormation('{"a": {"Resources": {}}, "b": "\\"Resources\\": x"}')).toBe(false);
    expect(looksLikeCloudFormation('spec:\n  Resources:\n    a: 1\n')).toBe(false);
  });

  it('says no to other JSON and YAML', () => {
    expect(looksLikeCloudFormation('{"format_version": "1.2", "resource_changes": []}')).toBe(false);
    expect(looksLikeCloudFormation('{"name": "ringfence", "version": "0.1.0"}')).toBe(false);
    expect(looksLikeCloudFormation('apiVersion: v1\nkind: Pod\n')).toBe(false);
    expect(looksLikeCloudFormation('')).toBe(false);
  });
});
