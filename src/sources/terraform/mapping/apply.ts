import type { Location } from '../../../core/resource.js';
import { Expr, Ref, Unknown, isObject, type Value, type ValueObject } from '../../../core/value.js';
import { setProp, unknownFrom } from '../eval/values.js';
import { applyBlockTransform, applyValueTransform } from './transforms.js';
import type { AttributeSpec, Mapped, SourceAttr, SourceBlock, SourceBody } from './types.js';

// Applies a mapping table to a resource body: Terraform attribute and block names become
// CloudFormation property paths, each with the location of what it came from.

export function mapBody(attributes: Record<string, AttributeSpec>, body: SourceBody): Mapped {
  const out: Mapped = { properties: {}, locations: {}, warnings: [] };
  mapInto(out.properties, attributes, body, '', out);
  return out;
}

function mapInto(target: ValueObject, attributes: Record<string, AttributeSpec>, body: SourceBody, base: string, out: Mapped): void {
  for (const [tfName, raw] of Object.entries(attributes)) {
    const spec = typeof raw === 'string' ? { to: raw } : raw;
    const path = base ? `${base}.${spec.to}` : spec.to;
    const whole = body.blocks.has(tfName) ? undefined : body.attrs.get(tfName);
    if ((spec.blockTransform || spec.attributes) && whole?.value instanceof Unknown) {
      // Nested data not known as a whole (a plan's computed block): the property is Unknown.
      setPath(target, spec.to, whole.value);
      if (whole.loc) out.locations[path] = whole.loc;
    } else if (spec.blockTransform) {
      const blocks = blocksOf(body, tfName);
      if (blocks.length === 0) continue;
      const r = applyBlockTransform(spec.blockTransform, blocks);
      setPath(target, spec.to, r.value);
      if (blocks[0]!.loc) out.locations[path] = blocks[0]!.loc;
      for (const [rel, loc] of Object.entries(r.locations)) out.locations[path + rel] = loc;
    } else if (spec.attributes) {
      const blocks = blocksOf(body, tfName);
      if (blocks.length === 0) continue;
      const nested = spec.attributes;
      const one = (b: SourceBlock, p: string): Value => {
        if (!b.body) return b.unknown ?? new Unknown(`${tfName} not known until apply`);
        const o: ValueObject = {};
        mapInto(o, nested, b.body, p, out);
        return o;
      };
      if (spec.list) {
        setPath(target, spec.to, blocks.map((b, i) => one(b, `${path}[${i}]`)));
        blocks.forEach((b, i) => b.loc && (out.locations[`${path}[${i}]`] = b.loc));
      } else {
        const v = one(blocks[0]!, path);
        setPath(target, spec.to, isObject(v) && isObject(getAt(target, spec.to)) ? { ...(getAt(target, spec.to) as ValueObject), ...v } : v);
      }
      if (blocks[0]!.loc) out.locations[path] ??= blocks[0]!.loc;
    } else {
      const a = body.attrs.get(tfName);
      if (!a || a.value === null) continue;
      const v = spec.transform ? applyValueTransform(spec.transform, a.value, (m) => out.warnings.push(`${tfName}: ${m}`)) : a.value;
      setPath(target, spec.to, v);
      if (a.loc) out.locations[path] = a.loc;
    }
  }
}

/** Nested blocks of a type, or an attribute holding the same data as objects (plan values). */
export function blocksOf(body: SourceBody, name: string): SourceBlock[] {
  const blocks = body.blocks.get(name);
  if (blocks && blocks.length > 0) return blocks;
  const a = body.attrs.get(name);
  if (!a || a.value === null) return [];
  const items = Array.isArray(a.value) ? a.value : [a.value];
  return items.map((item) => blockFromValue(item, a));
}

function blockFromValue(item: Value, attr: SourceAttr): SourceBlock {
  if (isObject(item)) return { body: bodyFromObject(item, attr.loc), loc: attr.loc };
  if (item instanceof Unknown) return { unknown: item, loc: attr.loc };
  if (item instanceof Ref || item instanceof Expr) return { unknown: unknownFrom('block not known until apply', item), loc: attr.loc };
  return { unknown: new Unknown(`expected a block, found ${typeof item}`), loc: attr.loc };
}

export function bodyFromObject(o: ValueObject, loc: Location | undefined): SourceBody {
  const attrs = new Map<string, SourceAttr>();
  for (const [k, v] of Object.entries(o)) attrs.set(k, { value: v, loc });
  return { attrs, blocks: new Map(), loc };
}

/** Properties of a type without a mapping: Terraform names kept, nested blocks as lists. */
export function nativeProperties(body: SourceBody, base = '', locations: Record<string, Location> = {}): { properties: ValueObject; locations: Record<string, Location> } {
  const properties: ValueObject = {};
  for (const [k, a] of body.attrs) {
    if (a.value === null) continue;
    setProp(properties, k, a.value);
    if (a.loc) locations[base ? `${base}.${k}` : k] = a.loc;
  }
  for (const [k, blocks] of body.blocks) {
    const path = base ? `${base}.${k}` : k;
    setProp(
      properties,
      k,
      blocks.map((b, i) => (b.body ? nativeProperties(b.body, `${path}[${i}]`, locations).properties : (b.unknown ?? null))),
    );
    if (blocks[0]?.loc) locations[path] = blocks[0].loc;
    blocks.forEach((b, i) => b.loc && (locations[`${path}[${i}]`] = b.loc));
  }
  return { properties, locations };
}

function getAt(target: ValueObject, dotted: string): Value | undefined {
  let cur: Value | undefined = target;
  for (const step of dotted.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, step) ? cur[step] : undefined;
  }
  return cur;
}

/** Sets `A.B.C`, creating (or reusing) the objects on the way. */
export function setPath(target: ValueObject, dotted: string, value: Value): void {
  const steps = dotted.split('.');
  let cur = target;
  for (const step of steps.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(cur, step) ? cur[step] : undefined;
    if (isObject(next)) cur = next;
    else {
      const created: ValueObject = {};
      setProp(cur, step, created);
      cur = created;
    }
  }
  setProp(cur, steps[steps.length - 1]!, value);
}
