import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadTerraformModule } from '../../../src/sources/terraform/index.js';
import { jsonErrorOffset } from '../../../src/sources/terraform/json-error.js';
import { FIXTURES, loadFixture, options } from './helpers.js';

const dir = `${FIXTURES}/bad-module`;

describe('Terraform module: bad input', () => {
  const unit = loadFixture('bad-module');
  const byPath = Object.fromEntries(unit.inputs.map((r) => [r.path, r]));

  it('loads the good file of a module whose other files are broken', () => {
    expect(unit.resources.map((r) => r.id)).toEqual(['aws_s3_bucket.good']);
    expect(byPath[`${dir}/good.tf`]).toMatchObject({ status: 'read', resources: 1 });
  });

  it('fails a malformed file alone, with line and column', () => {
    expect(byPath[`${dir}/broken.tf`]).toEqual({
      path: `${dir}/broken.tf`,
      kind: 'terraform',
      status: 'failed',
      error: { message: "missing '}' to close the object opened at 3:10", file: `${dir}/broken.tf`, line: 5, column: 1 },
    });
  });

  it('fails a binary file named .tf with a clear message', () => {
    expect(byPath[`${dir}/binary.tf`]).toMatchObject({ status: 'failed', error: { message: 'binary content (NUL byte), not a text file', line: 1, column: 8 } });
    const bin = readFileSync(`${FIXTURES}/hcl/binary.tf`, 'utf8');
    const other = loadTerraformModule('bin', [{ path: 'bin/x.tf', text: bin }], options());
    expect(other.inputs[0]).toMatchObject({ status: 'failed', error: { message: 'binary content (NUL byte), not a text file', line: 2, column: 7 } });
  });

  it('fails 10,000 levels of nesting quickly, naming the position', () => {
    const text = `locals {\n  a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n`;
    const out = loadTerraformModule('deep', [{ path: 'deep/main.tf', text }], options());
    expect(out.inputs[0]).toMatchObject({ status: 'failed', error: { message: 'nesting deeper than 200 levels', line: 2, column: 206 } });
  });

  it('fails a file over maxFileBytes', () => {
    const out = loadTerraformModule('big', [{ path: 'big/main.tf', text: `# ${'x'.repeat(2000)}\n` }], options({}, { maxFileBytes: 1000 }));
    expect(out.inputs[0]).toMatchObject({ status: 'failed', error: { message: 'file is 2003 bytes, over the 1000-byte limit' } });
  });

  it('stops a long chain of locals with a warning instead of a crash', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `  l${i + 1} = local.l${i} + 1`);
    const text = `locals {\n  l0 = 0\n${lines.join('\n')}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b-\${local.l20000}"\n}\nresource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n`;
    const out = loadTerraformModule('chain', [{ path: 'chain/main.tf', text }], options());
    expect(out.resources.map((r) => r.id)).toContain('aws_s3_bucket.ok');
    expect(out.inputs[0]!.status).toBe('read');
  });

  it('reports malformed Terraform JSON with its position, and loads the module\'s other files', () => {
    const bad = '{\n  "resource": {\n    "aws_s3_bucket": { "b": { "bucket": "x", } }\n  }\n}\n';
    const good = 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n';
    const out = loadTerraformModule('j', [{ path: 'j/bad.tf.json', text: bad }, { path: 'j/main.tf', text: good }], options());
    expect(out.inputs.find((i) => i.path === 'j/bad.tf.json')).toMatchObject({ status: 'failed', error: { message: 'invalid JSON (Terraform JSON syntax)', line: 3, column: 46 } });
    expect(out.resources.map((r) => r.id)).toEqual(['aws_s3_bucket.ok']);
  });

  it('refuses Terraform JSON nested 10,000 levels deep, naming where', () => {
    const depth = 10_000;
    const text = `{"locals": {"x": ${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const out = loadTerraformModule('j', [{ path: 'j/main.tf.json', text }], options());
    expect(out.inputs[0]).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/nesting deeper than 200 levels|too deeply nested/), line: 1 } });
  });

  it('refuses a Terraform JSON file that is not one object', () => {
    const out = loadTerraformModule('j', [{ path: 'j/main.tf.json', text: '[1, 2]' }], options());
    expect(out.inputs[0]).toMatchObject({ status: 'failed', error: { message: 'a Terraform JSON file must hold one object', line: 1 } });
  });
});

describe('JSON error positions', () => {
  it.each([
    ['{"a": [1, 2]}', undefined],
    ['{"a": [1, 2}', 11],
    ['{"a": tru}', 6],
    ['{"a": "x\\q"}', 8],
    ['{"a": 1', 7],
    ['[1] x', 4],
    ['{"a" 1}', 5],
  ])('%s', (src, offset) => {
    expect(jsonErrorOffset(src)).toBe(offset);
  });
});
