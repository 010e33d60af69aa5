import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { renderJson } from '../../src/report/json.js';
import { FINDINGS, HOSTILE, RESULT, finding, scanResult } from './support.js';

/** The same finding with its keys inserted in the reverse order. */
function reversedKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).reverse()) as T;
}

describe('json report', () => {
  it('round-trips: parsing the output gives the scan result back', () => {
    expect(JSON.parse(renderJson(RESULT))).toEqual(RESULT);
  });

  it('indents with two spaces and ends with exactly one newline', () => {
    const out = renderJson(RESULT);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
    expect(out.split('\n')[1]).toBe('  "tool": {');
    expect(out.split('\n')[2]).toBe('    "name": "ringfence",');
  });

  it('writes keys in the documented order whatever order they were built in', () => {
    const scrambled = scanResult(FINDINGS.map(reversedKeys));
    const reordered = reversedKeys({ ...scrambled, summary: reversedKeys(scrambled.summary) });
    expect(renderJson(reordered)).toBe(renderJson(RESULT));
    const parsed = JSON.parse(renderJson(reordered));
    expect(Object.keys(parsed)).toEqual(['tool', 'profile', 'findings', 'inputs', 'errors', 'summary']);
    expect(Object.keys(parsed.findings[0]).slice(0, 6)).toEqual(['ruleId', 'status', 'severity', 'ring', 'title', 'resource']);
    expect(Object.keys(parsed.summary)).toEqual(['inputs', 'resources', 'rules', 'findings', 'failedBySeverity']);
    expect(Object.keys(parsed.summary.failedBySeverity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
  });

  it('keeps the order of findings and inputs as the scan gave them', () => {
    const parsed = JSON.parse(renderJson(RESULT));
    expect(parsed.findings.map((f: Finding) => f.ruleId)).toEqual(FINDINGS.map((f) => f.ruleId));
  });

  it('keeps keys it does not know, after the known ones, in code-unit order', () => {
    const extra = { ...FINDINGS[0]!, zeta: 1, alpha: 2 } as Finding;
    const keys = Object.keys(JSON.parse(renderJson(scanResult([extra]))).findings[0]);
    expect(keys.slice(-2)).toEqual(['alpha', 'zeta']);
    expect(keys[0]).toBe('ruleId');
  });

  it('keeps a key named __proto__ as data', () => {
    const withProto = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as object;
    const f = { ...FINDINGS[0]!, resource: { ...FINDINGS[0]!.resource, ...withProto } } as Finding;
    const parsed = JSON.parse(renderJson(scanResult([f])));
    expect(Object.prototype.hasOwnProperty.call(parsed.findings[0].resource, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('escapes any text so the output is still JSON', () => {
    const f = finding('kms-key-rotation', 'fail', { resource: { type: 'AWS::KMS::Key', id: HOSTILE }, message: HOSTILE });
    expect(JSON.parse(renderJson(scanResult([f]))).findings[0].message).toBe(HOSTILE);
  });
});
