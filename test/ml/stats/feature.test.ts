import { describe, expect, it } from 'vitest';
import { DatasetAccumulator, FeatureAccumulator, inferType, satisfiesType, valueType } from '../../../src/ml/stats/index.js';

describe('value types, judged on the text as Model Monitor does', () => {
  it('tells Integral, Fractional, String and Missing apart', () => {
    expect(['7', '-3', '+12', ' 4 '].map(valueType)).toEqual(['Integral', 'Integral', 'Integral', 'Integral']);
    expect(['1.0', '.5', '-2.', '1e-3', '3.2E+4'].map(valueType)).toEqual(['Fractional', 'Fractional', 'Fractional', 'Fractional', 'Fractional']);
    expect(['abc', '?', 'NaN', '1,2', '0x1F'].map(valueType)).toEqual(['String', 'String', 'String', 'String', 'String']);
    expect(['', '  ', null, undefined, NaN].map(valueType)).toEqual(['Missing', 'Missing', 'Missing', 'Missing', 'Missing']);
    expect([3, 3.5].map(valueType)).toEqual(['Integral', 'Fractional']);
  });

  it('infers a column type: any text makes it String, any fraction Fractional', () => {
    expect(inferType({ integral: 5, fractional: 1, string: 0 })).toBe('Fractional');
    expect(inferType({ integral: 5, fractional: 1, string: 1 })).toBe('String');
    expect(inferType({ integral: 0, fractional: 0, string: 0 })).toBe('Unknown');
    expect(satisfiesType('Fractional', 'Integral')).toBe(true);
    expect(satisfiesType('Integral', 'Fractional')).toBe(false);
  });
});

describe('feature statistics', () => {
  it('counts presence, computes the population standard deviation, and keeps categorical counts', () => {
    const f = new FeatureAccumulator('x');
    ['1', '2', '', '3', '4'].forEach((v) => f.add(v));
    const s = f.toStatistics();
    expect(s.inferred_type).toBe('Integral');
    expect(s.numerical_statistics).toMatchObject({ common: { num_present: 4, num_missing: 1 }, mean: 2.5, sum: 10, min: 1, max: 4 });
    expect(s.numerical_statistics!.std_dev).toBeCloseTo(Math.sqrt(1.25), 12);

    const c = new FeatureAccumulator('color');
    ['red', 'blue', 'red', ' red ', ''].forEach((v) => c.add(v));
    expect(c.toStatistics()).toEqual({
      name: 'color',
      inferred_type: 'String',
      string_statistics: { common: { num_present: 4, num_missing: 1 }, distinct_count: 2, distribution: { categorical: { buckets: [{ value: 'red', count: 3 }, { value: 'blue', count: 1 }] } } },
    });
  });

  it('caps the distinct values it tracks', () => {
    const f = new FeatureAccumulator('id', { maxDistinct: 3 });
    ['a', 'b', 'c', 'd', 'a'].forEach((v) => f.add(v));
    expect(f.distinct.size).toBe(3);
    expect(f.untracked).toBe(1);
    expect(f.distinctComplete).toBe(false);
  });

  it('names extra columns _cN and counts short rows as missing', () => {
    const d = new DatasetAccumulator(['a', 'b']);
    d.addRow(['1', '2', '3']);
    d.addRow(['4']);
    const s = d.toStatistics();
    expect(s.dataset.item_count).toBe(2);
    expect(s.features.map((f) => f.name)).toEqual(['a', 'b', '_c2']);
    expect(s.features[1]!.numerical_statistics!.common).toEqual({ num_present: 1, num_missing: 1 });
    expect([d.minWidth, d.maxWidth]).toEqual([1, 3]);
  });
});
