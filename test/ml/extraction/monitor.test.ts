import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../src/ml/extraction/calibrate.js';
import { ExtractionMonitor } from '../../../src/ml/extraction/monitor.js';
import { splitDataset } from '../../../src/ml/extraction/simulate/dataset.js';
import type { Query } from '../../../src/ml/extraction/types.js';
import { loadDataset } from './support.js';

const dataset = loadDataset('iris');
const split = splitDataset(dataset, 3);
const config = calibrate(
  {
    encoder: dataset.encoder,
    baseline: split.train.map((i) => dataset.rows[i]!),
    baselineClasses: split.train.map((i) => dataset.labels[i]!),
    calibration: split.calibration.map((i) => dataset.rows[i]!),
    calibrationClasses: split.calibration.map((i) => dataset.labels[i]!),
  },
  { signals: ['out-of-range', 'one-feature-pairs', 'volume'], maxQueries: 20 },
);

const t0 = Date.UTC(2026, 2, 1, 12);
const q = (caller: string, x: number[], index: number): Query => ({
  caller,
  x: Float64Array.from(x),
  index,
  timeMs: t0 + index * 1000,
  source: { file: 'capture.jsonl', line: index + 1 },
});

describe('extraction monitor', () => {
  it('runs only the calibrated signals and says which were left out', () => {
    const monitor = new ExtractionMonitor(config);
    expect([...monitor.activeSignals].sort()).toEqual(['one-feature-pairs', 'out-of-range', 'volume']);
    const full = calibrate({ encoder: dataset.encoder, baseline: split.train.map((i) => dataset.rows[i]!), calibration: split.calibration.map((i) => dataset.rows[i]!) });
    expect(full.calibration.notes.join('\n')).toMatch(/near-boundary: off, no class probabilities/);
    expect(() => calibrate({ encoder: dataset.encoder, baseline: [], calibration: [] })).toThrow(/at least 2 benign rows/);
    expect(() => calibrate({ encoder: dataset.encoder, baseline: full.space.axes as Float64Array[], calibration: full.space.axes as Float64Array[] }, { signals: ['telepathy'] })).toThrow(/unknown signal "telepathy"/);
  });

  it('keeps callers apart, raises each signal once per caller, and says who, what and when', () => {
    const monitor = new ExtractionMonitor(config);
    let index = 0;
    // A benign caller replays real rows; the attacker sends impossible flowers, interleaved.
    const benign = split.test.slice(0, 15).map((i) => Array.from(dataset.rows[i]!));
    for (let k = 0; k < 15; k++) {
      monitor.observe(q('alice', benign[k]!, index++));
      monitor.observe(q('mallory', [7.9, 4.4, 1.0 + 0.1 * k, 2.5], index++));
    }
    const byCaller = (c: string) => monitor.alerts.filter((a) => a.caller === c);
    expect(byCaller('alice')).toEqual([]);
    const mallory = byCaller('mallory');
    expect(mallory.map((a) => a.signal).sort()).toEqual(['one-feature-pairs', 'out-of-range']);
    const range = mallory.find((a) => a.signal === 'out-of-range')!;
    expect(range.queries).toBeLessThanOrEqual(3);
    expect(range.index).toBe(2 * range.queries - 1);
    expect(range.timeMs).toBe(t0 + range.index * 1000);
    expect(range.source).toEqual({ file: 'capture.jsonl', line: range.index + 1 });
    // A petal 1 cm long and 2.5 cm wide lies far past the tails of iris's petal measurements.
    expect(range.detail).toMatch(/query 1 lies further into the training data's tails than a benign row goes once in/);
    expect(range.value).toBeLessThan(range.threshold);
    // More queries raise nothing new for mallory until the volume limit (20) is passed.
    for (let k = 0; k < 5; k++) monitor.observe(q('mallory', [7.9, 4.4, 4 + k, 2.5], index++));
    expect(byCaller('mallory')).toHaveLength(2);
    for (let k = 0; k < 2; k++) monitor.observe(q('mallory', [7.9, 4.4, 4 + k, 2.5], index++));
    expect(byCaller('mallory').map((a) => a.signal)).toContain('volume');
    const summary = monitor.summaries().find((s) => s.caller === 'mallory')!;
    expect(summary.queries).toBe(22);
    expect(summary.signals).toHaveLength(3);
  });

  it('forgets the least recently seen caller beyond its cap, and counts it', () => {
    const monitor = new ExtractionMonitor(config, { maxCallers: 2 });
    const row = Array.from(dataset.rows[split.test[0]!]!);
    monitor.observe(q('a', row, 0));
    monitor.observe(q('b', row, 1));
    monitor.observe(q('a', row, 2)); // a is now the most recent
    monitor.observe(q('c', row, 3)); // b goes
    expect(monitor.summaries().map((s) => s.caller).sort()).toEqual(['a', 'c']);
    expect(monitor.evicted).toBe(1);
    expect(monitor.records).toBe(4);
  });
});
