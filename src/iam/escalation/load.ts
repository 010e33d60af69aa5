import { readFile, stat } from 'node:fs/promises';
import type { InputRecord } from '../../core/scan-result.js';
import { loadPaths } from '../../sources/load.js';
import type { LoadOptions } from '../../sources/types.js';
import { PolicyError } from '../policy/errors.js';
import { parseJsonText } from '../policy/json-text.js';
import { worldFromInventory } from './from-inventory.js';
import { isWorldDocument, parseWorldText } from './read-world.js';
import type { IamWorld } from './world.js';

/**
 * The world of `ringfence iam escalations PATHS`: IAM world JSON files, and infrastructure code
 * loaded as `scan` loads it, merged into one world. Every path is accounted for (read, skipped,
 * failed with its position); a file that fails never stops the rest.
 */

export interface LoadedWorld {
  world: IamWorld;
  inputs: InputRecord[];
}

export async function loadWorld(paths: string[], options: LoadOptions): Promise<LoadedWorld> {
  const inputs: InputRecord[] = [];
  const worlds: IamWorld[] = [];
  const code: string[] = [];
  for (const p of paths) {
    const text = await worldText(p, options.limits.maxFileBytes);
    if (text === undefined) {
      code.push(p);
      continue;
    }
    try {
      const world = parseWorldText(text, p);
      worlds.push(world);
      inputs.push({ path: p, kind: 'iam-world', status: 'read', resources: world.principals.length + world.resources.length });
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      inputs.push({ path: p, kind: 'iam-world', status: 'failed', error: { message: `${e.path ? `${e.path}: ` : ''}${e.message}`, file: p, line: e.line, column: e.column } });
    }
  }
  if (code.length) {
    const loaded = await loadPaths(code, options);
    inputs.push(...loaded.inputs);
    worlds.push(worldFromInventory(loaded.inventory, { accountId: options.accountId, region: options.region }));
  }
  return { world: mergeWorlds(worlds), inputs };
}

/** The text of a JSON file that is an IAM world; undefined for anything else (left to the code loaders). */
async function worldText(path: string, maxBytes: number): Promise<string | undefined> {
  if (!path.toLowerCase().endsWith('.json')) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || info.size > maxBytes) return undefined;
  const text = await readFile(path, 'utf8');
  try {
    return isWorldDocument(parseJsonText(text, path)) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Several worlds as one: the first definition of a principal, group or resource wins. */
export function mergeWorlds(worlds: readonly IamWorld[]): IamWorld {
  if (worlds.length === 1) return worlds[0]!;
  const out: IamWorld = { principals: [], groups: [], resources: [], gaps: [] };
  const seen = new Set<string>();
  for (const w of worlds) {
    for (const p of w.principals) if (!seen.has(p.arn)) seen.add(p.arn), out.principals.push(p);
    for (const g of w.groups) if (!seen.has(g.arn)) seen.add(g.arn), out.groups.push(g);
    for (const r of w.resources) if (!seen.has(r.arn)) seen.add(r.arn), out.resources.push(r);
    out.gaps!.push(...(w.gaps ?? []));
    out.region ??= w.region;
    out.organizationId ??= w.organizationId;
    if (w.serviceControlPolicies) out.serviceControlPolicies ??= w.serviceControlPolicies;
    if (w.organizationAccounts) out.organizationAccounts ??= w.organizationAccounts;
  }
  return out;
}
