import { InputError } from '../../../core/errors.js';
import type { Location } from '../../../core/resource.js';
import { Expr, Ref, Unknown, type Value, type ValueObject } from '../../../core/value.js';
import type { LoadedFile, LoadOptions, LoadWarning } from '../../types.js';
import { concatParts, setProp } from '../eval/values.js';
import { checkTextInput, parseJsonText } from '../input-checks.js';
import { bodyFromObject } from '../mapping/apply.js';
import { buildResources, type Built } from '../mapping/build.js';
import { mergeSplitOuts } from '../mapping/merge.js';
import { cfnAttributeFor } from '../mapping/refs.js';
import { mappingFor } from '../mappings/index.js';

// A plan as printed by `terraform show -json`. Planned values are preferred; what
// `after_unknown` marks is Unknown until apply. The configuration's `references` say which
// resource an unknown (or a known id) came from, so they become Refs and thus edges.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isJsonObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

interface PlannedResource {
  address: string;
  moduleAddress: string;
  type: string;
  name: string;
  index?: Json;
  values: JsonObject;
}

interface RefTarget {
  key: string;
  address: string;
  type: string;
  attr?: string;
}

export { looksLikeTerraformPlan } from './sniff.js';

export function loadTerraformPlan(file: string, text: string, options: LoadOptions): LoadedFile {
  checkTextInput(file, text, options.limits);
  const plan = parseJsonText(file, text) as Json;
  if (!isJsonObject(plan) || typeof plan['format_version'] !== 'string') throw new InputError('not a Terraform plan: no format_version', file, 1, 1);
  const major = Number(plan['format_version'].split('.')[0]);
  if (major !== 0 && major !== 1) throw new InputError(`unsupported plan format_version ${plan['format_version']}`, file, 1, 1);
  checkDepth(plan, options.limits.maxDepth, file);

  const warnings: LoadWarning[] = [];
  const positions = addressPositions(text);
  const locate = (address: string): Location | undefined => {
    const p = positions.get(address);
    return p ? { file, line: p.line, column: p.column } : undefined;
  };

  const planned = plannedResources(plan['planned_values']);
  const byAddress = new Map(planned.map((r) => [r.address, r]));
  const changes = new Map<string, Json>();
  for (const c of asArray(plan['resource_changes'])) {
    if (isJsonObject(c) && typeof c['address'] === 'string' && isJsonObject(c['change']) && c['deposed'] === undefined) changes.set(c['address'], c['change']['after_unknown'] ?? null);
  }
  const configs = configModules(isJsonObject(plan['configuration']) ? plan['configuration']['root_module'] : undefined);

  const built: Built[] = [];
  for (const r of planned) {
    const config = asArray(configs.get(stripIndexes(r.moduleAddress))?.['resources'])
      .filter(isJsonObject)
      .find((c) => c['address'] === `${r.type}.${r.name}` && c['mode'] !== 'data');
    const expressions = config && isJsonObject(config['expressions']) ? config['expressions'] : undefined;
    const resolveRefs = (e: Json | undefined): RefTarget[] => referenceTargets(e, r.moduleAddress, r.index, { byAddress, configs, file }, 0);
    const values = combine(r.values, changes.get(r.address), expressions, resolveRefs, byAddress, expressions !== undefined) ?? {};
    const location = locate(r.address);
    built.push(
      ...buildResources(
        {
          key: `${file}#${r.address}`,
          id: r.address,
          tfType: r.type,
          body: bodyFromObject(values as ValueObject, undefined),
          source: 'terraform-plan',
          unit: file,
          location,
          suppressions: [],
          conditional: false,
          maxDepth: options.limits.maxDepth,
        },
        (message) => warnings.push({ message, ...(location ? { line: location.line, column: location.column } : {}) }),
      ),
    );
  }
  const resources = mergeSplitOuts(built, (res, message) =>
    warnings.push({ message, ...(res.location ? { line: res.location.line, column: res.location.column } : {}) }),
  );
  return { resources, warnings };
}

const asArray = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** Refuses documents nested deeper than the limit (walked without recursion). */
function checkDepth(root: Json, maxDepth: number, file: string): void {
  const stack: [Json, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > maxDepth) throw new InputError(`nesting deeper than ${maxDepth} levels`, file);
    if (Array.isArray(v)) for (const x of v) stack.push([x, d + 1]);
    else if (isJsonObject(v)) for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
}

/** Where each `"address": "…"` first appears, so resources point into the plan file. */
function addressPositions(text: string): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  const re = /"address"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of text.matchAll(re)) {
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < m.index!; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = m.index!;
    let address: string;
    try {
      address = JSON.parse(`"${m[1]}"`) as string;
    } catch {
      continue;
    }
    if (!out.has(address)) out.set(address, { line, column: m.index! - lineStart + 1 });
  }
  return out;
}

/** Managed resources of planned_values, through every child module. */
function plannedResources(pv: Json | undefined): PlannedResource[] {
  const out: PlannedResource[] = [];
  const root = isJsonObject(pv) ? pv['root_module'] : undefined;
  const stack: [Json | undefined, string][] = [[root, '']];
  while (stack.length > 0) {
    const [mod, moduleAddress] = stack.pop()!;
    if (!isJsonObject(mod)) continue;
    for (const r of asArray(mod['resources'])) {
      if (!isJsonObject(r) || r['mode'] !== 'managed') continue;
      const { address, type, name } = r;
      if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string') continue;
      out.push({ address, moduleAddress, type, name, index: r['index'], values: isJsonObject(r['values']) ? r['values'] : {} });
    }
    for (const c of asArray(mod['child_modules'])) {
      if (isJsonObject(c)) stack.push([c, typeof c['address'] === 'string' ? c['address'] : moduleAddress]);
    }
  }
  return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Configuration modules by module path (`module.a.module.b`, indexes removed). */
function configModules(root: Json | undefined): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const stack: [Json | undefined, string][] = [[root, '']];
  while (stack.length > 0) {
    const [mod, path] = stack.pop()!;
    if (!isJsonObject(mod)) continue;
    out.set(path, mod);
    const calls = mod['module_calls'];
    if (isJsonObject(calls)) {
      for (const [name, call] of Object.entries(calls)) {
        if (isJsonObject(call)) stack.push([call['module'], path ? `${path}.module.${name}` : `module.${name}`]);
      }
    }
  }
  return out;
}

const stripIndexes = (address: string): string => address.replace(/\[[^\]]*\]/g, '');

const NOT_RESOURCES = new Set(['var', 'local', 'data', 'module', 'each', 'count', 'path', 'terraform', 'self']);
const REFERENCE = /^([A-Za-z][\w-]*)\.([\w-]+)(\[[^\]]*\])?(?:\.([\w-]+))?/;

interface RefWorld {
  byAddress: Map<string, PlannedResource>;
  configs: Map<string, JsonObject>;
  file: string;
}

/**
 * The resources an expression's `references` name, in module `moduleAddress`. A module output
 * (`module.kms.key_arn`) is followed to the references of its expression in the child module.
 */
function referenceTargets(e: Json | undefined, moduleAddress: string, fromIndex: Json | undefined, world: RefWorld, depth: number): RefTarget[] {
  if (!isJsonObject(e) || !Array.isArray(e['references']) || depth > 16) return [];
  const { byAddress, configs, file } = world;
  const prefix = moduleAddress ? `${moduleAddress}.` : '';
  const found = new Map<string, RefTarget>();
  const add = (t: RefTarget): void => {
    const prev = found.get(t.address);
    if (!prev || (prev.attr === undefined && t.attr !== undefined)) found.set(t.address, t);
  };
  for (const ref of e['references']) {
    if (typeof ref !== 'string') continue;
    const out = /^module\.([\w-]+)\.([\w-]+)/.exec(ref);
    if (out) {
      const child = `${prefix}module.${out[1]}`;
      const outputs = configs.get(stripIndexes(child))?.['outputs'];
      const output = isJsonObject(outputs) ? outputs[out[2]!] : undefined;
      const expr = isJsonObject(output) ? output['expression'] : undefined;
      for (const t of referenceTargets(expr, child, undefined, world, depth + 1)) add(t);
      continue;
    }
    const m = REFERENCE.exec(ref);
    if (!m || NOT_RESOURCES.has(m[1]!)) continue;
    const [, type, name, index, attr] = m as unknown as [string, string, string, string | undefined, string | undefined];
    const base = `${prefix}${type}.${name}`;
    let addresses: string[];
    if (index !== undefined) addresses = [base + index];
    else if (byAddress.has(base)) addresses = [base];
    else {
      // `aws_x.y[count.index]` is recorded without its index: pair instances by index.
      const own = fromIndex === undefined ? undefined : `${base}[${JSON.stringify(fromIndex)}]`;
      addresses = own && byAddress.has(own) ? [own] : [...byAddress.keys()].filter((a) => a.startsWith(`${base}[`));
    }
    for (const address of addresses) if (byAddress.has(address)) add({ key: `${file}#${address}`, address, type, attr });
  }
  return [...found.values()];
}

/** A block-expressions object, as opposed to one expression (`references`/`constant_value`). */
const isExpression = (e: Json | undefined): boolean => isJsonObject(e) && (Array.isArray(e['references']) || 'constant_value' in e);

function childExpr(e: Json | undefined, key: string): Json | undefined {
  if (isExpression(e)) return e;
  return isJsonObject(e) ? e[key] : undefined;
}

function elementExpr(e: Json | undefined, i: number): Json | undefined {
  if (Array.isArray(e)) return e[i] ?? e[0];
  return e;
}

/**
 * Planned values with unknowns and references folded in. An unknown the configuration does not
 * set is computed by the provider (an AWS default such as a generated policy): it is left out,
 * so rules apply AWS's documented default, rather than reported as Unknown.
 */
function combine(
  v: Json | undefined,
  unknown: Json | undefined,
  expr: Json | undefined,
  refsOf: (e: Json | undefined) => RefTarget[],
  byAddress: Map<string, PlannedResource>,
  configured: boolean,
): Value | undefined {
  if (unknown === true) {
    if (configured && expr === undefined) return undefined;
    const refs = refsOf(expr);
    if (refs.length === 1) return new Ref(refs[0]!.key, refs[0]!.attr ? cfnAttributeFor(refs[0]!.type, refs[0]!.attr) : undefined);
    return new Unknown('known only after apply', refs.map((r) => r.key));
  }
  if (Array.isArray(v) || Array.isArray(unknown)) {
    const items = Array.isArray(v) ? v : [];
    const u = Array.isArray(unknown) ? unknown : [];
    const n = Math.max(items.length, u.length);
    return Array.from(
      { length: n },
      (_, i) => combine(items[i] ?? null, u[i], elementExpr(expr, i), refsOf, byAddress, configured) ?? new Unknown('known only after apply'),
    );
  }
  if (isJsonObject(v) || isJsonObject(unknown)) {
    const o = isJsonObject(v) ? v : {};
    const u = isJsonObject(unknown) ? unknown : {};
    const out: ValueObject = {};
    for (const k of new Set([...Object.keys(o), ...Object.keys(u).filter((k) => u[k] !== false)])) {
      const x = combine(o[k] ?? null, u[k], childExpr(expr, k), refsOf, byAddress, configured);
      if (x !== undefined) setProp(out, k, x);
    }
    return out;
  }
  if (typeof v === 'string') return withReferenceText(v, refsOf(expr), byAddress);
  return v ?? null;
}

/**
 * A known string that came from a reference keeps the edge: it becomes a Ref carrying the text
 * when it is the referenced attribute's planned value, or an Expr when it contains it.
 */
function withReferenceText(v: string, refs: RefTarget[], byAddress: Map<string, PlannedResource>): Value {
  for (const r of refs) {
    if (!r.attr) continue;
    const values = byAddress.get(r.address)?.values;
    // `id` is unknown for a resource being created; its physical name may be known already.
    const idAttr = r.attr === 'id' ? mappingFor(r.type)?.idAttribute : undefined;
    const target = values?.[r.attr] ?? (idAttr ? values?.[idAttr] : undefined);
    if (typeof target !== 'string' || target === '') continue;
    const ref = new Ref(r.key, cfnAttributeFor(r.type, r.attr), target);
    if (v === target) return ref;
    const at = v.indexOf(target);
    if (at >= 0) return concatParts([v.slice(0, at), ref, v.slice(at + target.length)]) as Expr | Ref;
  }
  return v;
}
