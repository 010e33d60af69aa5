import { readFileSync, statSync } from 'node:fs';
import { join, resolve as resolvePath, sep } from 'node:path';
import type { Location } from '../../../core/resource.js';
import { Expr, Ref, Unknown, asNumber, isObject, type Value, type ValueObject } from '../../../core/value.js';
import type { LoadOptions } from '../../types.js';
import { dataSourceAttribute } from '../eval/data-sources.js';
import { evaluate, withSymbols, type EvalContext, type Scope, type Step } from '../eval/evaluator.js';
import type { FunctionEnv } from '../eval/functions.js';
import { failure, isConcrete, setProp, unknownFrom, withKnownText } from '../eval/values.js';
import type { Block, Body, Pos } from '../hcl/ast.js';
import { cfnAttributeFor } from '../mapping/refs.js';
import { nativeProperties } from '../mapping/apply.js';
import type { SourceBlock, SourceBody } from '../mapping/types.js';
import { mappingFor } from '../mappings/index.js';
import { attributeOf, type Declared, type ModuleDecl } from './declarations.js';
import { convertToType, defaultOf, typeKindOf } from './variables.js';

// One instance of a module: its variables, locals, resources (expanded by count/for_each),
// data sources and child modules. It is the Scope that gives names their meaning; everything is
// evaluated lazily and memoized, and a reference cycle yields Unknown instead of recursion.

export interface LoaderContext {
  /** Resource keys are `${rootDir}#${address}`. */
  rootDir: string;
  options: LoadOptions;
  warn(file: string, message: string, pos?: Pos): void;
  /** The declarations of a child module's directory, read once; undefined when there are none. */
  moduleAt(dir: string): ModuleDecl | undefined;
  /** Refs that stand for a whole resource instance (so `.arn` on them can be resolved). */
  readonly resourceObjects: WeakMap<Ref, ResourceInstance>;
}

export interface ResourceInstance {
  type: string;
  name: string;
  decl: Declared;
  module: ModuleInstance;
  address: string;
  key: string;
  count?: Value;
  each?: { key: Value; value: Value };
  /** count/for_each not known: this one instance stands for all of them (maybe none). */
  star: boolean;
  conditional: boolean;
}

/** How a `count` or `for_each` expands. */
type Repetition =
  | { kind: 'single' }
  | { kind: 'count'; n: number }
  | { kind: 'each'; entries: [string, Value][] }
  | { kind: 'star'; why: Unknown };

type Expansion = ResourceInstance[] & { repetition?: Repetition };

interface ModuleCall {
  decl?: ModuleDecl;
  /** Instances by key: '' (single), index, for_each key, or '*'. */
  instances: Map<string | number, ModuleInstance>;
  repetition: Repetition;
  reason?: string;
}

const RESOURCE_META_ATTRS = new Set(['count', 'for_each', 'provider', 'depends_on']);
const RESOURCE_META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
const MODULE_META_ATTRS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const MAX_MODULE_DEPTH = 16;

export const locationOf = (file: string, pos: Pos): Location => ({ file, line: pos.line, column: pos.column });

/** Memoized lazy values with cycle detection. */
class Memo<V> {
  private readonly done = new Map<string, V>();
  private readonly busy = new Set<string>();
  get(key: string, compute: () => V, onCycle: () => V): V {
    if (this.done.has(key)) return this.done.get(key)!;
    if (this.busy.has(key)) return onCycle();
    this.busy.add(key);
    try {
      const v = compute();
      this.done.set(key, v);
      return v;
    } finally {
      this.busy.delete(key);
    }
  }
}

export class ModuleInstance implements Scope {
  readonly env: FunctionEnv;
  private readonly locals = new Memo<Value>();
  private readonly expansions = new Memo<Expansion>();
  private readonly instanceAttrs = new Memo<Value | undefined>();
  private readonly dataBodies = new Memo<SourceBody>();
  private readonly calls = new Memo<ModuleCall | undefined>();
  private readonly outputs = new Memo<Value>();
  private readonly refs = new Map<string, Ref>();
  private readonly warned = new Set<string>();

  constructor(
    readonly ctx: LoaderContext,
    readonly decl: ModuleDecl,
    /** Address prefix: '' for the root, `module.net.` or `module.net[0].` below. */
    readonly prefix: string,
    readonly vars: ReadonlyMap<string, Value>,
    readonly conditional: boolean,
    /** Directories of this module and its callers, to refuse cycles. */
    private readonly lineage: readonly string[],
  ) {
    this.env = { readFile: (p) => this.readModuleFile(p) };
  }

  // --- Scope ---------------------------------------------------------------------------------

  resolve(root: string, steps: readonly Step[], ctx: EvalContext): { value: Value; consumed: number } {
    const name = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    const one = (value: Value): { value: Value; consumed: number } => ({ value, consumed: 1 });
    if (name === undefined) {
      return root === 'self' ? { value: new Unknown('self is known only at apply time'), consumed: 0 } : { value: failure(`"${root}" needs an attribute`), consumed: 0 };
    }
    switch (root) {
      case 'var':
        return one(this.vars.get(name) ?? this.undeclared(ctx, `variable "${name}"`));
      case 'local':
        return one(this.local(name));
      case 'count':
        return one(name === 'index' && ctx.count !== undefined ? ctx.count : failure('count.index outside a resource with count'));
      case 'each':
        return one(ctx.each && (name === 'key' || name === 'value') ? ctx.each[name] : failure('each outside a resource with for_each'));
      case 'path':
        return one('.');
      case 'terraform':
        return one(name === 'workspace' ? 'default' : new Unknown(`terraform.${name} is not known`));
      case 'self':
        return one(new Unknown('self is known only at apply time'));
      case 'data':
        return this.resolveData(name, steps, ctx);
      case 'module':
        return this.resolveModule(name, steps.slice(1), ctx);
      default:
        if (this.decl.resources.has(`${root}.${name}`)) return one(this.resourceValue(`${root}.${name}`));
        return one(this.undeclared(ctx, `resource "${root}.${name}"`));
    }
  }

  getAttr(value: Value, name: string): Value | undefined {
    const inst = value instanceof Ref ? this.ctx.resourceObjects.get(value) : undefined;
    return inst ? inst.module.instanceAttribute(inst, name) : undefined;
  }

  index(value: Value): Value | undefined {
    const inst = value instanceof Ref ? this.ctx.resourceObjects.get(value) : undefined;
    // Any instance of a resource whose count is unknown is that resource's [*] stand-in.
    return inst?.star ? value : undefined;
  }

  splat(value: Value): Value[] | Unknown | undefined {
    const inst = value instanceof Ref ? this.ctx.resourceObjects.get(value) : undefined;
    if (inst?.star) return new Unknown(`the number of ${inst.address} instances is not known until apply`, [inst.key]);
    return undefined;
  }

  private undeclared(ctx: EvalContext, what: string): Value {
    if (!this.warned.has(what)) {
      this.warned.add(what);
      this.ctx.warn(ctx.file ?? this.decl.files[0]?.path ?? this.decl.dir, `reference to ${what}, which is not declared in this module`);
    }
    return failure(`${what} is not declared`);
  }

  // --- locals, outputs, data -----------------------------------------------------------------

  private local(name: string): Value {
    const d = this.decl.locals.get(name);
    if (!d) return failure(`local "${name}" is not declared`);
    return this.locals.get(
      name,
      () => evaluate(d.attr.expr, { scope: this, file: d.file }),
      () => new Unknown(`local.${name} refers to itself`),
    );
  }

  output(name: string): Value {
    const d = this.decl.outputs.get(name);
    const value = d && attributeOf(d.block, 'value');
    if (!d || !value) return failure(`module output "${name}" is not declared`);
    return this.outputs.get(
      name,
      () => evaluate(value.expr, { scope: this, file: d.file }),
      () => new Unknown(`output ${name} refers to itself`),
    );
  }

  private allOutputs(): Value {
    const out: ValueObject = {};
    for (const name of this.decl.outputs.keys()) setProp(out, name, this.output(name));
    return out;
  }

  private resolveData(type: string, steps: readonly Step[], ctx: EvalContext): { value: Value; consumed: number } {
    const name = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
    const attr = steps[2]?.kind === 'attr' ? steps[2].name : undefined;
    if (name === undefined) return { value: failure(`data.${type} needs a name`), consumed: 1 };
    const d = this.decl.data.get(`${type}.${name}`);
    if (!d) return { value: this.undeclared(ctx, `data source "${type}.${name}"`), consumed: 2 };
    if (attributeOf(d.block, 'count') || attributeOf(d.block, 'for_each')) {
      return { value: new Unknown(`data.${type}.${name} with count or for_each is not evaluated`), consumed: steps.length };
    }
    if (attr === undefined) return { value: new Unknown(`data.${type}.${name} is read at plan time`), consumed: steps.length };
    const body = (): SourceBody =>
      this.dataBodies.get(
        `${type}.${name}`,
        () => this.evaluateBody(d.block.body, { scope: this, file: d.file }, d.file, true),
        () => ({ attrs: new Map(), blocks: new Map() }),
      );
    return { value: dataSourceAttribute(type, name, attr, body, this.ctx.options), consumed: 3 };
  }

  // --- resources -----------------------------------------------------------------------------

  /** Every instance of a resource; count = 0 gives none. */
  expand(rkey: string): Expansion {
    return this.expansions.get(
      rkey,
      () => {
        const d = this.decl.resources.get(rkey)!;
        const [type, name] = rkey.split('.') as [string, string];
        const rep = this.repetition(d.block, d.file, { scope: this, file: d.file }, rkey);
        const base = `${this.prefix}${rkey}`;
        const make = (suffix: string, extra: Partial<ResourceInstance>): ResourceInstance => ({
          type,
          name,
          decl: d,
          module: this,
          address: base + suffix,
          key: `${this.ctx.rootDir}#${base}${suffix}`,
          star: false,
          conditional: this.conditional,
          ...extra,
        });
        let list: ResourceInstance[];
        if (rep.kind === 'single') list = [make('', {})];
        else if (rep.kind === 'count') list = Array.from({ length: rep.n }, (_, i) => make(`[${i}]`, { count: i }));
        else if (rep.kind === 'each') list = rep.entries.map(([k, v]) => make(`[${JSON.stringify(k)}]`, { each: { key: k, value: v } }));
        else {
          const unknown = new Unknown(`${rep.why.reason}`, rep.why.refs);
          list = [make('[*]', { star: true, conditional: true, count: unknown, each: { key: unknown, value: unknown } })];
        }
        return Object.assign(list, { repetition: rep });
      },
      () => Object.assign([], { repetition: { kind: 'single' } as Repetition }),
    );
  }

  /** The value of a bare reference `aws_x.y`: one resource object, a list, a map, or the [*] stand-in. */
  private resourceValue(rkey: string): Value {
    const list = this.expand(rkey);
    const rep = list.repetition ?? { kind: 'single' };
    if (rep.kind === 'count') return list.map((i) => this.refOf(i));
    if (rep.kind === 'each') {
      const out: ValueObject = {};
      for (const i of list) setProp(out, String(i.each!.key), this.refOf(i));
      return out;
    }
    if (list.length === 0) return new Unknown(`${rkey} refers to itself`);
    return this.refOf(list[0]!);
  }

  refOf(inst: ResourceInstance): Ref {
    let r = this.refs.get(inst.key);
    if (!r) {
      r = new Ref(inst.key);
      this.refs.set(inst.key, r);
      this.ctx.resourceObjects.set(r, inst);
    }
    return r;
  }

  /**
   * `aws_x.y.attr`: a Ref to the resource (with the CloudFormation attribute name), carrying the
   * text when the configuration sets that attribute to a known string (a fixed bucket name).
   * Non-string configured values (numbers, lists) are returned as configured.
   */
  instanceAttribute(inst: ResourceInstance, name: string): Value {
    const cfnAttr = cfnAttributeFor(inst.type, name);
    const idAttr = mappingFor(inst.type)?.idAttribute;
    let configured = this.configuredAttribute(inst, name);
    if (configured === undefined && name === 'id' && idAttr) configured = this.configuredAttribute(inst, idAttr);
    if (configured === undefined || configured === null) return new Ref(inst.key, cfnAttr);
    if (typeof configured === 'string') return new Ref(inst.key, cfnAttr, configured);
    if (configured instanceof Ref || configured instanceof Expr || configured instanceof Unknown) return new Ref(inst.key, cfnAttr);
    return configured;
  }

  /** The configured value of a top-level attribute, or of nested blocks as a list of objects. */
  private configuredAttribute(inst: ResourceInstance, name: string): Value | undefined {
    if (RESOURCE_META_ATTRS.has(name)) return undefined;
    const a = attributeOf(inst.decl.block, name);
    const blocks = a ? [] : inst.decl.block.body.blocks.filter((b) => b.type === name);
    if (!a && blocks.length === 0) return undefined;
    return this.instanceAttrs.get(
      `${inst.key}|${name}`,
      () => {
        const ctx = this.contextOf(inst);
        if (a) return evaluate(a.expr, ctx);
        return blocks.map((b) => nativeProperties(this.evaluateBody(b.body, ctx, inst.decl.file, false)).properties);
      },
      () => undefined,
    );
  }

  contextOf(inst: ResourceInstance): EvalContext {
    return { scope: this, count: inst.count, each: inst.each, file: inst.decl.file };
  }

  /** How `count` / `for_each` of a resource or module block expands. */
  private repetition(block: Block, file: string, ctx: EvalContext, what: string): Repetition {
    const max = this.ctx.options.limits.maxExpansion;
    const count = attributeOf(block, 'count');
    const forEach = attributeOf(block, 'for_each');
    if (count) {
      const v = evaluate(count.expr, ctx);
      const n = asNumber(v);
      if (n === undefined || !Number.isInteger(n) || n < 0) {
        if (!(v instanceof Unknown || v instanceof Ref || v instanceof Expr)) this.ctx.warn(file, `${what}: count is not a whole number`, count.pos);
        return { kind: 'star', why: unknownFrom(`count of ${this.prefix}${what} not known until apply`, v) };
      }
      if (n > max) this.ctx.warn(file, `${what}: count of ${n} expanded to the first ${max} (maxExpansion)`, count.pos);
      return { kind: 'count', n: Math.min(n, max) };
    }
    if (forEach) {
      const v = evaluate(forEach.expr, ctx);
      let entries: [string, Value][] | undefined;
      // Set elements must be known strings; a reference with known text (a fixed name) is one.
      const set = Array.isArray(v) ? v.map(withKnownText) : undefined;
      if (isObject(v)) entries = Object.keys(v).sort().map((k) => [k, v[k]!]);
      else if (set?.every((x) => typeof x === 'string')) entries = [...new Set(set as string[])].sort().map((s) => [s, s]);
      if (!entries) {
        if (isConcrete(v)) this.ctx.warn(file, `${what}: for_each needs a map or a set of strings`, forEach.pos);
        return { kind: 'star', why: unknownFrom(`for_each of ${this.prefix}${what} not known until apply`, v) };
      }
      if (entries.length > max) {
        this.ctx.warn(file, `${what}: for_each of ${entries.length} expanded to the first ${max} (maxExpansion)`, forEach.pos);
        entries = entries.slice(0, max);
      }
      return { kind: 'each', entries };
    }
    return { kind: 'single' };
  }

  /** Every resource instance of this module and of the modules it calls. */
  collect(): ResourceInstance[] {
    const out: ResourceInstance[] = [];
    for (const rkey of this.decl.resources.keys()) out.push(...this.expand(rkey));
    for (const name of this.decl.modules.keys()) {
      const call = this.moduleCall(name);
      for (const child of call?.instances.values() ?? []) out.push(...child.collect());
    }
    return out;
  }

  // --- bodies --------------------------------------------------------------------------------

  /** Evaluates a block body (meta-arguments left out at the top) into a mapping input. */
  evaluateBody(body: Body, ctx: EvalContext, file: string, top: boolean): SourceBody {
    const attrs = new Map<string, { value: Value; loc: Location }>();
    for (const a of body.attributes) {
      if (top && RESOURCE_META_ATTRS.has(a.name)) continue;
      attrs.set(a.name, { value: evaluate(a.expr, ctx), loc: locationOf(file, a.pos) });
    }
    const blocks = new Map<string, SourceBlock[]>();
    const push = (type: string, b: SourceBlock): void => {
      const list = blocks.get(type) ?? [];
      list.push(b);
      blocks.set(type, list);
    };
    for (const b of body.blocks) {
      if (top && RESOURCE_META_BLOCKS.has(b.type)) continue;
      if (b.type === 'dynamic') this.expandDynamic(b, ctx, file, push);
      else push(b.type, { body: this.evaluateBody(b.body, ctx, file, false), loc: locationOf(file, b.pos) });
    }
    return { attrs, blocks };
  }

  /** `dynamic "ingress" { for_each = …; content { … } }` → one `ingress` block per element. */
  private expandDynamic(b: Block, ctx: EvalContext, file: string, push: (type: string, b: SourceBlock) => void): void {
    const name = b.labels[0];
    const forEach = attributeOf(b, 'for_each');
    const content = b.body.blocks.find((c) => c.type === 'content');
    if (!name || !forEach || !content) {
      this.ctx.warn(file, 'a dynamic block needs a label, for_each and a content block', b.pos);
      return;
    }
    const it = attributeOf(b, 'iterator')?.expr;
    const iterator = it?.type === 'variable' ? it.name : name;
    const loc = locationOf(file, b.pos);
    const coll = evaluate(forEach.expr, ctx);
    let pairs: [Value, Value][];
    if (Array.isArray(coll)) pairs = coll.map((v, i) => [i, v]);
    else if (isObject(coll)) pairs = Object.keys(coll).sort().map((k) => [k, coll[k]!]);
    else {
      if (coll !== null) push(name, { unknown: unknownFrom(`dynamic "${name}" blocks not known until apply`, coll), loc });
      return;
    }
    for (const [k, v] of pairs.slice(0, this.ctx.options.limits.maxExpansion)) {
      const inner = withSymbols(ctx, [[iterator, { key: k, value: v }]]);
      push(name, { body: this.evaluateBody(content.body, inner, file, false), loc });
    }
  }

  // --- modules -------------------------------------------------------------------------------

  private resolveModule(name: string, rest: readonly Step[], ctx: EvalContext): { value: Value; consumed: number } {
    const call = this.moduleCall(name);
    if (!call) return { value: this.undeclared(ctx, `module "${name}"`), consumed: 1 };
    if (!call.decl) return { value: new Unknown(`module "${name}" is not followed (${call.reason})`), consumed: 1 + rest.length };
    const rep = call.repetition;
    let inst: ModuleInstance | undefined;
    let used = 0;
    if (rep.kind === 'single') inst = call.instances.get('');
    else if (rep.kind === 'star') {
      inst = call.instances.get('*');
      if (rest[0]?.kind === 'index') used = 1;
    } else if (rest[0]?.kind === 'index') {
      const key = rest[0].key;
      if (key instanceof Unknown || key instanceof Ref || key instanceof Expr) return { value: unknownFrom('module instance key not known until apply', key), consumed: 2 + (rest[1]?.kind === 'attr' ? 1 : 0) };
      inst = call.instances.get(rep.kind === 'count' ? Number(key) : String(key));
      if (!inst) return { value: failure(`module.${name}[${JSON.stringify(key)}] does not exist`), consumed: 2 };
      used = 1;
    } else {
      const all = [...call.instances.entries()];
      const value: Value = rep.kind === 'count' ? all.map(([, m]) => m.allOutputs()) : Object.fromEntries(all.map(([k, m]) => [String(k), m.allOutputs()]));
      return { value, consumed: 1 };
    }
    if (!inst) return { value: new Unknown(`module "${name}" has no instance`), consumed: 1 + rest.length };
    const out = rest[used];
    if (out?.kind === 'attr') return { value: inst.output(out.name), consumed: 1 + used + 1 };
    return { value: inst.allOutputs(), consumed: 1 + used };
  }

  private moduleCall(name: string): ModuleCall | undefined {
    const d = this.decl.modules.get(name);
    if (!d) return undefined;
    return this.calls.get(
      name,
      () => this.followModule(name, d),
      () => ({ instances: new Map(), repetition: { kind: 'single' }, reason: 'it refers to itself' }),
    );
  }

  private followModule(name: string, d: Declared): ModuleCall {
    const notFollowed = (reason: string): ModuleCall => {
      this.ctx.warn(d.file, `module "${name}" not followed: ${reason}`, d.block.pos);
      return { instances: new Map(), repetition: { kind: 'single' }, reason };
    };
    const srcAttr = attributeOf(d.block, 'source');
    const source = srcAttr ? evaluate(srcAttr.expr, { scope: this, file: d.file }) : undefined;
    if (typeof source !== 'string') return notFollowed('its source is not a literal string');
    if (!source.startsWith('./') && !source.startsWith('../')) return notFollowed(`source "${source}" is not a local path`);
    const dir = join(this.decl.dir, source);
    const abs = resolvePath(dir);
    if (this.lineage.includes(abs)) return notFollowed(`source "${source}" calls a module that is already being loaded`);
    if (this.lineage.length >= MAX_MODULE_DEPTH) return notFollowed(`modules nested deeper than ${MAX_MODULE_DEPTH} levels`);
    const childDecl = this.ctx.moduleAt(dir);
    if (!childDecl) return notFollowed(`no readable .tf files in ${dir}`);

    const rep = this.repetition(d.block, d.file, { scope: this, file: d.file }, `module.${name}`);
    const instances = new Map<string | number, ModuleInstance>();
    const make = (key: string | number, suffix: string, ctx: EvalContext, star: boolean): void => {
      const vars = this.moduleInputs(name, d, childDecl, ctx);
      instances.set(key, new ModuleInstance(this.ctx, childDecl, `${this.prefix}module.${name}${suffix}.`, vars, this.conditional || star, [...this.lineage, abs]));
    };
    const base: EvalContext = { scope: this, file: d.file };
    if (rep.kind === 'single') make('', '', base, false);
    else if (rep.kind === 'count') for (let i = 0; i < rep.n; i++) make(i, `[${i}]`, { ...base, count: i }, false);
    else if (rep.kind === 'each') for (const [k, v] of rep.entries) make(k, `[${JSON.stringify(k)}]`, { ...base, each: { key: k, value: v } }, false);
    else make('*', '[*]', { ...base, count: rep.why, each: { key: rep.why, value: rep.why } }, true);
    return { decl: childDecl, instances, repetition: rep };
  }

  /** The child's variables: the module block's arguments, else the defaults, else Unknown. */
  private moduleInputs(name: string, d: Declared, child: ModuleDecl, ctx: EvalContext): Map<string, Value> {
    const inputs = new Map<string, Value>();
    for (const a of d.block.body.attributes) {
      if (MODULE_META_ATTRS.has(a.name)) continue;
      if (!child.variables.has(a.name)) this.ctx.warn(d.file, `module "${name}" has no variable "${a.name}"`, a.pos);
      inputs.set(a.name, evaluate(a.expr, ctx));
    }
    const vars = new Map<string, Value>();
    for (const [vname, v] of child.variables) {
      const given = inputs.has(vname) ? inputs.get(vname)! : defaultOf(v.block);
      vars.set(vname, given === undefined ? new Unknown(`module "${name}" input "${vname}" is not set`) : convertToType(given, typeKindOf(v.block)));
    }
    return vars;
  }

  // --- files ---------------------------------------------------------------------------------

  /** `file()`: only files inside this module's directory, within the size limit, as text. */
  private readModuleFile(p: string): string | undefined {
    const base = resolvePath(this.decl.dir);
    const full = resolvePath(base, p);
    if (!full.startsWith(base + sep)) return undefined;
    try {
      if (statSync(full).size > this.ctx.options.limits.maxFileBytes) return undefined;
      const text = readFileSync(full, 'utf8');
      return text.includes('\u0000') ? undefined : text;
    } catch {
      return undefined;
    }
  }
}
