import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBaseline, parseConstraints, parseStatistics } from '../../../src/ml/drift/index.js';
import { DATASETS, MONITOR } from '../capture/support.js';
import { shape } from './support.js';

const DATA_QUALITY = join(MONITOR, 'pipeline', 'quality_check_step', 'data_quality');
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

describe("baseline in Model Monitor's schema, compared with files Model Monitor wrote", () => {
  it('reproduces the real data-quality statistics.json from its baseline CSV, value for value', async () => {
    const real = readJson(join(DATA_QUALITY, 'statistics.json')) as { features: { numerical_statistics: unknown }[] };
    const ours = await buildBaseline(join(DATA_QUALITY, 'baseline_dataset.csv'), 'baseline_dataset.csv');
    expect(ours.header).toBe(false);
    expect(shape(ours.statistics)).toEqual(shape(real));
    // Same names (_c0…), types, moments, bucket bounds and counts, and the KLL sketch's items.
    expect(JSON.parse(JSON.stringify(ours.statistics))).toEqual(real);
  });

  it('writes constraints.json with the structure and suggestions of the real baselining job', async () => {
    const real = readJson(join(DATA_QUALITY, 'good_cases', 'constraints.json'));
    const ours = await buildBaseline(join(DATA_QUALITY, 'baseline_dataset.csv'), 'baseline_dataset.csv');
    expect(shape(ours.constraints)).toEqual(shape(real));
    expect(JSON.parse(JSON.stringify(ours.constraints))).toEqual(real);
  });

  it('gives text columns string statistics and a domain, shaped as in the real files', async () => {
    const ours = await buildBaseline(join(DATASETS, 'adult_train.csv'), 'adult_train.csv', { exclude: ['label'] });
    expect(ours.header).toBe(true);
    expect(ours.excluded).toEqual(['label']);
    const realStats = readJson(join(MONITOR, 'statistics.json')) as { features: unknown[] };
    const workclass = ours.statistics.features.find((f) => f.name === 'workclass')!;
    expect(shape(workclass)).toEqual(shape(realStats.features[0]));
    expect(workclass.string_statistics!.distinct_count).toBe(9);
    expect(workclass.string_statistics!.distribution.categorical.buckets[0]).toEqual({ value: 'Private', count: 22696 });
    expect(workclass.string_statistics!.common).toEqual({ num_present: 32561, num_missing: 0 });
    const age = ours.statistics.features.find((f) => f.name === 'age')!;
    expect(age.inferred_type).toBe('Integral');
    expect(age.numerical_statistics).toMatchObject({ min: 17, max: 90, common: { num_present: 32561 } });
    // A sketch of 32,561 values is compacted: its items, weighted by level, still count every value.
    const data = age.numerical_statistics!.distribution.kll.sketch.data;
    expect(data.length).toBeGreaterThan(1);
    expect(data.reduce((s, level, h) => s + level.length * 2 ** h, 0)).toBe(32561);
    expect(age.numerical_statistics!.distribution.kll.buckets.reduce((s, b) => s + b.count, 0)).toBe(32561);

    const realConstraints = readJson(join(MONITOR, 'constraints.json')) as { features: { string_constraints: { domains: unknown } }[] };
    const wc = ours.constraints.features.find((f) => f.name === 'workclass')!;
    expect(shape(wc.string_constraints!.domains)).toEqual(shape(realConstraints.features[0]!.string_constraints.domains));
    expect(wc.string_constraints!.domains).toContain('?');
    // fnlwgt has ~21,600 distinct values: no domain for it (it is numeric anyway), nor for free text.
    expect(ours.constraints.features.find((f) => f.name === 'fnlwgt')!.string_constraints).toBeUndefined();
    // And our own output reads back through the schema checks.
    expect(parseStatistics(JSON.parse(JSON.stringify(ours.statistics)), 's.json').features).toHaveLength(14);
    expect(parseConstraints(JSON.parse(JSON.stringify(ours.constraints)), 'c.json').features).toHaveLength(14);
  });

  it('reads every real Model Monitor file of the corpus through the schema checks', () => {
    for (const f of ['statistics.json', 'pipeline/quality_check_step/data_quality/statistics.json']) expect(() => parseStatistics(readJson(join(MONITOR, f)), f)).not.toThrow();
    for (const f of ['constraints.json', 'pipeline/quality_check_step/data_quality/good_cases/constraints.json', 'pipeline/quality_check_step/data_quality/bad_cases/constraints.json']) {
      expect(() => parseConstraints(readJson(join(MONITOR, f)), f)).not.toThrow();
    }
    // Model-quality files are a different kind; said so, not misread.
    expect(() => parseStatistics(readJson(join(MONITOR, 'pipeline/quality_check_step/model_quality/statistics.json')), 'mq.json')).toThrow(/model-quality statistics/);
  });
});
