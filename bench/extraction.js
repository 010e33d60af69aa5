// Model-extraction detection on the real datasets of ../shared/data/datasets. For each dataset a
// logistic regression is trained on half the rows (the target), the detectors are calibrated on
// benign data only (the training rows and a held-out calibration split), and four attacks query
// the target: equation-solving (Tramèr et al. 2016), Jacobian-based augmentation (Papernot et al.
// 2017), uniform random probing and boundary walking. Each prints whether and when it was
// detected, by which signal, the agreement its surrogate had with the target on held-out rows at
// that moment, and when the surrogate first reached 95% agreement. Benign callers replay held-out
// rows; the share flagged is the false-positive rate.
//
// Each attack runs twice: as published (computed queries at full double precision) and rounded,
// every value to the decimals the data is recorded at ("(rounded)"), an attacker who knows the
// precision signal exists. The precision signal sees only the first; every other signal sees both.
//
// Then throughput, on one core: simulated traffic is written as Data Capture JSON Lines and read
// back (1) only iterating and decoding the records, the baseline, (2) decoding and running every
// detector, and (3) the detectors alone on decoded queries. Ratios and rates are printed, never
// asserted. Targets: every attack detected before 95% agreement; at most 1% of benign callers
// flagged; the streaming detectors process at least 50,000 records per second — so (2) may take
// at most (1) plus 20 µs per record, the ratio target printed in the summary.
//
//   node bench/extraction.js [--datasets iris,wine,...] [--seed N | --seeds 1,2,3] [--callers N]
//                            [--budget N] [--throughput-callers N] [--rounds N]
//                            [--attackers published,rounded]
//
// With --seeds, detection runs once per seed (a new split, target, calibration and attack
// randomness each) and a summary per seed follows; throughput is measured once, on the first.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { importBuilt, median, formatMs, printResult, ROOT } from './support/common.js';

const { values: args } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'iris,wine,breast_cancer,banknote_authentication,adult_train' },
    seed: { type: 'string', default: '1' },
    seeds: { type: 'string' },
    callers: { type: 'string', default: '500' },
    budget: { type: 'string', default: '3000' },
    'throughput-callers': { type: 'string', default: '1500' },
    rounds: { type: 'string', default: '3' },
    attackers: { type: 'string', default: 'published,rounded' },
  },
});
const SEEDS = (args.seeds ?? args.seed).split(',').map(Number);
const SEED = SEEDS[0];
const TARGET_RATE = 50_000;
const ATTACKERS = args.attackers.split(',');
for (const a of ATTACKERS) if (a !== 'published' && a !== 'rounded') throw new Error(`--attackers: "${a}" is not published or rounded`);
const DATA = join(ROOT, '..', 'shared', 'data', 'datasets');

const { readTable } = await importBuilt('ml/tabular/csv.js');
const sim = await importBuilt('ml/extraction/simulate/index.js');
const { ExtractionMonitor, detectExtraction } = await importBuilt('ml/extraction/index.js');
const capture = await importBuilt('ml/capture/index.js');

async function loadDataset(name) {
  const table = await readTable(join(DATA, `${name}.csv`), { text: ['label'] });
  const failed = table.inputs.find((i) => i.status !== 'read');
  if (failed) throw new Error(`${name}: ${failed.error?.message ?? failed.reason}`);
  return sim.datasetFromTable(name, table.columns, table.rows, 'label');
}

const pct = (v) => `${(100 * v).toFixed(1)}%`;
/** Attacks met (detected before 95%) of those run, per kind of attacker. */
const metBy = (list) => ATTACKERS.map((a) => ({ attacker: a, met: list.filter((r) => r.attacker === a && r.met).length, of: list.filter((r) => r.attacker === a).length }));
const formatMet = (met) => met.map((m) => `${m.met}/${m.of} ${m.attacker}`).join(', ');
const pad = (s, n) => String(s).padEnd(n);

// ---------------------------------------------------------------------------------------------
// Detection: attack × dataset, and benign callers.

const rows = [];
const benign = [];
const perSeed = [];
let scenarioForThroughput;
for (const seed of SEEDS) {
  if (SEEDS.length > 1) console.log(`\nseed ${seed}`);
  const seedRows = [];
  const seedBenign = [];
  console.log(`${pad('dataset', 24)}${pad('attack', 28)}${pad('detected', 9)}${pad('at query', 9)}${pad('by', 18)}${pad('agreement then', 15)}${pad('95% at', 8)}verdict`);
  for (const name of args.datasets.split(',')) {
    const t0 = performance.now();
    const dataset = await loadDataset(name);
    const scenario = sim.buildScenario(dataset, { seed });
    const buildMs = performance.now() - t0;
    if (seed === SEED && (name === 'breast_cancer' || !scenarioForThroughput)) scenarioForThroughput = scenario;
    for (const attacker of ATTACKERS) {
      for (const attack of Object.values(sim.ATTACKS)) {
        const rounded = attacker === 'rounded';
        const run = sim.runAttack(scenario, attack, { budget: Number(args.budget), seed: seed + 6, roundToGrid: rounded });
        const d = run.detection;
        // Met: detected, and the surrogate had not reached 95% agreement by then.
        const met = d !== undefined && d.agreement < 0.95 && (run.queriesTo95 === undefined || d.queries < run.queriesTo95);
        const label = rounded ? `${attack.name} (rounded)` : attack.name;
        seedRows.push({ seed, dataset: name, attack: attack.name, attacker, detected: !!d, queries: d?.queries, signal: d?.signal, agreement: d?.agreement, queriesTo95: run.queriesTo95, met, finalAgreement: run.finalAgreement, sent: run.queries });
        console.log(
          `${pad(name, 24)}${pad(label, 28)}${pad(d ? 'yes' : 'NO', 9)}${pad(d?.queries ?? '-', 9)}${pad(d?.signal ?? '-', 18)}${pad(d ? pct(d.agreement) : '-', 15)}${pad(run.queriesTo95 ?? `>${run.queries}`, 8)}${met ? 'before 95%' : 'MISSED'}`,
        );
      }
    }
    const b = sim.runBenign(scenario, { callers: Number(args.callers), seed: seed + 10 });
    seedBenign.push({ seed, dataset: name, callers: b.callers, flagged: b.flagged, rate: b.rate, queries: b.queries, bySignal: b.bySignal });
    const bySignal = Object.entries(b.bySignal).map(([s, n]) => `${s} ${n}`).join(', ');
    console.log(`${pad(name, 24)}${pad('benign callers', 28)}${b.flagged}/${b.callers} flagged (${pct(b.rate)}${bySignal ? `: ${bySignal}` : ''}), ${b.queries} queries; ${dataset.rows.length} rows × ${dataset.encoder.width} encoded features, set up in ${formatMs(buildMs)}`);
    if (scenario.config.calibration.notes.length) console.log(`${pad('', 24)}notes: ${scenario.config.calibration.notes.join('; ')}`);
  }
  const worst = Math.max(...seedBenign.map((b) => b.rate));
  const met = metBy(seedRows);
  perSeed.push({ seed, met, maxBenignRate: worst });
  console.log(`\nattacks detected before 95% agreement: ${formatMet(met)}; benign callers flagged: at most ${pct(worst)} (target <= 1%)`);
  for (const r of seedRows.filter((r) => !r.met)) {
    console.log(`  missed: ${r.dataset} ${r.attack}${r.attacker === 'rounded' ? ' (rounded)' : ''}: ${r.detected ? `detected at ${r.queries} by ${r.signal} (${pct(r.agreement)})` : 'not detected'}, 95% at ${r.queriesTo95 ?? '-'}`);
  }
  rows.push(...seedRows);
  benign.push(...seedBenign);
}
const detectedBefore95 = rows.filter((r) => r.met).length;
const maxBenignRate = Math.max(...benign.map((b) => b.rate));
if (SEEDS.length > 1) {
  console.log(`\nover seeds ${SEEDS.join(', ')}: attacks detected before 95% agreement: ${formatMet(metBy(rows))} (per seed: ${perSeed.map((p) => formatMet(p.met)).join('; ')}); benign callers flagged: at most ${pct(maxBenignRate)}`);
}

// ---------------------------------------------------------------------------------------------
// Throughput on one core: decode only vs decode + detectors vs detectors alone.

const scenario = scenarioForThroughput;
const traffic = [];
sim.runBenign(scenario, { callers: Number(args['throughput-callers']), maxLength: 200, seed: SEED + 20, onQuery: (q) => traffic.push(q) });
for (const attack of Object.values(sim.ATTACKS)) {
  sim.runAttack(scenario, attack, { budget: 1000, until: 'budget', caller: `attacker-${attack.name}`, onQuery: (q) => traffic.push(q) });
}
const dir = mkdtempSync(join(tmpdir(), 'ringfence-bench-extraction-'));
try {
  let bytes = 0;
  for (const [path, text] of sim.captureFiles(traffic, scenario.dataset.encoder, { endpoint: scenario.dataset.name, variant: 'AllTraffic' })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    bytes += text.length;
  }
  console.log(`\nthroughput: ${traffic.length} records (${(bytes / 1024 / 1024).toFixed(1)} MB of Data Capture JSON Lines, ${scenario.dataset.name}, ${scenario.dataset.encoder.width} features) from ${Number(args['throughput-callers']) + 4} callers`);

  async function decodeOnly() {
    let n = 0;
    for await (const r of capture.openCapture([dir], { callerAttribute: 'caller' }).records) if (r.features.length) n++;
    return n;
  }
  let alerts = 0;
  async function decodeAndDetect() {
    const stream = capture.openCapture([dir], { callerAttribute: 'caller' });
    const result = await detectExtraction(stream.records, scenario.config, capture.subjectOf);
    alerts = result.alerts.length;
    return result.analysed;
  }
  const queries = traffic.map((q, index) => ({ caller: q.caller, x: q.x, probs: q.probs, predicted: q.probs[0] >= q.probs[1] ? 0 : 1, timeMs: q.timeMs, index }));
  async function detectorsOnly() {
    const monitor = new ExtractionMonitor(scenario.config);
    for (const q of queries) monitor.observe(q);
    return queries.length;
  }
  const phases = [['decode', decodeOnly], ['detect', decodeAndDetect], ['detectors', detectorsOnly]];
  const times = { decode: [], detect: [], detectors: [] };
  for (const [, fn] of phases) await fn(); // warm-up
  for (let round = 0; round < Number(args.rounds); round++) {
    for (let k = 0; k < phases.length; k++) {
      const [name, fn] = phases[(round + k) % phases.length];
      const t0 = performance.now();
      const n = await fn();
      times[name].push(performance.now() - t0);
      if (n !== traffic.length) console.error(`warning: ${name} handled ${n} of ${traffic.length} records`);
    }
  }
  const decode = median(times.decode);
  const detect = median(times.detect);
  const detectors = median(times.detectors);
  const rate = (ms) => Math.round((traffic.length / ms) * 1000);
  console.log(`decode only (openCapture):        median ${formatMs(decode)}  ${rate(decode).toLocaleString('en')} records/s`);
  console.log(`decode + every detector:          median ${formatMs(detect)}  ${rate(detect).toLocaleString('en')} records/s; ${alerts} alerts`);
  console.log(`detectors alone (decoded queries): median ${formatMs(detectors)}  ${rate(detectors).toLocaleString('en')} records/s (target >= ${TARGET_RATE.toLocaleString('en')})`);
  console.log(`ratio detect/decode: ${(detect / decode).toFixed(2)}x; the detectors add ${((1000 * (detect - decode)) / traffic.length).toFixed(1)} µs per record (target <= ${(1e6 / TARGET_RATE).toFixed(0)} µs)`);
  // The ratio at which the detectors would add exactly 1/50,000 s per record to decoding.
  const target = 1 + rate(decode) / TARGET_RATE;
  printResult({
    name: 'extraction',
    metric: 'detect/decode',
    value: detect / decode,
    target,
    details: {
      records: traffic.length,
      decodePerSecond: rate(decode),
      recordsPerSecond: rate(detect),
      detectorsPerSecond: rate(detectors),
      attacks: rows.length,
      detectedBefore95,
      maxBenignRate,
      results: rows,
      benign,
    },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
