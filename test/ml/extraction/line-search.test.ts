import { describe, expect, it } from 'vitest';
import { LineIndex, LineSearchDetector } from '../../../src/ml/extraction/detectors/line-search.js';
import type { Query } from '../../../src/ml/extraction/types.js';
import { loadNumeric } from '../models/datasets.js';

const row = (...v: number[]) => Float64Array.from(v);
const query = (x: Float64Array): Query => ({ caller: 'c', x, index: 0 });

describe('line search', () => {
  it('finds a query on the line through two remembered ones, in any direction', () => {
    const lines = new LineIndex(6, 3);
    expect(lines.add(row(0, 0, 0))).toBe(false);
    expect(lines.add(row(2, 4, 6))).toBe(false);
    expect(lines.add(row(1, 2, 3))).toBe(true); // the midpoint: a bisection step
    expect(lines.add(row(3, 6, 9))).toBe(true); // beyond the segment, same line
    expect(lines.add(row(1, 2, 3.001))).toBe(false); // off the line by a little
  });

  it('does not count a repeated query (a retry) or a repeated pair', () => {
    const lines = new LineIndex(6, 2);
    lines.add(row(1, 1));
    lines.add(row(1, 1));
    expect(lines.add(row(1, 1))).toBe(false);
    expect(lines.add(row(5, 7))).toBe(false);
  });

  it('forgets queries beyond its memory', () => {
    const lines = new LineIndex(2, 2);
    lines.add(row(0, 0));
    lines.add(row(10, 10));
    lines.add(row(3, 7));
    lines.add(row(8, 1)); // (0,0) is forgotten now
    expect(lines.add(row(5, 5))).toBe(false);
  });

  it('almost never finds three real flowers on one line', () => {
    const { rows } = loadNumeric('iris');
    const lines = new LineIndex(6, 4);
    // Iris measurements are rounded to 0.1 cm, so exact collinear triples are possible; they are rare.
    const hits = rows.filter((r) => lines.add(Float64Array.from(r))).length;
    expect(hits).toBeLessThanOrEqual(2);
  });

  it('flags a caller bisecting between two inputs', () => {
    const detector = new LineSearchDetector({ memory: 6, tolerance: 1e-6, test: { rate: 0.001, alpha: 1e-5, minHits: 2 } }, 2);
    const a = row(1, 5);
    const b = row(9, 2);
    const at = (t: number) => row(a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!));
    const verdicts = [a, b, at(0.5), at(0.25), at(0.375), at(0.3125)].map((x) => detector.observe(query(x)));
    const first = verdicts.findIndex((v) => v !== undefined);
    // 2 hits in 4 queries at a 0.1% benign rate: binomial tail 6e-6, below 1e-5.
    expect(first).toBe(3);
    expect(verdicts[3]!.detail).toMatch(/2 of 4 queries lie on the line through two of the caller's recent queries/);
  });
});
