// An ESM loader hook (runs on the loader thread) that appends each loaded module's URL to the
// file named by RINGFENCE_MODULE_LOG. CommonJS modules required from CommonJS are not seen here;
// what is seen is enough to notice a heavy dependency creeping into start-up.
import { appendFileSync } from 'node:fs';

const log = process.env.RINGFENCE_MODULE_LOG;

export async function load(url, context, nextLoad) {
  if (log) appendFileSync(log, url + '\n');
  return nextLoad(url, context);
}
