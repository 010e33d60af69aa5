import type { Location, Resource } from '../../../core/resource.js';
import { asString, isObject, referencedKeys, type Value, type ValueObject } from '../../../core/value.js';
import { setProp } from '../eval/values.js';
import { nativeProperties } from './apply.js';
import type { Built } from './build.js';

// Split-out resources (aws_s3_bucket_versioning, aws_iam_role_policy_attachment, …) configure
// another resource. Their mapped properties are merged into it, keeping their own locations,
// so a rule on AWS::S3::Bucket sees the versioning wherever it was written. The target is the
// resource referenced by the `via` attribute, else the one whose physical name matches.

export function mergeSplitOuts(built: Built[], warn: (resource: Resource, message: string) => void): Resource[] {
  const byKey = new Map(built.map((b) => [b.resource.key, b]));
  const byName = new Map<string, Built>();
  for (const b of built) {
    const idAttr = b.mapping?.idAttribute;
    const name = idAttr ? asString(b.body.attrs.get(idAttr)?.value) : undefined;
    if (name !== undefined && b.resource.nativeType) byName.set(`${b.resource.nativeType}|${name}`, b);
  }
  const dropped = new Set<string>();
  for (const b of built) {
    const into = b.mapping?.mergeInto;
    if (!into) continue;
    const via = b.body.attrs.get(into.via)?.value;
    const target = findTarget(via, into.tfType, byKey, byName);
    if (target) {
      mergeProperties(target.resource, b.resource);
      target.resource.suppressions.push(...b.resource.suppressions);
      dropped.add(b.resource.key);
      continue;
    }
    // No target in this unit: keep it, in Terraform's own vocabulary.
    const native = nativeProperties(b.body);
    b.resource.type = `terraform:${b.resource.nativeType}`;
    b.resource.properties = native.properties;
    b.resource.propertyLocations = native.locations;
    warn(b.resource, `${b.resource.id}: the ${into.tfType} it configures (${into.via}) is not in this configuration; kept on its own`);
  }
  return built.filter((b) => !dropped.has(b.resource.key)).map((b) => b.resource);
}

function findTarget(via: Value | undefined, tfType: string, byKey: Map<string, Built>, byName: Map<string, Built>): Built | undefined {
  for (const key of referencedKeys(via)) {
    const t = byKey.get(key);
    if (t?.resource.nativeType === tfType) return t;
  }
  const name = asString(via);
  return name === undefined ? undefined : byName.get(`${tfType}|${name}`);
}

/** Deep merge; lists are appended, and the source's locations shift with them. */
function mergeProperties(target: Resource, source: Resource): void {
  const appended: { path: string; offset: number; count: number }[] = [];
  const merge = (t: ValueObject, s: ValueObject, base: string): void => {
    for (const [k, v] of Object.entries(s)) {
      const path = base ? `${base}.${k}` : k;
      const existing = Object.prototype.hasOwnProperty.call(t, k) ? t[k] : undefined;
      if (Array.isArray(v) && (existing === undefined || Array.isArray(existing))) {
        const before = existing ?? [];
        appended.push({ path, offset: before.length, count: v.length });
        setProp(t, k, [...before, ...v]);
      } else if (isObject(existing) && isObject(v)) merge(existing, v, path);
      else setProp(t, k, v);
    }
  };
  merge(target.properties, source.properties, '');
  for (const [path, loc] of Object.entries(source.propertyLocations)) {
    const whole = appended.find((a) => a.path === path);
    // The split-out's location for a whole appended list is where each of its elements came from.
    if (whole) {
      for (let i = 0; i < whole.count; i++) target.propertyLocations[`${path}[${whole.offset + i}]`] = loc as Location;
      target.propertyLocations[path] ??= loc as Location;
    }
    else target.propertyLocations[shift(path, appended)] = loc as Location;
  }
}

function shift(path: string, appended: { path: string; offset: number }[]): string {
  for (const { path: list, offset } of appended) {
    if (!path.startsWith(`${list}[`)) continue;
    return path.replace(/^([^[]*)\[(\d+)\]/, (m, head: string, i: string) => (head === list ? `${head}[${Number(i) + offset}]` : m));
  }
  return path;
}
