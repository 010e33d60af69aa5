import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineCaptureExtraction } from '../../../src/cli/capture/extraction.js';
import { ATTACKS } from '../../../src/ml/extraction/simulate/attacks/index.js';
import { captureFiles, type CapturedQuery } from '../../../src/ml/extraction/simulate/capture-writer.js';
import { runAttack, runBenign } from '../../../src/ml/extraction/simulate/harness.js';
import { buildScenario } from '../../../src/ml/extraction/simulate/scenario.js';
import { loadDataset } from './support.js';

// A Data Capture directory written from simulated traffic on the banknote model: benign callers
// replaying held-out rows and one caller, mallory, walking the decision boundary.
let dir: string;
let capture: string;
let baseline: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringfence-extraction-'));
  const dataset = loadDataset('banknote_authentication');
  const scenario = buildScenario(dataset, { seed: 1 });
  const queries: CapturedQuery[] = [];
  runBenign(scenario, { callers: 12, maxLength: 40, onQuery: (q) => queries.push(q) });
  runAttack(scenario, ATTACKS['boundary-walk'], { budget: 60, until: 'budget', caller: 'mallory', onQuery: (q) => queries.push(q) });
  capture = join(dir, 'capture');
  for (const [path, text] of captureFiles(queries, dataset.encoder, { endpoint: 'banknote', variant: 'AllTraffic' })) {
    mkdirSync(dirname(join(capture, path)), { recursive: true });
    writeFileSync(join(capture, path), text);
  }
  baseline = join(dir, 'train.csv');
  const columns = dataset.encoder.columns.map((c) => c.name);
  const lines = [[...columns, 'label'].join(',')];
  for (const i of scenario.split.train) lines.push([...dataset.rows[i]!, dataset.classNames[dataset.labels[i]!]].join(','));
  writeFileSync(baseline, lines.join('\n') + '\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += String(chunk);
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write);
  let code = 0;
  try {
    const program = new Command('ringfence').exitOverride();
    const group = program.command('capture').exitOverride();
    defineCaptureExtraction(group, (c) => (code = c));
    for (const cmd of group.commands) cmd.exitOverride();
    await program.parseAsync(['capture', 'extraction', ...argv], { from: 'user' });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}

describe('ringfence capture extraction', () => {
  it('names the extracting caller, the signals and when they fired, with ATLAS references', async () => {
    const r = await run(capture, '--baseline', baseline, '--label', 'label', '--caller-attribute', 'caller', '-f', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const findings = report.findings as { ruleId: string; property: string; message: string; resource: { id: string }; location: { file: string; line: number }; references: { atlas: string[] } }[];
    const callers = new Set(findings.map((f) => f.property));
    expect(callers).toEqual(new Set(['caller mallory']));
    const rules = findings.map((f) => f.ruleId);
    expect(rules).toContain('capture-extraction-near-boundary');
    expect(rules).toContain('capture-extraction-one-feature-pairs');
    for (const f of findings) {
      expect(f.resource.id).toBe('banknote');
      expect(f.references.atlas).toEqual(expect.arrayContaining(['AML.T0024.002', 'AML.T0024', 'AML.M0004']));
      expect(f.message).toMatch(/^caller mallory: .*fired at its query \d+ \(record \d+, 2026-01-05T\d\d:\d\d:\d\d\.\d{3}Z\)/);
      expect(f.location.file).toMatch(/banknote\/AllTraffic\/2026\/01\/05\/\d\d\/capture-.*\.jsonl$/);
      expect(f.location.line).toBeGreaterThan(0);
    }
    // Every input is accounted for: the baseline and each capture file, read.
    expect(report.inputs[0]).toMatchObject({ kind: 'baseline', status: 'read' });
    expect(report.inputs.slice(1).every((i: { status: string }) => i.status === 'read')).toBe(true);
    expect(report.summary.resources).toBe(13); // 12 benign callers and mallory
    expect(r.stderr).toMatch(/rows analysed from 13 caller\(s\); 1 flagged/);
  });

  it('renders the table and SARIF reporters', async () => {
    const table = await run(capture, '--baseline', baseline, '--label', 'label', '--caller-attribute', 'caller', '-q');
    expect(table.stdout).toMatch(/capture-extraction-/);
    expect(table.stderr).toBe('');
    const sarif = await run(capture, '--baseline', baseline, '--label', 'label', '--caller-attribute', 'caller', '-f', 'sarif', '-q');
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.length).toBeGreaterThan(0);
  });

  it('without caller tags analyses the endpoint as one caller and says so', async () => {
    const r = await run(capture, '--baseline', baseline, '--label', 'label', '-f', 'json', '--fail-on', 'none');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: callers are not identified/);
    for (const f of JSON.parse(r.stdout).findings) expect(f.message).toMatch(/^endpoint traffic \(endpoint:banknote\/AllTraffic; callers not identified\)/);
  });

  it('counts rows it cannot analyse, and names the first', async () => {
    // Without --label the baseline has 5 columns; the endpoint receives 4.
    const r = await run(capture, '--baseline', baseline, '--caller-attribute', 'caller', '-f', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.stderr).toMatch(/warning: \d+ row\(s\) with a number of values other than the 5 baseline features were not analysed \(first: .*\.jsonl:1, 4 values\)/);
  });

  it('fails with exit code 2 and a clear message on a bad baseline or option', async () => {
    const missing = await run(capture, '--baseline', join(dir, 'nope.csv'), '-q');
    expect(missing.code).toBe(2);
    const label = await run(capture, '--baseline', baseline, '--label', 'class');
    expect(label.code).toBe(2);
    expect(label.stderr).toMatch(/no column "class" in the baseline; columns are variance, skewness, curtosis, entropy, label/);
    await expect(run(capture, '--baseline', baseline, '--signals', 'telepathy')).rejects.toThrow(/unknown signal telepathy/);
    const tiny = join(dir, 'tiny.csv');
    writeFileSync(tiny, 'a,b\n1,2\n3,4\n');
    const small = await run(capture, '--baseline', tiny);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/2 usable baseline rows; at least 20 are needed/);
  });
});
