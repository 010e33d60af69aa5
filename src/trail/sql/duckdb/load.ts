// DuckDB is an optional dependency: loaded only when SQL is run locally, with a clear message when
// it is not installed (printing SQL never needs it).

import { UsageError } from '../../../core/errors.js';

export type DuckDbModule = typeof import('@duckdb/node-api');

let loaded: Promise<DuckDbModule | undefined> | undefined;

async function tryImport(): Promise<DuckDbModule | undefined> {
  try {
    return await import('@duckdb/node-api');
  } catch {
    return undefined;
  }
}

/** Whether @duckdb/node-api can be loaded here. */
export async function duckdbAvailable(): Promise<boolean> {
  loaded ??= tryImport();
  return (await loaded) !== undefined;
}

/** The DuckDB module, or a UsageError saying how to install it. */
export async function loadDuckDb(): Promise<DuckDbModule> {
  loaded ??= tryImport();
  const m = await loaded;
  if (!m) {
    throw new UsageError(
      'running SQL locally needs DuckDB, an optional dependency that is not installed: run `npm install @duckdb/node-api` ' +
        '(printing the SQL, without --run, does not need it)',
    );
  }
  return m;
}
