// Start-up cost of the CLI: `node bin/ringfence.js scan <one template> --format json` against
// the floor of starting Node at all (`node -e 0`), run alternately in fresh processes; we print
// medians and the ratio (target <= 4x). Then one more run records which modules the ESM loader
// loads, so a heavy import creeping into start-up shows up as a number. Not a timed test.
//
//   node bench/cold-start.js [--runs N] [--list]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT, median, formatMs, printResult } from './support/common.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    list: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const TARGET = 4;

const BIN = join(ROOT, 'bin', 'ringfence.js');
// The insecure stack: a typical single ML stack (the hardened one also carries the 14 CIS alarms).
const TEMPLATE = join(ROOT, 'examples', process.env.RINGFENCE_COLD_START_STACK ?? 'insecure-ml-stack', 'cloudformation', 'ml-stack.yaml');
const HOOK = pathToFileURL(join(ROOT, 'bench', 'support', 'record-modules.js')).href;
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('dist/cli/main.js does not exist: build first (`npm run build`, or run `npm run bench`)');
  process.exit(2);
}

const baselineArgs = ['-e', '0'];
const toolArgs = [BIN, 'scan', TEMPLATE, '--format', 'json', '-o', devNull];

function run(nodeArgs, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = performance.now() - t0;
  return { ms, status: r.status, stderr: r.stderr?.toString() ?? '' };
}

// Exit 0 (nothing to report) or 1 (findings at the threshold) both mean the scan ran.
function checkTool(r) {
  if (r.status === 0 || r.status === 1) return;
  console.error(`ringfence exited with ${r.status}:\n${r.stderr}`);
  process.exit(1);
}

checkTool(run(toolArgs));
run(baselineArgs);

const times = { node: [], ringfence: [] };
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 === 0 ? ['node', 'ringfence'] : ['ringfence', 'node'];
  for (const which of order) {
    const r = run(which === 'node' ? baselineArgs : toolArgs);
    if (which === 'ringfence') checkTool(r);
    times[which].push(r.ms);
  }
}
const floor = median(times.node);
const tool = median(times.ringfence);
const ratio = tool / floor;
console.log(`node -e 0:                 median ${formatMs(floor)} over ${RUNS} runs`);
console.log(`ringfence scan (1 file):   median ${formatMs(tool)} over ${RUNS} runs`);
console.log(`ratio: ${ratio.toFixed(2)}x (target <= ${TARGET}x)`);

// Which modules start-up loads.
const logDir = mkdtempSync(join(tmpdir(), 'ringfence-modules-'));
const log = join(logDir, 'modules.txt');
let modules;
try {
  checkTool(run(['--import', HOOK, ...toolArgs], { RINGFENCE_MODULE_LOG: log }));
  const urls = [...new Set(existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [])];
  modules = classify(urls);
} finally {
  rmSync(logDir, { recursive: true, force: true });
}
const packages = Object.entries(modules.packages).sort((a, b) => b[1] - a[1]);
console.log(
  `modules loaded: ${modules.ours.length} of ringfence, ${packages.reduce((n, [, c]) => n + c, 0)} from packages ` +
    `(${packages.map(([p, c]) => `${p} ${c}`).join(', ') || 'none'}), ${modules.builtins.length} node builtins`,
);
if (args.list) for (const m of modules.ours) console.log(`  ${m}`);

printResult({
  name: 'cold-start',
  metric: 'scan/node',
  value: ratio,
  target: TARGET,
  details: { nodeMs: floor, scanMs: tool, ringfenceModules: modules.ours.length, packages: Object.fromEntries(packages), builtins: modules.builtins.length },
});

/** Our own modules (relative paths), per-package counts, and node builtins. */
function classify(urls) {
  const ours = [];
  const packages = {};
  const builtins = [];
  for (const url of urls) {
    if (url.startsWith('node:')) {
      builtins.push(url);
      continue;
    }
    if (!url.startsWith('file:')) continue;
    const path = fileURLToPath(url);
    const inModules = path.split(/[\\/]node_modules[\\/]/);
    if (inModules.length > 1) {
      const parts = inModules[inModules.length - 1].split(/[\\/]/);
      const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
      packages[name] = (packages[name] ?? 0) + 1;
    } else {
      ours.push(relative(ROOT, path).replace(/\\/g, '/'));
    }
  }
  return { ours: ours.sort(), packages, builtins };
}
