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

  it('does not count a near copy of a remembered row as on its line (the same row printed to fewer digits)', () => {
    // Two rows of the banknote dataset that are one banknote at two precisions.
    const lines = new LineIndex(6, 4);
    const a = row(-2.2623, 12.1177, 0.28846, -7.7581);
    const b = row(0.5706, -0.024841, 1.2421, -0.56208);
    lines.add(a);
    lines.add(b);
    expect(lines.add(row(0.5706, -0.0248, 1.2421, -0.5621))).toBe(false);
    // A true point of that line still counts.
    expect(lines.add(a.map((v, j) => (v + b[j]!) / 2))).toBe(true);
  });

  it('finds no line search among real banknotes, which hold such near copies', () => {
    const { rows } = loadNumeric('banknote_authentication');
    const lines = new LineIndex(6, 4);
    // In order of the first feature, so that near copies arrive one after the other.
    const sorted = [...rows].sort((p, q) => p[0]! - q[0]!);
    expect(sorted.filter((r) => lines.add(Float64Array.from(r))).length).toBe(0);
  });

  it('with half a recording unit per feature, finds a bisection rounded to the data\'s decimals, and no rounded copy', () => {
    const half = Float64Array.from([0.05, 0.05, 0.005]);
    const lines = new LineIndex(6, 3, 1e-6, half);
    lines.add(row(5.1, 3.5, 1.4));
    expect(lines.rounded).toBe(false);
    lines.add(row(6.4, 2.9, 0.2));
    // The midpoint (5.75, 3.2, 0.8) rounded to one and two decimals: off the exact line, on it up to rounding.
    expect(lines.add(row(5.8, 3.2, 0.8))).toBe(false);
    expect(lines.rounded).toBe(true);
    // The quarter point rounded again, but with its last feature a unit off: off every line.
    expect(lines.add(row(5.4, 3.3, 1.11))).toBe(false);
    expect(lines.rounded).toBe(false);
    // A copy of a remembered row up to rounding is a retry, not a point of its line.
    expect(lines.add(row(6.4, 2.9, 0.204))).toBe(false);
    expect(lines.rounded).toBe(false);
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
