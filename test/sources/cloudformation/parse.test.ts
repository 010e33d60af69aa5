import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import { loadCloudFormation } from '../../../src/sources/cloudformation/load.js';
import { parseTemplate } from '../../../src/sources/cloudformation/parse.js';
import { readTemplateFile, readTemplateFileSync } from '../../../src/sources/cloudformation/read.js';
import { fixturePath, loadFixture, options } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'ringfence-cfn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The InputError a call throws, so tests can assert message and position. */
function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

async function inputErrorAsync(run: () => Promise<unknown>): Promise<InputError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const load = (text: string, file = 't.yaml') => loadCloudFormation(file, text, options());

describe('parseTemplate', () => {
  it('keeps the YAML nodes and positions for resolution, and tells JSON from YAML', () => {
    const yaml = parseTemplate('a.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n', DEFAULT_LIMITS);
    expect(yaml.format).toBe('yaml');
    expect(yaml.root.items).toHaveLength(1);
    const json = parseTemplate('a.json', '{"Resources": {}}', DEFAULT_LIMITS);
    expect(json.format).toBe('json');
  });

  it('warns about an unknown short-form tag and reads its value as data', () => {
    const loaded = load('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Reff x\n');
    expect(loaded.resources[0]!.properties.BucketName).toBe('x');
    expect(loaded.warnings).toContainEqual({ message: 'Unresolved tag: !Reff; its value is read as plain data', line: 5, column: 19 });
  });
});

describe('bad input', () => {
  it('malformed YAML → InputError with the parser position', () => {
    const e = inputError(() => loadFixture('malformed.yaml'));
    expect(e.message).toMatch(/^malformed YAML: /);
    expect([e.file, e.line, e.column]).toEqual(['malformed.yaml', 7, 3]);
  });

  it('malformed JSON → InputError with the parser position', () => {
    const e = inputError(() => loadFixture('malformed.json'));
    expect(e.message).toMatch(/^malformed JSON: /);
    expect([e.file, e.line, e.column]).toEqual(['malformed.json', 6, 7]);
  });

  it('duplicate keys → InputError naming the key and the second occurrence', () => {
    const e = inputError(() => loadFixture('duplicate-keys.yaml'));
    expect(e.message).toBe('malformed YAML: duplicate key Bucket');
    expect([e.line, e.column]).toEqual([5, 3]);
    const json = inputError(() => load('{"Resources": {}, "Resources": {}}', 't.json'));
    expect(json.message).toBe('malformed JSON: duplicate key Resources');
    expect([json.line, json.column]).toEqual([1, 19]);
  });

  it('Resources that is not a mapping → InputError at it', () => {
    const e = inputError(() => loadFixture('resources-not-mapping.yaml'));
    expect(e.message).toBe('Resources is not a mapping');
    expect([e.line, e.column]).toEqual([3, 3]);
  });

  it('a top level that is not a mapping, an empty file, no Resources → InputError', () => {
    expect(inputError(() => load('- a\n- b\n')).message).toMatch(/top level is not a mapping/);
    expect(inputError(() => load('')).message).toBe('empty template');
    expect(inputError(() => load('# only a comment\n')).message).toBe('empty template');
    expect(inputError(() => load('AWSTemplateFormatVersion: "2010-09-09"\n')).message).toMatch(/no Resources section/);
    expect(inputError(() => load('Resources: {}\n---\nResources: {}\n')).message).toMatch(/more than one YAML document/);
  });

  it('a YAML alias bomb → InputError at the alias that crosses the limit, quickly', () => {
    const e = inputError(() => loadFixture('alias-bomb.yaml'));
    expect(e.message).toMatch(/aliases expand more than 1000 times/);
    expect([e.line, e.column]).toEqual([7, 14]);
  });

  it('an alias that repeats a large anchor many times is refused too', () => {
    const big = `a: &a [${Array.from({ length: 20_000 }, () => '1').join(',')}]\nb: [*a, *a, *a]\nResources: {}\n`;
    expect(inputError(() => load(big)).message).toMatch(/aliases expand the document/);
  });

  it('an alias inside its own anchor, or to no anchor, is refused', () => {
    expect(inputError(() => load('a: &a [*a]\nResources: {}\n')).message).toBe('alias *a refers to no anchor before it');
    expect(inputError(() => load('a: &b 1\nc: *nope\nResources: {}\n')).message).toBe('alias *nope refers to no anchor before it');
  });

  it('honest aliases within the limits resolve', () => {
    const loaded = load('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: &tags [{ Key: team, Value: ml }]\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *tags\n');
    expect(loaded.resources[1]!.properties.Tags).toEqual([{ Key: 'team', Value: 'ml' }]);
  });

  // Block mappings nest by indentation: 10,000 levels take ~50 MB, so that case raises the size limit.
  const deep: [string, () => string, [number, number], number?][] = [
    ['JSON arrays', () => '['.repeat(10_000) + ']'.repeat(10_000), [1, 201]],
    ['JSON objects', () => '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), [1, 1001]],
    ['YAML block sequences', () => 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X:\n        ' + '- '.repeat(10_000) + 'x\n', [6, 401]],
    ['YAML block mappings', () => Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', [201, 201], 64 * 1024 * 1024],
  ];
  for (const [what, make, [line, column], maxFileBytes] of deep) {
    it(`nesting 10,000 levels deep (${what}) → InputError with position, fast`, () => {
      const text = make();
      const limits = { ...DEFAULT_LIMITS, maxFileBytes: maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes };
      const e = inputError(() => loadCloudFormation('deep.json', text, options({ limits })));
      expect(e.message).toBe('nesting deeper than 200 levels');
      expect([e.line, e.column]).toEqual([line, column]);
    });
  }

  it('nesting built from aliases or chains of conditions is bounded the same way', () => {
    // 150 levels aliased from 150 levels down: each half is within the limit, together they are not.
    const nest = (inner: string) => '['.repeat(150) + inner + ']'.repeat(150);
    const viaAliases = `Metadata:\n  deep: &deep ${nest('1')}\nResources:\n  A:\n    Type: Custom::X\n    Properties:\n      V: ${nest('*deep')}\n`;
    const e = inputError(() => load(viaAliases));
    expect(e.message).toBe('nesting deeper than 200 levels (after expanding aliases and references)');
    expect(e.line).toBe(2);

    const conditions = Array.from({ length: 5000 }, (_, i) => `  C${i}: !Condition C${i + 1}`).join('\n');
    const chain = `Conditions:\n${conditions}\n  C5000: !Equals [a, a]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: C0\n`;
    expect(inputError(() => load(chain)).message).toMatch(/^nesting deeper than 200 levels/);
  });

  it('nesting within the limit loads', () => {
    const ok = '{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"X": ' + '['.repeat(150) + ']'.repeat(150) + '}}}}';
    expect(load(ok, 'ok.json').resources).toHaveLength(1);
  });

  it('a 100 MB file is refused by its size, without being read', async () => {
    const path = join(tmp, 'huge.yaml');
    writeFileSync(path, '');
    truncateSync(path, 100 * 1024 * 1024); // sparse: no 100 MB written to disk
    const e = await inputErrorAsync(() => readTemplateFile(path, DEFAULT_LIMITS));
    expect(e.message).toBe(`file is 104857600 bytes, larger than the ${DEFAULT_LIMITS.maxFileBytes}-byte limit`);
    expect(e.file).toBe(path);
    expect(() => readTemplateFileSync(path, DEFAULT_LIMITS)).toThrow(InputError);
  });

  it('text over the size limit handed in directly is refused too', () => {
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: 100 };
    const e = inputError(() => loadCloudFormation('t.yaml', `Resources: {}\n# ${'x'.repeat(200)}\n`, options({ limits })));
    expect(e.message).toBe('file is larger than the 100-byte limit');
  });

  it('a binary file named .yaml → InputError "binary content" with position', async () => {
    const path = join(tmp, 'model.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from('Resources:\n  A: '), Buffer.from([0x89, 0x50, 0x00, 0x01, 0xff])]));
    const e = await inputErrorAsync(() => readTemplateFile(path, DEFAULT_LIMITS));
    expect(e.message).toMatch(/^binary content \(a NUL byte at byte 18\)/);
    expect([e.line, e.column]).toEqual([2, 7]);
  });

  it('invalid UTF-8 without NUL bytes is binary content too', async () => {
    const path = join(tmp, 'latin1.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from('Resources: {}\nDescription: caf'), Buffer.from([0xe9, 0x0a])]));
    const e = await inputErrorAsync(() => readTemplateFile(path, DEFAULT_LIMITS));
    expect(e.message).toMatch(/^binary content \(invalid UTF-8 at byte 30\)/);
    expect([e.line, e.column]).toEqual([2, 17]);
  });

  it('text that was decoded from binary (NUL or U+FFFD) is refused with position', () => {
    const nul = inputError(() => load('Resources:\n  A: \0\n'));
    expect(nul.message).toMatch(/^binary content/);
    expect([nul.line, nul.column]).toEqual([2, 6]);
    expect(inputError(() => load('Resources: {}\nx: \uFFFD\n')).message).toMatch(/invalid UTF-8/);
  });

  it('reads a good template from disk, dropping a byte-order mark', async () => {
    const path = join(tmp, 'bom.yaml');
    writeFileSync(path, '\uFEFFResources: {}\n');
    expect(await readTemplateFile(path, DEFAULT_LIMITS)).toBe('Resources: {}\n');
    expect(readTemplateFileSync(fixturePath('ml-stack.yaml'), DEFAULT_LIMITS)).toMatch(/^AWSTemplateFormatVersion/);
  });
});
