// Runs every benchmark in its own process (`npm run bench` builds first) and prints a summary of
// the ratios against their targets. Ratios are reported, never asserted: the exit code is non-zero
// only when a benchmark itself failed to run.
//
//   node bench/run.js [name ...]      e.g. `node bench/run.js cold-start`

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, RESULT_PREFIX, formatMs } from './support/common.js';

const BENCHMARKS = ['scan-1000', 'cold-start', 'trail-detect', 'trail-throughput', 'poisoning', 'dataset-manifest', 'iam-evaluate', 'extraction', 'iam-escalations'];

/** The details worth a place in the summary line, per benchmark. */
const DETAILS = {
  'dataset-manifest': (d) => `${d.megabytes.toFixed(0)} MB: read+sha256 ${formatMs(d.hashMs)}, hash-only manifest ${formatMs(d.hashOnlyMs)}, manifest ${formatMs(d.manifestMs)}, verify ${formatMs(d.verifyMs)}`,
  'scan-1000': (d) => `parse ${formatMs(d.parseMs)}, load ${formatMs(d.loadMs)}, scan ${formatMs(d.scanMs)}, peak RSS ${d.peakRssMb.toFixed(0)} MB`,
  'cold-start': (d) => `node ${formatMs(d.nodeMs)}, scan ${formatMs(d.scanMs)}, ${d.ringfenceModules} ringfence modules`,
  poisoning: (d) => `audit ${formatMs(d.auditMs)} (read ${formatMs(d.readMs)}), peak RSS ${d.peakRssMb.toFixed(0)} MB, flip targets ${d.targetsMet ? 'met' : 'NOT met'}`,
  'iam-evaluate': (d) => `ours ${Math.round(d.oursCompiledPlain)}/s vs iam-simulate ${Math.round(d.simulateUnsafe)}/s (per CPU-second) on ${d.plainCases} cases, ${d.disagreements} disagreements`,
  extraction: (d) =>
    `detectors ${d.detectorsPerSecond} records/s (target >= 50000), decode ${d.decodePerSecond}/s, both ${d.recordsPerSecond}/s; ${d.detectedBefore95}/${d.attacks} attacks detected before 95% agreement; benign flagged <= ${(100 * d.maxBenignRate).toFixed(1)}%`,
  'iam-escalations': (d) => `search ${formatMs(d.searchMs)} for ${d.principals} principals (${d.evaluations} evaluations, ${d.paths} paths); generation ${d.generateRatio.toFixed(2)}x reading (target <= 4x) for ${d.records} records`,
  'trail-throughput': (d) =>
    `${(d.records / 1e6).toFixed(2)}M records (${d.gigabytes.toFixed(2)} GB): scan ${d.scanPerSecond} records/s = ${d.scanVsFloor.toFixed(2)}x the gunzip + JSON.parse floor, ${d.scanVsDuckdb.toFixed(2)}x DuckDB; peak RSS scan ${d.scanRssMb.toFixed(0)} MB, DuckDB ${d.duckdbRssMb.toFixed(0)} MB`,
  'trail-detect': (d) => `parse ${formatMs(d.parseMs)}, parse + detect ${formatMs(d.detectMs)} for ${d.records} records, ${d.alerts} alerts, peak RSS ${d.peakRssMb.toFixed(0)} MB`,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHMARKS.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}

const summary = [];
let broken = 0;
for (const name of wanted.length ? wanted : BENCHMARKS) {
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', `${name}.js`)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  const out = r.stdout?.toString() ?? '';
  const results = [];
  for (const line of out.split('\n')) {
    if (line.startsWith(RESULT_PREFIX)) results.push(JSON.parse(line.slice(RESULT_PREFIX.length)));
    else if (line) console.log(line);
  }
  if (r.status !== 0 || results.length === 0) {
    broken++;
    summary.push({ name, failed: `exit ${r.status ?? r.signal}` });
  }
  for (const res of results) summary.push(res);
}

console.log('\n== summary');
for (const s of summary) {
  if (s.failed) {
    console.log(`${s.name.padEnd(12)} did not run (${s.failed})`);
    continue;
  }
  // Most ratios are costs (lower is better); speed-ups say so with higherIsBetter.
  const ok = s.higherIsBetter ? s.value >= s.target : s.value <= s.target;
  const verdict = ok ? 'within target' : s.higherIsBetter ? 'UNDER TARGET' : 'OVER TARGET';
  const extra = DETAILS[s.name] ? `; ${DETAILS[s.name](s.details)}` : '';
  console.log(`${s.name.padEnd(12)} ${s.metric} ${s.value.toFixed(2)}x (target ${s.higherIsBetter ? '>=' : '<='} ${s.target}x, ${verdict}${extra})`);
}
process.exitCode = broken ? 1 : 0;
