// Field paths into a CloudTrail record: `requestParameters.eventSelectors[*].includeManagementEvents`.
// A segment is a key, optionally followed by `[*]` (every element) or `[n]` (one element). `[*]` on
// a value that is not an array treats it as a one-element list, because CloudTrail writes XML lists
// of one (S3 ACL grants, `x-amz-acl` headers) sometimes as a value and sometimes as an array.

export type Step = { key: string } | { each: true } | { index: number };

const SEGMENT = /^([^[\]]+)((?:\[(?:\*|\d+)\])*)$/;
const BRACKET = /\[(\*|\d+)\]/g;

const cache = new Map<string, readonly Step[]>();

/** Parses a path once; a malformed path is a programming error in a detection table. */
export function parsePath(path: string): readonly Step[] {
  const hit = cache.get(path);
  if (hit) return hit;
  const steps: Step[] = [];
  for (const segment of path.split('.')) {
    const m = SEGMENT.exec(segment);
    if (!m) throw new Error(`malformed field path "${path}" at "${segment}"`);
    steps.push({ key: m[1]! });
    for (const b of m[2]!.matchAll(BRACKET)) steps.push(b[1] === '*' ? { each: true } : { index: Number(b[1]) });
  }
  cache.set(path, steps);
  return steps;
}

/** Every value the path reaches (none when a step is missing or null). */
export function valuesAt(root: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(root, parsePath(path), 0, out);
  return out;
}

/** The first value the path reaches, or undefined. Plain key paths walk without allocating. */
export function valueAt(root: unknown, path: string): unknown {
  const steps = parsePath(path);
  let node = root;
  for (const step of steps) {
    if (!('key' in step)) return valuesAt(root, path)[0];
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[step.key];
  }
  return node === null ? undefined : node;
}

function collect(node: unknown, steps: readonly Step[], at: number, out: unknown[]): void {
  if (node === null || node === undefined) return;
  if (at === steps.length) {
    out.push(node);
    return;
  }
  const step = steps[at]!;
  if ('key' in step) {
    if (typeof node !== 'object' || Array.isArray(node)) return;
    collect((node as Record<string, unknown>)[step.key], steps, at + 1, out);
  } else if ('each' in step) {
    if (Array.isArray(node)) for (const item of node) collect(item, steps, at + 1, out);
    else collect(node, steps, at + 1, out);
  } else if (Array.isArray(node)) {
    collect(node[step.index], steps, at + 1, out);
  }
}

/** A scalar as text for comparisons (`false` and `"false"` compare equal, as in JSON-to-text SQL extraction). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The first string value at a path (numbers and booleans as text). */
export function textAt(root: unknown, path: string): string | undefined {
  if (!path.includes('[')) return scalarText(valueAt(root, path));
  for (const v of valuesAt(root, path)) {
    const t = scalarText(v);
    if (t !== undefined) return t;
  }
  return undefined;
}
