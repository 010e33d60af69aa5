// How much a full scan costs over parsing alone: 1,000 generated SageMaker templates (mixed YAML
// and JSON, ~30 resources each). The baseline reads each file and runs the CloudFormation
// loader's parse-only step; the scan walks the directory, reads, parses, resolves intrinsics,
// builds the inventory and runs every rule. Loading alone (the scan without the rules) is
// measured too, so a regression can be told apart: loader or rules. All run in this process,
// interleaved over several rounds; we print medians and the ratio (target: scan <= 1.5x parse).
// Not a timed test.
//
//   node bench/scan-1000.js [--count N] [--rounds N] [--keep]

import { readFile, rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeTemplates } from './generate-templates.js';
import { importBuilt, median, formatMs, printResult } from './support/common.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const TARGET = 1.5;

const { scan } = await importBuilt('scan.js');
const { loadPaths } = await importBuilt('sources/load.js');
const { parseTemplate } = await importBuilt('sources/cloudformation/parse.js');
const { DEFAULT_LIMITS } = await importBuilt('core/limits.js');
const { readAhead } = await importBuilt('sources/read-ahead.js');

const dir = mkdtempSync(join(tmpdir(), 'ringfence-bench-'));
try {
  const generated = await writeTemplates(dir, COUNT);
  console.log(`${COUNT} templates, ${(generated.bytes / 1024 / 1024).toFixed(1)} MB, ${generated.resources} resources, in ${dir}`);

  // The baseline reads ahead as the scan does, so the ratio compares work, not I/O scheduling.
  async function parseAll() {
    for await (const [file, text] of readAhead(generated.files, (f) => readFile(f, 'utf8'))) parseTemplate(file, text, DEFAULT_LIMITS);
  }
  const loadOptions = { parameters: {}, variables: {}, varFiles: [], limits: DEFAULT_LIMITS };
  async function loadAll() {
    await loadPaths([dir], loadOptions);
  }
  let last;
  async function scanAll() {
    last = await scan({ paths: [dir] });
  }

  // A warm-up of each, so all are measured with a warm JIT and file cache.
  await parseAll();
  await loadAll();
  await scanAll();
  const notRead = last.inputs.filter((i) => i.status !== 'read');
  if (notRead.length > 0) {
    console.error(`warning: ${notRead.length} inputs were not read; first: ${JSON.stringify(notRead[0])}`);
    process.exitCode = 1;
  }
  console.log(`scan: ${last.summary.resources} resources, ${last.summary.rules} rules, ${last.findings.length} findings (${last.summary.findings.fail} failed)`);

  const times = { parse: [], load: [], scan: [] };
  const phases = [['parse', parseAll], ['load', loadAll], ['scan', scanAll]];
  const timed = async (name, fn) => {
    const t0 = performance.now();
    await fn();
    times[name].push(performance.now() - t0);
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so that no phase always runs after another's garbage.
    for (let k = 0; k < phases.length; k++) {
      const [name, fn] = phases[(round + k) % phases.length];
      await timed(name, fn);
    }
  }

  const parse = median(times.parse);
  const load = median(times.load);
  const full = median(times.scan);
  const ratio = full / parse;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`parse only (read ahead + parseTemplate): median ${formatMs(parse)} over ${ROUNDS} rounds  [${times.parse.map(formatMs).join(', ')}]`);
  console.log(`load (scan without rules):         median ${formatMs(load)} over ${ROUNDS} rounds  [${times.load.map(formatMs).join(', ')}]`);
  console.log(`full scan:                         median ${formatMs(full)} over ${ROUNDS} rounds  [${times.scan.map(formatMs).join(', ')}]`);
  console.log(`ratio scan/parse: ${ratio.toFixed(2)}x (target <= ${TARGET}x); load/parse ${(load / parse).toFixed(2)}x, rules ${formatMs(full - load)}`);
  console.log(`per template: parse ${formatMs(parse / COUNT)}, scan ${formatMs(full / COUNT)}`);
  console.log(`peak RSS: ${rssMb.toFixed(0)} MB`);
  printResult({ name: 'scan-1000', metric: 'scan/parse', value: ratio, target: TARGET, details: { parseMs: parse, loadMs: load, scanMs: full, peakRssMb: rssMb, templates: COUNT } });
} finally {
  if (args.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
