// Hand-built inventories for rule unit tests: `res(type, id, properties)` makes a resource with
// key `t#id` in unit `t`; `inv(...)` puts them in an Inventory (which derives the reference edges).
import { Inventory } from '../../src/core/inventory.js';
import type { Resource } from '../../src/core/resource.js';
import type { CheckContext, CheckResult, Rule } from '../../src/core/rule.js';
import { Expr, Ref, Unknown, type ValueObject } from '../../src/core/value.js';

/** Properties are typed loosely so tests can write plain literals; values are Value at run time. */
export function res(type: string, id: string, properties: Record<string, unknown> = {}, extra: Partial<Resource> = {}): Resource {
  return {
    key: `t#${id}`,
    type,
    id,
    properties: properties as ValueObject,
    source: 'cloudformation',
    location: { file: 't.yaml', line: 1, column: 1 },
    propertyLocations: {},
    suppressions: [],
    unit: 't',
    ...extra,
  };
}

export function inv(...resources: Resource[]): Inventory {
  return new Inventory(resources);
}

/** `Ref` / `Fn::GetAtt` to the resource with this logical id. */
export const ref = (id: string, attribute?: string, text?: string): Ref => new Ref(`t#${id}`, attribute, text);
/** `!Sub` with `${Id.Attr}` written as ref(...) parts. */
export const sub = (...parts: (string | Ref)[]): Expr => new Expr(parts);
export const unknownValue = (reason = 'parameter P has no default'): Unknown => new Unknown(reason);

const DEFAULT: CheckContext = { profile: 'default' };

/** Runs a rule's per-resource check on one resource of the inventory. */
export function check(rule: Rule, inventory: Inventory, id: string, context: CheckContext = DEFAULT): CheckResult[] {
  const r = inventory.get(`t#${id}`);
  if (!r) throw new Error(`no resource ${id}`);
  return rule.check!(r, inventory, context);
}

/** Status, property and (when reported elsewhere) the resource id of each result, for compact assertions. */
export const brief = (results: CheckResult[]): { status: string; property?: string; on?: string }[] =>
  results.map((r) => ({ status: r.status, ...(r.property !== undefined ? { property: r.property } : {}), ...(r.resource ? { on: r.resource.id } : {}) }));

export const statuses = (results: CheckResult[]): string[] => results.map((r) => r.status);
