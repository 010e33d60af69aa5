import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { runCli } from '../../support/run-cli.js';

// The bundled example: an iris classifier's Data Capture with twelve benign callers (real flowers
// the model never trained on) and one caller, partner-7f3a, running equation-solving extraction.
const EXAMPLE = 'examples/data-capture';
const CAPTURE = `${EXAMPLE}/capture`;
const BASELINE = `${EXAMPLE}/baseline`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ringfence-capture-scan-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const findingsOf = (stdout: string): Finding[] => JSON.parse(stdout).findings as Finding[];

describe('ringfence capture scan', () => {
  it('finds the extraction attack in the bundled example, and no benign caller extracting', async () => {
    const r = await runCli('capture', 'scan', CAPTURE, '--baseline', BASELINE, '--caller-attribute', 'caller', '-f', 'json');
    expect(r.code).toBe(1);
    const findings = findingsOf(r.stdout);
    const extraction = findings.filter((f) => f.ruleId.startsWith('capture-extraction-'));
    expect(extraction.length).toBeGreaterThan(0);
    expect(new Set(extraction.map((f) => f.detection!.subject))).toEqual(new Set(['partner-7f3a']));
    // Each finding says who, which detector, its score against the threshold, and when it fired.
    const first = extraction[0]!;
    expect(first.detection).toMatchObject({ subject: 'partner-7f3a', subjectKind: 'caller', detector: expect.any(String), score: expect.any(Number), threshold: expect.any(Number) });
    expect(first.detection!.time).toMatch(/^2026-01-05T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(first.references.atlas).toContain('AML.T0024.002');
    expect(first.location?.file).toMatch(/^examples\/data-capture\/capture\/iris-classifier\/AllTraffic\/2026\/01\/05\/\d\d\/capture-.*\.jsonl$/);
    // Out-of-distribution inputs: nearly all the attacker's uniform probes; few real flowers.
    const ood = findings.filter((f) => f.ruleId === 'capture-out-of-distribution-input');
    const byAttacker = ood.filter((f) => f.detection!.subject === 'partner-7f3a').length;
    expect(byAttacker).toBeGreaterThan(20);
    expect(ood.length - byAttacker).toBeLessThanOrEqual(3);
    expect(ood[0]!.references.atlas).toContain('AML.T0043');
    // Every input is accounted for: the baseline sample and each capture file.
    const inputs = JSON.parse(r.stdout).inputs as { path: string; status: string }[];
    expect(inputs.filter((i) => i.status === 'read').length).toBe(8);
    expect(r.stderr).toMatch(/205 rows from 13 caller\(s\)/);
    // A line per caller with findings, the extracting one first.
    const lines = r.stderr.split('\n').filter((l) => /^ringfence: (partner|app)-/.test(l));
    expect(lines[0]).toMatch(/^ringfence: partner-7f3a: extraction: out-of-range at 2026-01-05T\d\d:\d\d:\d\d\.\d{3}Z, precision at 2026-01-05T\d\d:\d\d:\d\d\.\d{3}Z; \d+ out-of-distribution input\(s\)$/);
    expect(lines.slice(1).every((l) => /^ringfence: app-\d\d: \d+ out-of-distribution input\(s\)$/.test(l))).toBe(true);
  });

  it("folds a caller's out-of-distribution inputs in the table after the first three; --verbose lists each", async () => {
    const args = ['capture', 'scan', CAPTURE, '--baseline', BASELINE, '--caller-attribute', 'caller', '-q'];
    const folded = (await runCli(...args)).stdout;
    const all = (await runCli(...args, '--verbose')).stdout;
    const count = (text: string, who: string) => text.split('\n').filter((l) => l.includes(`caller ${who}: input scored`)).length;
    expect(count(folded, 'partner-7f3a')).toBe(3);
    const more = folded.match(/… and (\d+) more capture-out-of-distribution-input for caller partner-7f3a \(--verbose or --format json lists each\)/);
    expect(more).not.toBeNull();
    expect(3 + Number(more![1])).toBe(count(all, 'partner-7f3a'));
    // The extraction finding is never folded, and the summary still counts every finding.
    expect(folded).toMatch(/capture-extraction-out-of-range/);
    expect(folded.trimEnd().split('\n').at(-1)).toBe(all.trimEnd().split('\n').at(-1));
    expect(all).not.toMatch(/… and \d+ more/);
  });

  it('takes the training CSV directly, with its label', async () => {
    const r = await runCli('capture', 'scan', CAPTURE, '--baseline', `${EXAMPLE}/training.csv`, '--label', 'label', '--caller-attribute', 'caller', '-f', 'json', '-q');
    expect(r.code).toBe(1);
    const subjects = new Set(findingsOf(r.stdout).filter((f) => f.ruleId.startsWith('capture-extraction-')).map((f) => f.detection!.subject));
    expect(subjects).toEqual(new Set(['partner-7f3a']));
  });

  it('analyses per endpoint, and says so, when callers are not tagged', async () => {
    const r = await runCli('capture', 'scan', CAPTURE, '--baseline', BASELINE, '-f', 'json');
    const extraction = findingsOf(r.stdout).filter((f) => f.ruleId.startsWith('capture-extraction-'));
    for (const f of extraction) expect(f.detection!.subjectKind).toBe('endpoint');
    expect(r.stderr).toMatch(/note: .*CustomAttributes/i);
  });

  it('refuses a Model Monitor baseline without the training rows, saying how to make one', async () => {
    const dir = join(work, 'mm-only');
    cpSync(BASELINE, dir, { recursive: true });
    rmSync(join(dir, 'ringfence-baseline.json'));
    const r = await runCli('capture', 'scan', CAPTURE, '--baseline', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no ringfence-baseline\.json in this directory: .*capture baseline TRAINING\.csv --label COL -o DIR/);
  });

  it('serves capture score and capture extraction too: the directory names the label', async () => {
    const score = await runCli('capture', 'score', CAPTURE, '--baseline', BASELINE, '--caller-attribute', 'caller', '-f', 'json', '-q');
    expect(score.code).toBe(1);
    const report = JSON.parse(score.stdout);
    expect(report.baseline.file).toBe(`${BASELINE}/ringfence-training.csv`);
    expect(report.baseline.excluded).toEqual(['label']);
    const extraction = await runCli('capture', 'extraction', CAPTURE, '--baseline', BASELINE, '--caller-attribute', 'caller', '-f', 'json', '-q');
    expect(extraction.code).toBe(1);
    expect(new Set(findingsOf(extraction.stdout).map((f) => f.detection!.subject))).toEqual(new Set(['partner-7f3a']));
    // A label on the command line that contradicts the directory's is an error, not a guess.
    const wrong = await runCli('capture', 'extraction', CAPTURE, '--baseline', BASELINE, '--label', 'species');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/the baseline's label column is "label", not "species"/);
  });

  it('joins ground truth on eventId and says which flagged inputs the model got wrong', async () => {
    // Ground truth for every captured request: species 0 (setosa), whatever was sent.
    const events = readdirSync(CAPTURE, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(CAPTURE, f), 'utf8').trim().split('\n'))
      .map((line) => JSON.parse(line).eventMetadata.eventId as string);
    const truth = join(work, 'groundtruth', '2026', '01', '05', '18');
    mkdirSync(truth, { recursive: true });
    writeFileSync(join(truth, 'labels.jsonl'), events.map((eventId) => JSON.stringify({ groundTruthData: { data: '0', encoding: 'CSV' }, eventMetadata: { eventId }, eventVersion: '0' })).join('\n') + '\n');
    const r = await runCli('capture', 'score', CAPTURE, '--baseline', BASELINE, '--ground-truth', join(work, 'groundtruth'), '-f', 'json', '-q');
    const report = JSON.parse(r.stdout);
    expect(report.inputs).toContainEqual(expect.objectContaining({ kind: 'ground-truth', status: 'read' }));
    const flagged = report.flagged as { groundTruth: string | number; misclassified: boolean }[];
    expect(flagged.every((f) => String(f.groundTruth) === '0')).toBe(true);
    // The probes land in all three species' regions: some predicted 0 (right), most not.
    expect(flagged.some((f) => f.misclassified)).toBe(true);
    expect(flagged.some((f) => !f.misclassified)).toBe(true);
    const scan = await runCli('capture', 'scan', CAPTURE, '--baseline', BASELINE, '--caller-attribute', 'caller', '--ground-truth', join(work, 'groundtruth'), '-f', 'json', '-q');
    const ood = findingsOf(scan.stdout).filter((f) => f.ruleId === 'capture-out-of-distribution-input');
    expect(ood.some((f) => /ground truth 0, and the model got it wrong/.test(f.message))).toBe(true);
  });

  it('writes SARIF with both families of detectors as rules', async () => {
    const out = join(work, 'scan.sarif');
    const r = await runCli('capture', 'scan', CAPTURE, '--baseline', BASELINE, '--caller-attribute', 'caller', '-f', 'sarif', '-o', out, '-q');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    const rules = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    expect(rules).toContain('capture-out-of-distribution-input');
    expect(rules).toContain('capture-extraction-out-of-range');
  });
});

describe('ringfence capture baseline keeps the training rows the detectors need', () => {
  it('writes a seeded sample and its manifest beside Model Monitor’s files', async () => {
    const dir = join(work, 'baseline');
    const r = await runCli('capture', 'baseline', `${EXAMPLE}/training.csv`, '--label', 'label', '-o', dir, '-q');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'ringfence-baseline.json'), 'utf8'));
    expect(manifest).toMatchObject({ training: 'ringfence-training.csv', label: 'label', rows: 105, sampledFrom: 105 });
    const sample = readFileSync(join(dir, 'ringfence-training.csv'), 'utf8').trim().split('\n');
    expect(sample[0]).toBe('sepal_length,sepal_width,petal_length,petal_width,label');
    expect(sample).toHaveLength(106);
    // The label is not one of Model Monitor's features.
    const stats = JSON.parse(readFileSync(join(dir, 'statistics.json'), 'utf8'));
    expect(stats.features.map((f: { name: string }) => f.name)).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    // The committed example baseline is what this command writes.
    expect(readFileSync(join(dir, 'ringfence-training.csv'), 'utf8')).toBe(readFileSync(`${BASELINE}/ringfence-training.csv`, 'utf8'));
  });
});
