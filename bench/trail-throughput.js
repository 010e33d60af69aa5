// How fast `trail scan` reads a large trail: at least 1 GB (uncompressed) of generated CloudTrail
// records (bench/trail-records.js) written as CloudTrail delivers them — gzipped {"Records":[…]}
// files of five minutes each under AWSLogs/<account>/CloudTrail/<region>/yyyy/mm/dd/ — in a
// temporary directory, deleted afterwards. Three runs over the same files, each in its own
// process so that each peak memory (RSS) is its own:
//
//   floor   gunzip + JSON.parse of every file, nothing else: what no reader can beat;
//   scan    `trail scan` with every detection (streaming reader + detections);
//   duckdb  the same detections as SQL through DuckDB (loading the files + the queries).
//
// Records per second of each, and the ratios scan/floor (target >= 0.7) and scan/duckdb, are
// printed; never asserted. Not a timed test.
//
//   node bench/trail-throughput.js [--gb 1] [--rounds 1] [--keep]

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { formatMs, importBuilt, median, printResult } from './support/common.js';
import { recordGenerator } from './trail-records.js';

const { values: args } = parseArgs({
  options: {
    gb: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    mode: { type: 'string' },
    dir: { type: 'string' },
  },
});
const TARGET = 0.7;
const CHILD_PREFIX = 'measured: ';

if (args.mode) {
  await measure(args.mode, args.dir);
} else {
  await main();
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ringfence-trail-'));
  try {
    const t0 = performance.now();
    const trail = writeTrail(dir, Number(args.gb) * 1e9);
    console.log(
      `${trail.records.toLocaleString('en-US')} records in ${trail.files} files: ${(trail.bytes / 1e9).toFixed(2)} GB of JSON, ` +
        `${(trail.gzBytes / 1e6).toFixed(0)} MB gzipped, written in ${formatMs(performance.now() - t0)} to ${dir}`,
    );
    const runs = { floor: [], scan: [], duckdb: [] };
    for (let round = 0; round < Number(args.rounds); round++) {
      for (const mode of Object.keys(runs)) {
        const r = child(mode, dir);
        if (!r) continue; // DuckDB is optional
        if (r.records !== trail.records) console.error(`warning: ${mode} read ${r.records} records, not ${trail.records}`);
        runs[mode].push(r);
        console.log(`  ${mode.padEnd(6)} ${formatMs(r.ms).padStart(9)}  ${rate(r).toLocaleString('en-US').padStart(10)} records/s  peak RSS ${r.maxRssMb.toFixed(0)} MB${r.note ? `  (${r.note})` : ''}`);
      }
    }
    const ms = (mode) => (runs[mode].length ? median(runs[mode].map((r) => r.ms)) : NaN);
    const rss = (mode) => (runs[mode].length ? Math.max(...runs[mode].map((r) => r.maxRssMb)) : NaN);
    const perSecond = (mode) => Math.round((trail.records / ms(mode)) * 1000);
    const scanVsFloor = ms('floor') / ms('scan');
    const scanVsDuckdb = ms('duckdb') / ms('scan');
    console.log(`scan/floor ${scanVsFloor.toFixed(2)}x of the gunzip + JSON.parse floor (target >= ${TARGET}x); scan/duckdb ${runs.duckdb.length ? `${scanVsDuckdb.toFixed(2)}x DuckDB's speed` : 'not measured (DuckDB is not installed)'}`);
    console.log(`peak RSS: floor ${rss('floor').toFixed(0)} MB, scan ${rss('scan').toFixed(0)} MB, duckdb ${rss('duckdb').toFixed(0)} MB`);
    // run.js reads "value <= target": report the time ratio, scan/floor time, against 1/0.7.
    printResult({
      name: 'trail-throughput',
      metric: 'scan time/floor time',
      value: ms('scan') / ms('floor'),
      target: Number((1 / TARGET).toFixed(2)),
      details: {
        records: trail.records,
        gigabytes: trail.bytes / 1e9,
        floorPerSecond: perSecond('floor'),
        scanPerSecond: perSecond('scan'),
        duckdbPerSecond: perSecond('duckdb'),
        scanVsFloor,
        scanVsDuckdb,
        floorRssMb: rss('floor'),
        scanRssMb: rss('scan'),
        duckdbRssMb: rss('duckdb'),
      },
    });
  } finally {
    if (args.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function rate(r) {
  return Math.round((r.records / r.ms) * 1000);
}

/** Writes gzipped five-minute log files until `targetBytes` of JSON are written. */
function writeTrail(dir, targetBytes) {
  // 1,500 records per five-minute file: about 2 MB of JSON, as a busy account's files are.
  const STEP_MS = 200;
  const PER_FILE = (5 * 60 * 1000) / STEP_MS;
  const { record, T0, ACCOUNT } = recordGenerator({ stepMs: STEP_MS, uuids: true });
  let records = 0;
  let bytes = 0;
  let gzBytes = 0;
  let files = 0;
  while (bytes < targetBytes) {
    const start = new Date(T0 + records * STEP_MS);
    const iso = start.toISOString();
    const day = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'eu-west-1', iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10));
    mkdirSync(day, { recursive: true });
    const batch = [];
    for (let k = 0; k < PER_FILE; k++) batch.push(JSON.stringify(record(records + k)));
    const json = `{"Records":[${batch.join(',')}]}`;
    const gz = gzipSync(json);
    const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
    writeFileSync(join(day, `${ACCOUNT}_CloudTrail_eu-west-1_${stamp}_${String(files).padStart(6, '0')}.json.gz`), gz);
    records += PER_FILE;
    bytes += Buffer.byteLength(json);
    gzBytes += gz.length;
    files++;
  }
  return { records, bytes, gzBytes, files };
}

function child(mode, dir) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', self, '--mode', mode, '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
  const line = (r.stdout?.toString() ?? '').split('\n').find((l) => l.startsWith(CHILD_PREFIX));
  if (mode === 'duckdb' && r.status === 3) return undefined;
  if (r.status !== 0 || !line) throw new Error(`${mode} run failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(line.slice(CHILD_PREFIX.length));
}

/** The gzipped files under `dir`, in path order (the order the reader reads them). */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

async function measure(mode, dir) {
  // Modules load before the clock starts: the runs compare reading, not start-up.
  const scan = mode === 'scan' ? await importBuilt('trail/detect/scan.js') : undefined;
  const sql = mode === 'duckdb' ? await importBuilt('trail/sql/index.js') : undefined;
  if (sql && !(await sql.duckdbAvailable())) {
    console.error('DuckDB (@duckdb/node-api) is not installed: the duckdb run is skipped');
    process.exit(3);
  }
  let records = 0;
  let note = '';
  const t0 = performance.now();
  if (mode === 'floor') {
    for (const f of filesUnder(dir)) records += JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')).Records.length;
  } else if (scan) {
    const r = await scan.trailScan({ paths: [dir] });
    records = r.stats.records;
    note = `${r.result.findings.length} findings, ${r.result.summary.inputs.read} files read`;
  } else if (sql) {
    const r = await sql.duckdbTrailScan({ paths: [dir] });
    records = r.result.summary.resources;
    note = `${r.alerts.length} findings; load ${formatMs(r.timings.loadMs)}, queries ${formatMs(r.timings.queryMs)}`;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const ms = performance.now() - t0;
  console.log(CHILD_PREFIX + JSON.stringify({ mode, ms, records, maxRssMb: process.resourceUsage().maxRSS / 1024, note }));
}
