// What a dataset manifest costs over the physical floor of reading and hashing the same bytes.
// The dataset is N copies of the real Adult training set (../shared/data/datasets, 3.5 MB,
// 32,561 rows each) in one folder. The baseline streams every file through node:crypto SHA-256
// (1 MiB reads, 8 files at a time, like the manifest); then `buildManifest` runs without and with
// the tabular summary (row count and column types from the same read), and `compareWithSource`
// verifies the folder against the manifest (hashes only; an unchanged object needs no summary).
// Interleaved rounds, medians, ratios to the baseline. Target: the full manifest <= 8x the floor
// (hashing is native code; the summary parses every CSV field in JavaScript on one thread); the
// hash-only manifest and verify should sit at about 1x. Not a timed test.
//
//   node bench/dataset-manifest.js [--copies N] [--rounds N]

import { createHash } from 'node:crypto';
import { createReadStream, copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, importBuilt, median, formatMs, printResult } from './support/common.js';

const { values: args } = parseArgs({
  options: {
    copies: { type: 'string', default: '24' },
    rounds: { type: 'string', default: '3' },
  },
});
const COPIES = Number(args.copies);
const ROUNDS = Number(args.rounds);
const TARGET = 8;

const { buildManifest, compareWithSource, LocalSource } = await importBuilt('ml/integrity/index.js');

const source = join(ROOT, '..', 'shared', 'data', 'datasets', 'adult_train.csv');
const dir = mkdtempSync(join(tmpdir(), 'ringfence-bench-manifest-'));
try {
  for (let i = 0; i < COPIES; i++) copyFileSync(source, join(dir, `part-${String(i).padStart(4, '0')}.csv`));
  const files = readdirSync(dir).map((f) => join(dir, f));
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  console.log(`${COPIES} copies of adult_train.csv: ${(bytes / 1024 / 1024).toFixed(1)} MB, ${COPIES * 32561} rows, in ${dir}`);

  // The floor: the same reads and hashes, 8 files at a time as the manifest reads them.
  async function hashAll() {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const h = createHash('sha256');
        for await (const chunk of createReadStream(files[next++], { highWaterMark: 1024 * 1024 })) h.update(chunk);
        h.digest('hex');
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }
  let approved;
  const runs = {
    hash: hashAll,
    manifestHashOnly: async () => {
      await buildManifest(new LocalSource(dir), { tabular: false });
    },
    manifest: async () => {
      const built = await buildManifest(new LocalSource(dir));
      if (built.errors.length || built.manifest.totals.rows !== COPIES * 32561) throw new Error('the manifest is wrong');
      approved = built.manifest;
    },
    verify: async () => {
      const r = await compareWithSource(approved, 'bench.manifest.json', { status: 'unsigned' }, new LocalSource(dir));
      if (r.verdict !== 'unchanged') throw new Error(`verify says ${r.verdict}`);
    },
  };
  const times = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  await runs.manifest(); // warm-up, and the manifest verify needs
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(runs)) {
      const t0 = performance.now();
      await run();
      times[name].push(performance.now() - t0);
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const mbps = (ms) => `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(0)} MB/s`;
  for (const [name, ms] of Object.entries(m)) console.log(`${name.padEnd(17)} ${formatMs(ms).padStart(9)}  ${mbps(ms).padStart(9)}  ${(ms / m.hash).toFixed(2)}x read+sha256`);
  printResult({
    name: 'dataset-manifest',
    metric: 'manifest / read+sha256',
    value: m.manifest / m.hash,
    target: TARGET,
    details: { hashMs: m.hash, hashOnlyMs: m.manifestHashOnly, manifestMs: m.manifest, verifyMs: m.verify, megabytes: bytes / 1024 / 1024, peakRssMb: process.resourceUsage().maxRSS / 1024 },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
