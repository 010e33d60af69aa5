import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { canonicalJson, type Json } from '../../../src/ml/integrity/canonical-json.js';
import { MANIFEST_FORMAT, parseManifest, serializeManifest, totalsOf, type Manifest } from '../../../src/ml/integrity/manifest.js';

describe('canonical JSON', () => {
  it('matches the RFC 8785 example (section 3.2.2)', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as Json;
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts keys by UTF-16 code units at every depth and drops undefined values', () => {
    // U+FB33 sorts after U+1F600 (😀, code units D83D DE00) by code units, though not by code points.
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined }, '\ufb33': 1, '😀': 2, '\r': 0 })).toBe('{"\\r":0,"a":{"d":[{"y":2,"z":1}]},"b":1,"😀":2,"\ufb33":1}');
  });

  it('keeps a "__proto__" key as data', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as Json;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/cannot represent NaN/);
  });
});

const objects = [
  { key: 'a.csv', size: 10, sha256: 'a'.repeat(64), tabular: { format: 'csv' as const, rows: 2, columns: [{ name: 'x', type: 'integer' as const }] } },
  { key: 'b.bin', size: 5, sha256: 'b'.repeat(64) },
];
const valid: Manifest = {
  format: MANIFEST_FORMAT,
  version: 1,
  createdAt: '2026-03-01T10:00:00.000Z',
  createdBy: { tool: 'ringfence', version: '0.1.0' },
  source: { kind: 'local', path: 'data/train' },
  objects,
  totals: totalsOf(objects),
};

const parseError = (text: string): InputError => {
  try {
    parseManifest(text, 'approved.manifest.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('no error');
};
const edit = (f: (m: Record<string, unknown>) => void): string => {
  const m = JSON.parse(serializeManifest(valid)) as Record<string, unknown>;
  f(m);
  return JSON.stringify(m, null, 2);
};

describe('manifest files', () => {
  it('round-trip, one line per object, totals adding up', () => {
    const text = serializeManifest(valid);
    expect(parseManifest(text, 'm.json')).toEqual(valid);
    expect(text.split('\n').filter((l) => l.startsWith('    {"key":'))).toHaveLength(2);
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"objects"'));
    expect(valid.totals).toEqual({ objects: 2, bytes: 15, rows: 2 });
  });

  it('name the line and column where a truncated manifest ends', () => {
    const text = serializeManifest(valid);
    const cut = text.slice(0, text.indexOf('"b.bin"') + 4);
    const e = parseError(cut);
    expect(e.file).toBe('approved.manifest.json');
    expect(e.message).toMatch(/^manifest is truncated: /);
    expect(e.line).toBe(cut.split('\n').length);
    expect(e.column).toBeGreaterThan(1);
    expect(parseError('').message).toMatch(/truncated/);
  });

  it('name the position of a syntax error in the middle', () => {
    const e = parseError('{\n  "format": "ringfence-dataset-manifest",\n  "version": 1,,\n}');
    expect([e.line, e.column]).toEqual([3, 16]);
    expect(e.message).toMatch(/^manifest is not valid JSON/);
  });

  it.each([
    ['a wrong format', (m: Record<string, unknown>) => (m['format'] = 'something-else'), /format: expected "ringfence-dataset-manifest", got "something-else"/],
    ['a newer version', (m: Record<string, unknown>) => (m['version'] = 2), /version: manifest version 2 is newer than this ringfence reads \(1\); upgrade ringfence/],
    ['a bad hash', (m: Record<string, unknown>) => ((m['objects'] as { sha256: string }[])[1]!.sha256 = 'XYZ'), /objects\[1\]\.sha256: expected a SHA-256 as 64 lowercase hex characters/],
    ['a negative size', (m: Record<string, unknown>) => ((m['objects'] as { size: number }[])[0]!.size = -1), /objects\[0\]\.size: expected a whole number of 0 or more/],
    ['a duplicate key', (m: Record<string, unknown>) => ((m['objects'] as { key: string }[])[1]!.key = 'a.csv'), /objects\[1\]\.key: "a.csv" is listed twice/],
    ['totals that do not add up', (m: Record<string, unknown>) => ((m['totals'] as { bytes: number }).bytes = 16), /totals\.bytes: says 16 but the objects add up to 15/],
    ['an object removed without fixing the totals', (m: Record<string, unknown>) => (m['objects'] as unknown[]).pop(), /totals\.objects: says 2 but the objects add up to 1/],
    ['an unknown field', (m: Record<string, unknown>) => (m['approvedBy'] = 'mallory'), /approvedBy: unknown field/],
    ['a missing field', (m: Record<string, unknown>) => delete m['createdAt'], /createdAt: missing/],
    ['an unknown source kind', (m: Record<string, unknown>) => (m['source'] = { kind: 'gcs', path: 'x' }), /source\.kind: expected "local" or "s3", got "gcs"/],
    ['an unknown column type', (m: Record<string, unknown>) => ((m['objects'] as { tabular: { columns: { type: string }[] } }[])[0]!.tabular.columns[0]!.type = 'float'), /objects\[0\]\.tabular\.columns\[0\]\.type: expected one of/],
  ])('reject %s with the JSON path', (_what, change, message) => {
    const e = parseError(edit(change));
    expect(e.message).toMatch(/^not a valid ringfence dataset manifest: /);
    expect(e.message).toMatch(message);
  });

  it('count every problem, quoting the first', () => {
    const e = parseError(edit((m) => {
      delete m['createdAt'];
      m['extra'] = 1;
    }));
    expect(e.message).toMatch(/createdAt: missing \(and 1 more problem\)/);
  });

  it('reject JSON that is not an object', () => {
    expect(parseError('[1, 2]').message).toMatch(/\(top level\): expected an object/);
  });
});
