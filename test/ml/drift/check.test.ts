import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { openCapture } from '../../../src/ml/capture/index.js';
import {
  buildBaseline,
  captureDataset,
  categoricalDistance,
  checkConstraints,
  chiSquaredHomogeneity,
  chiSquaredPValue,
  ksCriticalCoefficient,
  loadBaseline,
  numericDistance,
  parseConstraints,
  parseJsonText,
  suggestConstraints,
} from '../../../src/ml/drift/index.js';
import { DatasetAccumulator, KllSketch } from '../../../src/ml/stats/index.js';
import { MONITOR, tempDir } from '../capture/support.js';

const MODEL_QUALITY_CSV = join(MONITOR, 'pipeline', 'quality_check_step', 'model_quality', 'baseline_dataset.csv');
const FEATURES = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7'];

async function modelQualityBaseline() {
  return buildBaseline(MODEL_QUALITY_CSV, 'baseline_dataset.csv', { exclude: ['Label', 'Prediction'] });
}

function dataset(rows: string[][], names = FEATURES): DatasetAccumulator {
  const d = new DatasetAccumulator(names);
  rows.forEach((r) => d.addRow(r));
  return d;
}

function sample(values: number[]) {
  const s = new KllSketch();
  values.forEach((v) => s.update(v));
  return { items: s.weightedItems(), count: s.count };
}

describe('distances', () => {
  it('measures the largest gap between two CDFs, and Robust subtracts the two-sample KS critical value', () => {
    const d = numericDistance(sample([1, 2, 3]), sample([2, 3, 4]), 'Simple');
    expect(d.simple).toBeCloseTo(1 / 3, 12);
    expect(d.value).toBe(d.simple);
    expect(numericDistance(sample([1, 2, 3]), sample([2, 3, 4]), 'Robust').value).toBe(0);
    const far = numericDistance(sample(Array.from({ length: 400 }, (_, i) => i)), sample(Array.from({ length: 400 }, (_, i) => i + 200)), 'Robust');
    expect(far.simple).toBeCloseTo(0.5, 12);
    expect(far.robust).toBeCloseTo(0.5 - ksCriticalCoefficient(0.003) * Math.sqrt(800 / 160000), 12);
    expect(ksCriticalCoefficient(0.05)).toBeCloseTo(1.358, 3);
  });

  it('measures categorical drift as the largest gap between two value probabilities', () => {
    const d = categoricalDistance(new Map([['a', 50], ['b', 50]]), new Map([['a', 20], ['b', 60], ['c', 20]]), 'Simple');
    expect(d.value).toBeCloseTo(0.3, 12);
  });

  it('gives chi-squared p-values matching the published table', () => {
    // Critical values of the chi-squared distribution (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.4).
    expect(chiSquaredPValue(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquaredPValue(6.634897, 1)).toBeCloseTo(0.01, 6);
    expect(chiSquaredPValue(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquaredPValue(18.307038, 10)).toBeCloseTo(0.05, 6);
    expect(chiSquaredPValue(124.342, 100)).toBeCloseTo(0.05, 4);
    const r = chiSquaredHomogeneity(new Map([['x', 10], ['y', 20]]), new Map([['x', 20], ['y', 10]]));
    expect(r.statistic).toBeCloseTo(20 / 3, 10);
    expect(r.dof).toBe(1);
    expect(r.pValue).toBeCloseTo(0.009823, 5);
  });
});

describe('constraint checks', () => {
  it('finds nothing when the captured data is the baseline data', async () => {
    const base = await modelQualityBaseline();
    const rows = readFileRows(MODEL_QUALITY_CSV).map((r) => r.slice(0, 7));
    const result = checkConstraints(base.constraints, base.statistics, dataset(rows));
    expect(result.violations).toEqual([]);
    expect(result.items).toBe(100);
    expect(result.measures.every((m) => m.completeness === 1 && m.typeMatch === 1 && m.drift && 'simple' in m.drift && m.drift.simple === 0)).toBe(true);
  });

  it('finds baseline drift in the real capture.jsonl, and more with the Simple method than with Robust', async () => {
    const base = await modelQualityBaseline();
    const current = await captureDataset(openCapture([join(MONITOR, 'capture.jsonl')]).records, FEATURES);
    expect(current.dataset.rows).toBe(44);
    const robust = checkConstraints(base.constraints, base.statistics, current.dataset);
    expect(robust.violations.map((v) => [v.feature_name, v.constraint_check_type])).toEqual([
      ['F1', 'baseline_drift_check'],
      ['F2', 'baseline_drift_check'],
    ]);
    expect(robust.violations[0]!.description).toMatch(/^Baseline drift distance: 0\.134\d+ exceeds threshold: 0\.1$/);
    const simpleConstraints = suggestConstraints(base.statistics, { comparisonMethod: 'Simple' });
    const simple = checkConstraints(simpleConstraints, base.statistics, current.dataset);
    expect(simple.violations.length).toBeGreaterThan(robust.violations.length);
    const f1 = simple.measures[0]!.drift as { simple: number; robust: number };
    expect(f1.simple - f1.robust).toBeCloseTo(ksCriticalCoefficient(0.003) * Math.sqrt((100 + 44) / (100 * 44)), 10);
  });

  it('reports each of data type, completeness, missing and extra columns, with descriptions in Model Monitor style', async () => {
    const base = await modelQualityBaseline();
    const ok = ['22', '40', '28', '12', '35', '41', '48'];
    const rows = [
      ['1.5', ...ok.slice(1)],
      ['2.5', '', ...ok.slice(2)],
      ok,
      ok,
      ok.slice(0, 6),
      [...ok, '9'],
    ];
    const noDrift = { ...base.constraints, monitoring_config: { ...base.constraints.monitoring_config, distribution_constraints: { perform_comparison: 'Disabled' as const } } };
    const result = checkConstraints(noDrift, base.statistics, dataset(rows));
    expect(result.violations).toEqual([
      { feature_name: '_c7', constraint_check_type: 'extra_column_check', description: 'There are extra columns in current dataset. Number of columns in current dataset: 8, Number of columns in baseline constraints: 7' },
      { feature_name: 'F1', constraint_check_type: 'data_type_check', description: 'Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 66.66666666666666% of data is Integral.' },
      { feature_name: 'F2', constraint_check_type: 'completeness_check', description: 'Data completeness requirement is not met. Expected completeness: 100.0%. Observed: Only 83.33333333333334% of data is present.' },
      { feature_name: 'F7', constraint_check_type: 'completeness_check', description: 'Data completeness requirement is not met. Expected completeness: 100.0%. Observed: Only 83.33333333333334% of data is present.' },
    ]);
    const narrow = checkConstraints(noDrift, base.statistics, dataset([ok.slice(0, 6)]));
    expect(narrow.violations).toEqual([
      { feature_name: 'F7', constraint_check_type: 'missing_column_check', description: 'There are missing columns in current dataset. Number of columns in current dataset: 6, Number of columns in baseline constraints: 7' },
    ]);
  });

  it('checks categorical values against the domain and categorical drift, LInfinity or ChiSquared', () => {
    const names = ['color'];
    const baseData = dataset([...Array(600).fill(['red']), ...Array(400).fill(['blue'])], names);
    const statistics = baseData.toStatistics();
    const constraints = suggestConstraints(statistics);
    expect(constraints.features[0]!.string_constraints).toEqual({ domains: ['red', 'blue'] });
    const current = dataset([...Array(300).fill(['red']), ...Array(600).fill(['blue']), ...Array(100).fill(['green'])], names);
    const linf = checkConstraints(constraints, statistics, current);
    expect(linf.violations.map((v) => v.constraint_check_type)).toEqual(['categorical_values_check', 'baseline_drift_check']);
    expect(linf.violations[0]!.description).toBe(
      'Categorical value requirement is not met. Expected: 100.0% of values in the baseline domain. Observed: Only 90.0% of values are in the domain; values not in it: "green".',
    );
    // LInfinity: |0.6 − 0.3| = 0.3, less the Robust correction for 1,000 and 1,000 values.
    const drift0 = linf.measures[0]!.drift as { simple: number; value: number };
    expect(drift0.simple).toBeCloseTo(0.3, 12);
    expect(drift0.value).toBeCloseTo(0.3 - ksCriticalCoefficient(0.003) * Math.sqrt(2000 / 1e6), 12);
    const chi = suggestConstraints(statistics, { categoricalDriftMethod: 'ChiSquared', categoricalThreshold: 0.05 });
    expect(chi.monitoring_config.distribution_constraints).toMatchObject({ categorical_drift_method: 'ChiSquared', categorical_comparison_threshold: 0.05 });
    const result = checkConstraints(chi, statistics, current);
    const drift = result.measures[0]!.drift as { method: string; pValue: number };
    expect(drift.method).toBe('ChiSquared');
    expect(drift.pValue).toBeLessThan(1e-4);
    expect(result.violations[1]!.description).toMatch(/^Baseline drift p-value \(chi-squared [\d.]+, 2 degrees of freedom\): [\d.e-]+ is below threshold: 0\.05$/);
  });

  it("honours monitoring_config switches and a feature's overrides", async () => {
    const base = await modelQualityBaseline();
    const rows = [['1.5', '40', '28', '12', '35', '41', '48']];
    const c = structuredClone(base.constraints);
    c.features[0]!.monitoringConfigOverrides = { evaluate_constraints: 'Disabled' };
    expect(checkConstraints(c, undefined, dataset(rows)).violations).toEqual([]);
    c.features[0]!.monitoringConfigOverrides = { datatype_check_threshold: 0 };
    expect(checkConstraints(c, undefined, dataset(rows)).violations).toEqual([]);
    const off = { ...base.constraints, monitoring_config: { evaluate_constraints: 'Disabled' as const } };
    expect(checkConstraints(off, base.statistics, dataset(rows)).violations).toEqual([]);
  });
});

describe('reading a baseline', () => {
  it('names the file and JSON path of a value out of schema, and the line of a syntax error', async () => {
    expect(() => parseConstraints({ features: [{ name: 'a', inferred_type: 'Float' }] }, 'constraints.json')).toThrow(
      'features[0].inferred_type: expected one of Integral, Fractional, String, Unknown, got string "Float"',
    );
    try {
      parseJsonText('{\n  "features": [\n    {"name": }\n  ]\n}', 'constraints.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).line).toBe(3);
      expect((e as InputError).column).toBe(14);
      expect((e as InputError).message).toBe("not valid JSON: Unexpected token '}'");
    }
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'constraints.json'), JSON.stringify({ features: [], monitoring_config: { distribution_constraints: { comparison_method: 'Fancy' } } }));
      await expect(loadBaseline(dir, (p) => p)).rejects.toThrow('monitoring_config.distribution_constraints.comparison_method: expected one of Simple, Robust, got string "Fancy"');
      await expect(loadBaseline(join(dir, 'nope'), (p) => p)).rejects.toThrow('no such file or directory');
    } finally {
      cleanup();
    }
  });
});

function readFileRows(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}
