import { InputError } from '../../../core/errors.js';
import type { Limits } from '../../../core/limits.js';
import { Unknown, isObject, type Value } from '../../../core/value.js';
import { evaluate, type Scope } from '../eval/evaluator.js';
import { fromJSON } from '../eval/values.js';
import type { Block, Pos } from '../hcl/ast.js';
import { parseHcl, parseHclExpression } from '../hcl/parser.js';
import { checkTextInput, parseJsonText } from '../input-checks.js';
import { attributeOf, type ModuleDecl } from './declarations.js';

// Input variables of the root module. Terraform's precedence, later wins: the variable's
// default, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order,
// then -var-file and -var. We apply --var-file files before --var values (the CLI cannot tell
// us how they were interleaved). No value at all → Unknown.

export type TypeKind = 'string' | 'number' | 'bool' | 'complex' | 'any';

/** A scope where nothing can be referenced: defaults, .tfvars values, -var values. */
export const CONSTANT_SCOPE: Scope = {
  resolve: (root) => ({ value: new Unknown(`"${root}" cannot be referenced here`), consumed: 0 }),
  getAttr: () => undefined,
  index: () => undefined,
  splat: () => undefined,
  env: { readFile: () => undefined },
};

export function typeKindOf(block: Block): TypeKind {
  const t = attributeOf(block, 'type')?.expr;
  if (!t) return 'any';
  if (t.type === 'variable' && (t.name === 'string' || t.name === 'number' || t.name === 'bool' || t.name === 'any')) return t.name;
  return 'complex';
}

/** Terraform's automatic conversions for primitive types. */
export function convertToType(v: Value, kind: TypeKind): Value {
  if (kind === 'number' && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (kind === 'bool' && (v === 'true' || v === 'false')) return v === 'true';
  if (kind === 'string' && (typeof v === 'number' || typeof v === 'boolean')) return String(v);
  return v;
}

/** The variable assignments of a .tfvars (HCL) or .tfvars.json file. */
export function readVarFile(path: string, text: string, limits: Limits): Map<string, Value> {
  checkTextInput(path, text, limits);
  const out = new Map<string, Value>();
  if (/\.json$/i.test(path)) {
    const json = parseJsonText(path, text);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new InputError('a .tfvars.json file must hold a JSON object', path, 1, 1);
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) out.set(k, fromJSON(v));
    return out;
  }
  const file = parseHcl(text, path, limits.maxDepth);
  const block = file.body.blocks[0];
  if (block) throw new InputError(`unexpected block "${block.type}" in a variables file`, path, block.pos.line, block.pos.column);
  for (const a of file.body.attributes) out.set(a.name, evaluate(a.expr, { scope: CONSTANT_SCOPE }));
  return out;
}

export interface VariableSources {
  /** Assignments from var files, in precedence order (later wins). */
  files: Map<string, Value>[];
  /** `-var name=value`, as given on the command line. */
  cli: Record<string, string>;
}

export function rootVariables(
  decl: ModuleDecl,
  sources: VariableSources,
  limits: Limits,
  warn: (file: string, message: string, pos: Pos) => void,
): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [name, { block, file }] of decl.variables) {
    const kind = typeKindOf(block);
    let value = defaultOf(block);
    for (const layer of sources.files) if (layer.has(name)) value = layer.get(name);
    if (Object.prototype.hasOwnProperty.call(sources.cli, name)) value = cliValue(sources.cli[name]!, kind, limits, (m) => warn(file, `-var ${name}: ${m}`, block.pos));
    out.set(name, value === undefined ? new Unknown(`variable "${name}" has no value`) : convertToType(value, kind));
  }
  return out;
}

export function defaultOf(block: Block): Value | undefined {
  const d = attributeOf(block, 'default');
  return d ? evaluate(d.expr, { scope: CONSTANT_SCOPE }) : undefined;
}

/** `-var` values are strings for string (and untyped) variables, HCL values otherwise. */
function cliValue(raw: string, kind: TypeKind, limits: Limits, warn: (m: string) => void): Value {
  if (kind === 'string' || kind === 'any') return raw;
  try {
    const v = evaluate(parseHclExpression(raw, '-var', limits.maxDepth), { scope: CONSTANT_SCOPE });
    if (kind === 'complex' && !Array.isArray(v) && !isObject(v) && !(v instanceof Unknown)) warn('expected a list, map or object value');
    return v;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    warn(`not a valid value (${e.message}); used as a string`);
    return raw;
  }
}
