import { DEFAULT_LIMITS } from '../../core/limits.js';
import type { InputRecord } from '../../core/scan-result.js';
import { loadPaths } from '../../sources/load.js';
import { buildIamWorld, type IamWorld } from './world.js';

/** What `iam can` / `iam who-can` read: the same inputs, with the same options, as `scan`. */
export interface LoadWorldOptions {
  paths: string[];
  parameters?: Record<string, string>;
  variables?: Record<string, string>;
  varFiles?: string[];
  region?: string;
  accountId?: string;
}

export interface LoadedWorld {
  world: IamWorld;
  /** Every input, read, skipped or failed, as in a scan result. */
  inputs: InputRecord[];
}

export async function loadIamWorld(options: LoadWorldOptions): Promise<LoadedWorld> {
  const loaded = await loadPaths(options.paths.length ? options.paths : ['.'], {
    parameters: options.parameters ?? {},
    variables: options.variables ?? {},
    varFiles: options.varFiles ?? [],
    limits: DEFAULT_LIMITS,
    ...(options.region ? { region: options.region } : {}),
    ...(options.accountId ? { accountId: options.accountId } : {}),
  });
  const world = buildIamWorld(loaded.inventory, { ...(options.accountId ? { accountId: options.accountId } : {}), ...(options.region ? { region: options.region } : {}) });
  return { world, inputs: loaded.inputs };
}
