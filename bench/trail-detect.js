// What the detections cost over reading the records at all: a generated trail of CloudTrail
// records in a realistic mix (mostly S3 data events, service noise, denied calls, SageMaker and
// IAM management events), held as JSON lines in memory. The baseline JSON.parses every line
// (the floor of any reader); the measured run parses every line and feeds it to all detections.
// Interleaved rounds, medians, ratio printed (target: detections <= 1.3x the parse floor).
// Not a timed test.
//
//   node bench/trail-detect.js [--count N] [--rounds N]

import { parseArgs } from 'node:util';
import { importBuilt, median, formatMs, printResult } from './support/common.js';
import { recordGenerator } from './trail-records.js';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' } } });
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const TARGET = 1.3;

const { DETECTIONS, DetectionRun } = await importBuilt('trail/detect/index.js');

const { record } = recordGenerator();

const lines = Array.from({ length: COUNT }, (_, i) => JSON.stringify(record(i)));
const mb = lines.reduce((n, l) => n + l.length, 0) / 1e6;
console.log(`${COUNT} records, ${mb.toFixed(0)} MB of JSON lines, ${DETECTIONS.length} detections`);

function parseOnly() {
  let n = 0;
  for (const line of lines) n += JSON.parse(line).eventName.length;
  return n;
}
let alerts = 0;
function parseAndDetect() {
  const run = new DetectionRun(DETECTIONS, {});
  for (let i = 0; i < lines.length; i++) run.onRecord({ record: JSON.parse(lines[i]), source: { file: 'bench.jsonl', line: i + 1 } });
  alerts = run.finish().length;
}

parseOnly();
parseAndDetect();
const parseMs = [];
const detectMs = [];
let peakRss = 0;
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now();
  parseOnly();
  parseMs.push(performance.now() - t);
  t = performance.now();
  parseAndDetect();
  detectMs.push(performance.now() - t);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const p = median(parseMs);
const d = median(detectMs);
const ratio = d / p;
console.log(`parse only ${formatMs(p)} (${((COUNT / p) * 1000).toFixed(0)} records/s); parse + detections ${formatMs(d)} (${((COUNT / d) * 1000).toFixed(0)} records/s); ${alerts} alerts`);
console.log(`ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x)`);
printResult({ name: 'trail-detect', metric: 'detect/parse', value: ratio, target: TARGET, details: { parseMs: p, detectMs: d, records: COUNT, alerts, peakRssMb: peakRss / 1e6 } });
