// Helpers shared by the benchmarks: loading the built library, medians, and the one-line
// machine-readable result that bench/run.js collects into its summary.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = new URL('../../dist/', import.meta.url);

/** Imports a module of the built library (dist/), with a clear message when it is not built. */
export async function importBuilt(path) {
  const url = new URL(path, DIST);
  if (!existsSync(fileURLToPath(url))) {
    console.error(`${fileURLToPath(url)} does not exist: build first (\`npm run build\`, or run \`npm run bench\`)`);
    process.exit(2);
  }
  return import(url.href);
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export const RESULT_PREFIX = 'result: ';

/** The last line of a benchmark: `result: {"name", "metric", "value", "target", ...}`. */
export function printResult(result) {
  console.log(RESULT_PREFIX + JSON.stringify(result));
}
