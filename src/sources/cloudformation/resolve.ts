import { isMap, isScalar, isSeq } from 'yaml';
import type { ParsedNode, Scalar, YAMLMap } from 'yaml';
import { InputError } from '../../core/errors.js';
import type { Location } from '../../core/resource.js';
import { Expr, Ref, Unknown, asNumber, asString, isObject, joinPath, referencedKeys, type Value, type ValueObject } from '../../core/value.js';
import type { LoadOptions, LoadWarning } from '../types.js';
import { computeCidr } from './cidr.js';
import { CONDITION_FUNCTIONS, INTRINSIC_TAGS } from './intrinsic-names.js';
import { deref, entry, locationOf, scalarText, type ParsedTemplate } from './parse.js';
import { partitionOf, pseudoParameter } from './pseudo.js';
import { hasRefText, refText } from './ref-text.js';
import { parseSubTemplate } from './sub.js';

/** `AWS::NoValue`: the property (or list element) is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = Value | typeof NO_VALUE;

/** A piece of a string being assembled by Fn::Sub or Fn::Join. */
export type Part = string | Ref | Unknown;

/** A condition's value: decided, or Unknown with the reason. */
export type Truth = boolean | Unknown;

export interface ResourceDecl {
  id: string;
  key: string;
  type: string;
  /** The logical id's key node: the resource's position. */
  keyNode: ParsedNode;
  /** The Type value, where a wrong type is reported. */
  typeNode: ParsedNode;
  node: YAMLMap.Parsed;
}

interface ParameterDecl {
  type: string;
  defaultNode: ParsedNode | null;
}

/** One intrinsic function application. */
interface Call {
  fn: string;
  /** The argument; for a short-form tag, the tagged node itself (its tag then ignored). */
  arg: ParsedNode | null;
  tagged: boolean;
  /** Where to report problems. */
  at: ParsedNode;
  path: string | null;
  locs: Record<string, Location> | null;
  depth: number;
}

const isListType = (type: string): boolean => type === 'CommaDelimitedList' || type.startsWith('List<');
const isSsmType = (type: string): boolean => type.startsWith('AWS::SSM::Parameter::Value<');

/**
 * Resolves intrinsic functions over the parsed template in one pass: each property node is
 * visited once, parameters, conditions and derived names are memoized, nothing is cloned.
 */
export class TemplateResolver {
  readonly warnings: LoadWarning[] = [];
  readonly resources = new Map<string, ResourceDecl>();
  private readonly parameters = new Map<string, ParameterDecl>();
  private readonly parameterValues = new Map<string, Value>();
  private readonly conditions = new Map<string, ParsedNode | null>();
  private readonly conditionValues = new Map<string, Truth>();
  private readonly evaluating = new Set<string>();
  private readonly createdValues = new Map<string, Truth>();
  private readonly names = new Map<string, string | undefined>();
  private readonly mappings: YAMLMap.Parsed | undefined;
  private readonly partition: string | undefined;
  private readonly functions: Record<string, (c: Call) => Resolved>;

  constructor(
    private readonly parsed: ParsedTemplate,
    private readonly options: LoadOptions,
  ) {
    this.partition = partitionOf(options.region);
    this.functions = {
      Ref: (c) => this.fnRef(c),
      'Fn::GetAtt': (c) => this.fnGetAtt(c),
      'Fn::Sub': (c) => combine(this.subParts(c)),
      'Fn::Join': (c) => combine(this.joinParts(c)),
      'Fn::If': (c) => this.fnIf(c),
      'Fn::Select': (c) => this.fnSelect(c),
      'Fn::Split': (c) => this.fnSplit(c),
      'Fn::FindInMap': (c) => this.fnFindInMap(c),
      'Fn::Base64': (c) => this.fnBase64(c),
      'Fn::Cidr': (c) => this.fnCidr(c),
      'Fn::GetAZs': () => new Unknown('Fn::GetAZs: availability zones are known only at deploy time'),
      'Fn::ImportValue': (c) => this.fnImportValue(c),
      'Fn::Transform': () => new Unknown('Fn::Transform: a macro rewrites this value at deploy time'),
      'Fn::Length': (c) => this.fnLength(c),
      'Fn::ToJsonString': (c) => this.fnToJsonString(c),
    };
    const root = parsed.root;
    for (const [name, node] of this.pairs(this.section(root, 'Parameters'))) {
      const decl = node && isMap(node) ? node : null;
      if (!decl) this.warn(`parameter ${name} is not a mapping`, node ?? root);
      const type = decl ? scalarText(entry(parsed, decl, 'Type')?.value ?? null) : undefined;
      this.parameters.set(name, { type: type ?? 'String', defaultNode: decl ? (entry(parsed, decl, 'Default')?.value ?? null) : null });
    }
    for (const [name, node] of this.pairs(this.section(root, 'Conditions'))) this.conditions.set(name, node);
    this.mappings = this.section(root, 'Mappings') ?? undefined;
    this.collectResources();
  }

  // ---- template sections ----------------------------------------------------------------

  private section(root: YAMLMap.Parsed, name: string): YAMLMap.Parsed | null {
    const e = entry(this.parsed, root, name);
    if (!e || e.value === null) return null;
    if (!isMap(e.value)) {
      if (name === 'Resources') this.fail('Resources is not a mapping', e.value);
      this.warn(`${name} is not a mapping; it is ignored`, e.value);
      return null;
    }
    return e.value;
  }

  /** The entries of a mapping node, keys as text, values with aliases followed. */
  private *pairs(map: YAMLMap.Parsed | null): Generator<[string, ParsedNode | null, ParsedNode]> {
    if (!map) return;
    for (const pair of map.items) {
      const keyNode = deref(this.parsed, pair.key as ParsedNode);
      const key = scalarText(keyNode);
      if (key === undefined) {
        this.warn('a key that is not a plain value is ignored', (pair.key as ParsedNode | null) ?? map);
        continue;
      }
      yield [key, deref(this.parsed, pair.value as ParsedNode | null), pair.key as ParsedNode];
    }
  }

  private collectResources(): void {
    const root = this.parsed.root;
    const section = entry(this.parsed, root, 'Resources');
    if (!section) this.fail('not a CloudFormation template: it has no Resources section', root);
    const resources = this.section(root, 'Resources');
    for (const [id, node, keyNode] of this.pairs(resources)) {
      if (id.startsWith('Fn::ForEach::')) {
        this.warn(`${id}: Fn::ForEach (AWS::LanguageExtensions) is not expanded; the resources it makes are not scanned`, keyNode);
        continue;
      }
      const typeNode = node && isMap(node) ? (entry(this.parsed, node, 'Type')?.value ?? null) : null;
      const type = scalarText(typeNode);
      if (!node || !isMap(node) || !typeNode || !type) {
        this.warn(`resource ${id} has no Type; it is skipped`, keyNode, true);
        continue;
      }
      this.resources.set(id, { id, key: `${this.parsed.file}#${id}`, type, keyNode, typeNode, node });
    }
  }

  // ---- diagnostics ----------------------------------------------------------------------

  location(node: ParsedNode): Location {
    return locationOf(this.parsed, node.range[0]);
  }

  /** A problem at a node; `error` when CloudFormation itself would reject the template for it. */
  warn(message: string, at: ParsedNode, error = false): void {
    const { line, column } = this.location(at);
    this.warnings.push(error ? { message, line, column, error } : { message, line, column });
  }

  private fail(message: string, at: ParsedNode): never {
    const { line, column } = this.location(at);
    throw new InputError(message, this.parsed.file, line, column);
  }

  /** Aliases and chains of conditions or names can nest deeper than the text: same limit. */
  private checkDepth(depth: number, at: ParsedNode): void {
    const max = this.options.limits.maxDepth;
    if (depth > max) this.fail(`nesting deeper than ${max} levels (after expanding aliases and references)`, at);
  }

  /** A malformed intrinsic: warn where it is, and let the scan go on with an unknown value. */
  private malformed(c: Call, expected: string): Unknown {
    this.warn(`${c.fn}: expected ${expected}`, c.at);
    return new Unknown(`malformed ${c.fn}`);
  }

  // ---- values ---------------------------------------------------------------------------

  /**
   * Resolves a node to a Value. With `path` and `locs`, records the position of every property
   * path beneath (keys of mappings, items of sequences), following the chosen Fn::If branch.
   */
  value(raw: ParsedNode | null, path: string | null, locs: Record<string, Location> | null, depth: number, ignoreTag = false): Resolved {
    if (raw === null) return null;
    this.checkDepth(depth, raw);
    const node = deref(this.parsed, raw);
    if (node === null) return null;
    const fn = ignoreTag || !node.tag ? undefined : INTRINSIC_TAGS[node.tag];
    if (fn) return this.call({ fn, arg: node, tagged: true, at: node, path, locs, depth });

    if (isScalar(node)) return scalarValue(node);
    if (isSeq(node)) {
      const out: Value[] = [];
      for (const item of node.items as (ParsedNode | null)[]) {
        // Paths use the index in the result: an item that is AWS::NoValue leaves no gap.
        const itemPath = path === null ? null : joinPath(path, out.length);
        const v = this.value(item, itemPath, locs, depth + 1);
        if (v === NO_VALUE) continue;
        if (itemPath !== null && locs && item) locs[itemPath] = this.location(item);
        out.push(v);
      }
      return out;
    }
    if (isMap(node)) {
      if (node.items.length === 1) {
        const key = scalarText(deref(this.parsed, node.items[0]!.key as ParsedNode));
        if (key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
          return this.call({ fn: key, arg: deref(this.parsed, node.items[0]!.value as ParsedNode | null), tagged: false, at: node, path, locs, depth });
        }
      }
      const out: ValueObject = {};
      for (const [key, valueNode, keyNode] of this.pairs(node)) {
        const keyPath = path === null ? null : joinPath(path, key);
        if (keyPath !== null && locs) locs[keyPath] = this.location(keyNode);
        const v = this.value(valueNode, keyPath, locs, depth + 1);
        if (v !== NO_VALUE) setOwn(out, key, v);
      }
      return out;
    }
    return null;
  }

  private call(c: Call): Resolved {
    if (CONDITION_FUNCTIONS.has(c.fn)) return this.truth(c);
    const handler = Object.prototype.hasOwnProperty.call(this.functions, c.fn) ? this.functions[c.fn] : undefined;
    if (handler) return handler(c);
    this.warn(`${c.fn} is not an intrinsic function ringfence evaluates`, c.at);
    return new Unknown(`${c.fn} is not evaluated`);
  }

  /** The argument resolved as a value (for a short form, the tagged node without its tag). */
  private argValue(c: Call): Resolved {
    return this.value(c.arg, null, null, c.depth + 1, c.tagged);
  }

  /** The argument's list items, or undefined when the argument is not a list of `count` items. */
  private items(c: Call, ...counts: number[]): (ParsedNode | null)[] | undefined {
    const arg = c.tagged ? c.arg : deref(this.parsed, c.arg);
    if (!arg || !isSeq(arg)) return undefined;
    const items = arg.items.map((x) => deref(this.parsed, x as ParsedNode | null));
    return counts.length === 0 || counts.includes(items.length) ? items : undefined;
  }

  private item(n: ParsedNode | null, depth: number): Resolved {
    return this.value(n, null, null, depth + 1);
  }

  // ---- Ref and GetAtt -------------------------------------------------------------------

  private fnRef(c: Call): Resolved {
    const name = scalarText(c.tagged ? c.arg : deref(this.parsed, c.arg));
    if (name === undefined) return this.malformed(c, 'the name of a parameter or resource');
    return this.ref(name, c.depth);
  }

  private ref(name: string, depth: number): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = pseudoParameter(name, this.options);
    if (pseudo !== undefined) return pseudo;
    if (this.parameters.has(name)) return this.parameter(name, depth);
    const decl = this.resources.get(name);
    if (decl) return this.resourceRef(decl, undefined, depth);
    // references.ts reports the missing name, once, wherever it is written.
    return new Unknown(`Ref to ${name}, which does not exist`);
  }

  private fnGetAtt(c: Call): Resolved {
    const arg = c.tagged ? c.arg : deref(this.parsed, c.arg);
    let id: string | undefined;
    let attribute: Value | undefined;
    if (arg && isScalar(arg)) {
      const text = scalarText(arg) ?? '';
      const dot = text.indexOf('.');
      if (dot > 0) [id, attribute] = [text.slice(0, dot), text.slice(dot + 1)];
    } else {
      const items = this.items(c, 2);
      if (items) {
        id = scalarText(items[0]!);
        const a = this.item(items[1]!, c.depth);
        attribute = a === NO_VALUE ? undefined : a;
      }
    }
    if (id === undefined || attribute === undefined) return this.malformed(c, 'Resource.Attribute or [Resource, Attribute]');
    return this.getAtt(id, attribute, c.depth);
  }

  private getAtt(id: string, attribute: Value, depth: number): Resolved {
    const decl = this.resources.get(id);
    if (!decl) return new Unknown(`Fn::GetAtt on ${id}, which does not exist`);
    const attr = asString(attribute);
    if (attr === undefined) return new Unknown(`Fn::GetAtt on ${id}: the attribute name is not known`, [decl.key, ...referencedKeys(attribute)]);
    return this.resourceRef(decl, attr, depth);
  }

  private resourceRef(decl: ResourceDecl, attribute: string | undefined, depth: number): Value {
    const created = this.created(decl.id);
    if (created === false) return new Unknown(`${decl.id} is not created (its condition is false)`, [decl.key]);
    return new Ref(decl.key, attribute, this.textOf(decl, attribute, depth));
  }

  /** Ref/GetAtt text, when derivable for certain (ref-text.ts); memoized per resource and attribute. */
  private textOf(decl: ResourceDecl, attribute: string | undefined, depth: number): string | undefined {
    if (!hasRefText(decl.type, attribute)) return undefined;
    const memo = `${decl.id}|${attribute ?? ''}`;
    if (this.names.has(memo)) return this.names.get(memo);
    this.names.set(memo, undefined); // a reference cycle reads "unknown"
    const properties = entry(this.parsed, decl.node, 'Properties')?.value ?? null;
    const prop = (name: string): string | undefined => {
      if (!properties || !isMap(properties)) return undefined;
      const node = entry(this.parsed, properties, name)?.value ?? null;
      if (node === null) return undefined;
      try {
        const v = this.value(node, null, null, depth + 1);
        return v === NO_VALUE ? undefined : asString(v);
      } catch (e) {
        // Too deep a chain of names: the text stays unknown; the resource's own resolution reports it.
        if (e instanceof InputError) return undefined;
        throw e;
      }
    };
    const text = refText(decl.type, attribute, { prop, partition: this.partition, region: this.options.region, accountId: this.options.accountId });
    this.names.set(memo, text);
    return text;
  }

  // ---- parameters -----------------------------------------------------------------------

  private parameter(name: string, depth: number): Value {
    const memo = this.parameterValues.get(name);
    if (memo !== undefined) return memo;
    const decl = this.parameters.get(name)!;
    let v: Value;
    const given = this.options.parameters[name];
    if (isSsmType(decl.type)) {
      v = new Unknown(`parameter ${name} is read from SSM Parameter Store at deploy time`);
    } else if (given !== undefined) {
      v = isListType(decl.type) ? given.split(',').map((s) => s.trim()) : given;
    } else if (decl.defaultNode !== null) {
      const d = this.value(decl.defaultNode, null, null, depth + 1, true);
      v = d === NO_VALUE ? null : d;
      if (isListType(decl.type) && typeof v === 'string') v = v.split(',').map((s) => s.trim());
    } else {
      v = new Unknown(`parameter ${name} has no default and no value was given`);
    }
    this.parameterValues.set(name, v);
    return v;
  }

  // ---- conditions -----------------------------------------------------------------------

  /** Whether a resource is created: its Condition, when it has one. */
  created(id: string): Truth {
    const memo = this.createdValues.get(id);
    if (memo !== undefined) return memo;
    const decl = this.resources.get(id)!;
    const cond = entry(this.parsed, decl.node, 'Condition');
    let truth: Truth = true;
    if (cond) {
      const name = scalarText(cond.value);
      truth = name === undefined ? new Unknown(`resource ${id} has a Condition that is not a name`) : this.namedCondition(name, cond.value ?? cond.key, 1);
      if (name === undefined) this.warn(`resource ${id}: Condition must name a condition`, cond.value ?? cond.key);
    }
    this.createdValues.set(id, truth);
    return truth;
  }

  namedCondition(name: string, at: ParsedNode, depth: number): Truth {
    const memo = this.conditionValues.get(name);
    if (memo !== undefined) return memo;
    if (!this.conditions.has(name)) return new Unknown(`condition ${name} is not defined`);
    if (this.evaluating.has(name)) {
      this.warn(`condition ${name} refers to itself`, at);
      return new Unknown(`condition ${name} is circular`);
    }
    this.evaluating.add(name);
    const t = this.condition(this.conditions.get(name) ?? null, depth + 1);
    this.evaluating.delete(name);
    const truth = t instanceof Unknown ? new Unknown(`condition ${name} is undecidable: ${t.reason}`, t.refs) : t;
    this.conditionValues.set(name, truth);
    return truth;
  }

  /** Evaluates a condition expression node. */
  private condition(raw: ParsedNode | null, depth: number): Truth {
    const node = deref(this.parsed, raw);
    if (node === null) return new Unknown('an empty condition');
    this.checkDepth(depth, node);
    const tagFn = node.tag ? INTRINSIC_TAGS[node.tag] : undefined;
    if (tagFn) return this.truth({ fn: tagFn, arg: node, tagged: true, at: node, path: null, locs: null, depth });
    if (isMap(node) && node.items.length === 1) {
      const key = scalarText(deref(this.parsed, node.items[0]!.key as ParsedNode));
      if (key !== undefined && CONDITION_FUNCTIONS.has(key)) {
        return this.truth({ fn: key, arg: deref(this.parsed, node.items[0]!.value as ParsedNode | null), tagged: false, at: node, path: null, locs: null, depth });
      }
    }
    const v = this.value(node, null, null, depth + 1);
    if (typeof v === 'boolean') return v;
    if (v instanceof Unknown) return v;
    this.warn('not a condition: expected Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition', node);
    return new Unknown('not a condition');
  }

  /** Fn::Equals, Fn::And, Fn::Or, Fn::Not and Condition, as a truth value. */
  private truth(c: Call): Truth {
    switch (c.fn) {
      case 'Condition': {
        const name = scalarText(c.tagged ? c.arg : deref(this.parsed, c.arg));
        return name === undefined ? this.malformed(c, 'a condition name') : this.namedCondition(name, c.at, c.depth);
      }
      case 'Fn::Equals': {
        const items = this.items(c, 2);
        if (!items) return this.malformed(c, 'a list of two values');
        return equals(this.item(items[0]!, c.depth), this.item(items[1]!, c.depth));
      }
      case 'Fn::Not': {
        const items = this.items(c, 1);
        if (!items) return this.malformed(c, 'a list of one condition');
        const t = this.condition(items[0]!, c.depth + 1);
        return typeof t === 'boolean' ? !t : t;
      }
      default: {
        const items = this.items(c);
        if (!items || items.length === 0) return this.malformed(c, 'a list of conditions');
        // And/Or decide as soon as one operand does; otherwise undecidable if any operand is.
        const decisive = c.fn === 'Fn::Or';
        let pending: Unknown | undefined;
        for (const item of items) {
          const t = this.condition(item, c.depth + 1);
          if (t === decisive) return decisive;
          if (t instanceof Unknown) pending ??= t;
        }
        return pending ?? !decisive;
      }
    }
  }

  // ---- the other functions --------------------------------------------------------------

  private fnIf(c: Call): Resolved {
    const items = this.items(c, 3);
    const name = items ? scalarText(items[0]!) : undefined;
    if (!items || name === undefined) return this.malformed(c, '[ConditionName, ValueIfTrue, ValueIfFalse]');
    const t = this.namedCondition(name, items[0] ?? c.at, c.depth);
    if (typeof t === 'boolean') return this.value(items[t ? 1 : 2]!, c.path, c.locs, c.depth + 1);
    const whenTrue = this.item(items[1]!, c.depth);
    const whenFalse = this.item(items[2]!, c.depth);
    if (isConcrete(whenTrue) && isConcrete(whenFalse) && JSON.stringify(whenTrue) === JSON.stringify(whenFalse)) return whenTrue;
    const refs = new Set<string>([...t.refs]);
    for (const key of keysOf(whenTrue, whenFalse)) refs.add(key);
    return new Unknown(`Fn::If on ${t.reason}`, [...refs]);
  }

  /** Fn::Join as parts, so a Pipeline definition can map them back into its JSON. */
  joinParts(c: Call): Part[] {
    const items = this.items(c, 2);
    const delimiter = items ? scalarText(items[0]!) ?? (isScalar(items[0]) ? '' : undefined) : undefined;
    if (!items || delimiter === undefined) return [this.malformed(c, '[delimiter, [values]]')];
    const list = this.item(items[1]!, c.depth);
    if (list instanceof Unknown) return [list];
    if (list instanceof Ref) return [new Unknown(`Fn::Join over ${list}, a list known only at deploy time`, [list.target])];
    if (!Array.isArray(list)) return [this.malformed(c, '[delimiter, [values]]')];
    const parts: Part[] = [];
    for (const [i, v] of list.entries()) {
      const p = toParts(v);
      if (!p) return [this.malformed(c, 'a list of strings to join')];
      if (i > 0 && delimiter) parts.push(delimiter);
      parts.push(...p);
    }
    return parts;
  }

  /** Fn::Sub as parts, so a Pipeline definition can map them back into its JSON. */
  subParts(c: Call): Part[] {
    const arg = c.tagged ? c.arg : deref(this.parsed, c.arg);
    let template: string | undefined;
    let vars: YAMLMap.Parsed | null = null;
    if (arg && isScalar(arg)) template = scalarText(arg);
    else if (arg && isSeq(arg) && arg.items.length === 2) {
      template = scalarText(deref(this.parsed, arg.items[0] as ParsedNode));
      const v = deref(this.parsed, arg.items[1] as ParsedNode);
      vars = v && isMap(v) ? v : null;
      if (!vars) template = undefined;
    }
    if (template === undefined) return [this.malformed(c, 'a string, or [string, {variables}]')];
    const varNodes = new Map<string, ParsedNode | null>();
    for (const [k, node] of this.pairs(vars)) varNodes.set(k, node);

    const parts: Part[] = [];
    for (const token of parseSubTemplate(template)) {
      if ('literal' in token) {
        parts.push(token.literal);
        continue;
      }
      const name = token.variable;
      let v: Resolved;
      if (varNodes.has(name)) v = this.item(varNodes.get(name)!, c.depth);
      else if (name.includes('.') && !this.parameters.has(name)) {
        const dot = name.indexOf('.');
        v = this.getAtt(name.slice(0, dot), name.slice(dot + 1), c.depth);
      } else v = this.ref(name, c.depth);
      if (v === NO_VALUE) {
        this.warn(`Fn::Sub: \${${name}} is AWS::NoValue`, c.at);
        parts.push(new Unknown(`Fn::Sub of AWS::NoValue`));
        continue;
      }
      parts.push(...(toParts(v) ?? [new Unknown(`Fn::Sub: \${${name}} is not a string`, [...referencedKeys(v)])]));
    }
    return parts;
  }

  /**
   * A string-valued node as parts: Fn::Sub and Fn::Join keep their Ref and Unknown pieces apart
   * (a Pipeline definition maps them back into its JSON); anything else resolves whole.
   */
  stringParts(raw: ParsedNode | null, depth: number): Part[] | undefined {
    const node = deref(this.parsed, raw);
    if (node === null) return undefined;
    const partsOf: Record<string, (c: Call) => Part[]> = { 'Fn::Sub': (c) => this.subParts(c), 'Fn::Join': (c) => this.joinParts(c) };
    const tagFn = node.tag ? INTRINSIC_TAGS[node.tag] : undefined;
    if (tagFn && partsOf[tagFn]) return partsOf[tagFn]({ fn: tagFn, arg: node, tagged: true, at: node, path: null, locs: null, depth });
    if (isMap(node) && node.items.length === 1) {
      const key = scalarText(deref(this.parsed, node.items[0]!.key as ParsedNode));
      if (key !== undefined && Object.prototype.hasOwnProperty.call(partsOf, key)) {
        return partsOf[key]!({ fn: key, arg: deref(this.parsed, node.items[0]!.value as ParsedNode | null), tagged: false, at: node, path: null, locs: null, depth });
      }
    }
    const v = this.value(node, null, null, depth);
    return v === NO_VALUE ? undefined : toParts(v);
  }

  private fnSelect(c: Call): Resolved {
    const items = this.items(c, 2);
    if (!items) return this.malformed(c, '[index, [values]]');
    const index = this.item(items[0]!, c.depth);
    const list = this.item(items[1]!, c.depth);
    if (index instanceof Unknown) return index;
    const i = asNumber(index === NO_VALUE ? undefined : index);
    if (i === undefined || !Number.isInteger(i) || i < 0) return this.malformed(c, 'a non-negative whole index');
    if (list instanceof Unknown) return new Unknown(`Fn::Select from a list that is not known: ${list.reason}`, list.refs);
    if (list instanceof Ref) return new Unknown(`Fn::Select from ${list}, a list known only at deploy time`, [list.target]);
    if (!Array.isArray(list)) return this.malformed(c, '[index, [values]]');
    if (i >= list.length) {
      this.warn(`Fn::Select: index ${i} is past the end of a list of ${list.length}`, c.at);
      return new Unknown(`Fn::Select index ${i} out of range`);
    }
    return list[i]!;
  }

  private fnSplit(c: Call): Resolved {
    const items = this.items(c, 2);
    const delimiter = items ? scalarText(items[0]!) : undefined;
    if (!items || !delimiter) return this.malformed(c, '[delimiter, string]');
    const source = this.item(items[1]!, c.depth);
    if (typeof source === 'string') return source.split(delimiter);
    const text = source === NO_VALUE ? undefined : asString(source);
    if (text !== undefined) return text.split(delimiter);
    if (source instanceof Unknown) return source;
    if (source instanceof Ref || source instanceof Expr) return new Unknown('Fn::Split of a string known only at deploy time', [...referencedKeys(source)]);
    return this.malformed(c, '[delimiter, string]');
  }

  private fnFindInMap(c: Call): Resolved {
    const items = this.items(c, 3, 4);
    if (!items) return this.malformed(c, '[MapName, TopLevelKey, SecondLevelKey]');
    const keys: string[] = [];
    for (const item of items.slice(0, 3)) {
      const k = this.item(item, c.depth);
      const text = k === NO_VALUE ? undefined : asString(k);
      if (text === undefined) {
        const refs = keysOf(k);
        return new Unknown(`Fn::FindInMap with a key that is not known${k instanceof Unknown ? `: ${k.reason}` : ''}`, refs);
      }
      keys.push(text);
    }
    let node: ParsedNode | null = this.mappings ?? null;
    for (const key of keys) {
      node = node && isMap(node) ? (entry(this.parsed, node, key)?.value ?? null) : null;
      if (node === null) break;
    }
    if (node !== null) return this.value(node, null, null, c.depth + 1);
    const fallback = items[3] && isMap(items[3]) ? entry(this.parsed, items[3], 'DefaultValue') : undefined;
    if (fallback) return this.value(fallback.value, null, null, c.depth + 1);
    // A mapping that does not exist at all is reported by references.ts.
    if (this.mappings && entry(this.parsed, this.mappings, keys[0]!)) this.warn(`Fn::FindInMap: no value at ${keys.join(' / ')} in Mappings`, c.at);
    return new Unknown(`Fn::FindInMap: ${keys.join('/')} is not in Mappings`);
  }

  private fnBase64(c: Call): Resolved {
    const v = this.argValue(c);
    const text = typeof v === 'string' ? v : v === NO_VALUE ? undefined : asString(v);
    if (text !== undefined) return Buffer.from(text, 'utf8').toString('base64');
    if (v instanceof Unknown) return v;
    if (v instanceof Ref || v instanceof Expr) return new Unknown('Fn::Base64 of a string known only at deploy time', [...referencedKeys(v)]);
    return this.malformed(c, 'a string');
  }

  private fnCidr(c: Call): Resolved {
    const items = this.items(c, 3);
    if (!items) return this.malformed(c, '[ipBlock, count, cidrBits]');
    const [block, count, bits] = items.map((n) => this.item(n, c.depth));
    for (const v of [block, count, bits]) {
      if (v instanceof Unknown || v instanceof Ref || v instanceof Expr) return new Unknown('Fn::Cidr of a value known only at deploy time', [...referencedKeys(v)]);
    }
    const ip = block === NO_VALUE ? undefined : asString(block);
    const n = count === NO_VALUE ? undefined : asNumber(count);
    const b = bits === NO_VALUE ? undefined : asNumber(bits);
    if (ip === undefined || n === undefined || b === undefined) return this.malformed(c, '[ipBlock, count, cidrBits]');
    const result = computeCidr(ip, n, b);
    if ('cidrs' in result) return result.cidrs;
    this.warn(`Fn::Cidr: ${result.error}`, c.at);
    return new Unknown(`Fn::Cidr: ${result.error}`);
  }

  private fnImportValue(c: Call): Resolved {
    const v = this.argValue(c);
    const name = v === NO_VALUE ? undefined : asString(v);
    return new Unknown(`Fn::ImportValue${name ? ` ${name}` : ''}: a value exported by another stack`);
  }

  private fnLength(c: Call): Resolved {
    const v = this.argValue(c);
    if (Array.isArray(v)) return v.length;
    if (v instanceof Unknown) return v;
    return new Unknown('Fn::Length of a list known only at deploy time', keysOf(v));
  }

  private fnToJsonString(c: Call): Resolved {
    const v = this.argValue(c);
    if (v !== NO_VALUE && isConcrete(v)) return JSON.stringify(v);
    return new Unknown('Fn::ToJsonString of a value known only at deploy time', keysOf(v));
  }
}

// ---- helpers --------------------------------------------------------------------------------

/**
 * A scalar as CloudFormation reads it. Numbers whose digits would change as a JS number (an
 * account id with a leading zero, integers past 2^53, overflow) keep their text.
 */
function scalarValue(node: Scalar): Value {
  const v = node.value;
  if (typeof v === 'number') {
    const source = node.source;
    if (source !== undefined && (/^[-+]?0\d/.test(source) || !Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))) return source;
    return v;
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  return v === undefined ? null : String(v);
}

/** Assigns without letting a key named `__proto__` reach the prototype. */
export function setOwn(target: ValueObject, key: string, value: Value): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A value as string parts, or undefined for lists, mappings and null. */
export function toParts(v: Value): Part[] | undefined {
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (v instanceof Ref || v instanceof Unknown) return [v];
  if (v instanceof Expr) return [...v.parts];
  return undefined;
}

/** Parts → a string when all are literal, a lone Ref as itself, an Expr, or Unknown if any part is. */
export function combine(parts: readonly Part[]): Value {
  const unknown = parts.find((p): p is Unknown => p instanceof Unknown);
  if (unknown) {
    const refs = new Set<string>();
    for (const p of parts) {
      if (p instanceof Unknown) p.refs.forEach((r) => refs.add(r));
      else if (p instanceof Ref) refs.add(p.target);
    }
    const partial = parts.map((p) => (typeof p === 'string' ? p : p instanceof Ref && p.text !== undefined ? p.text : null));
    return new Unknown(unknown.reason, [...refs], partial);
  }
  const merged: (string | Ref)[] = [];
  for (const p of parts as (string | Ref)[]) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (p !== '') merged.push(p);
  }
  if (merged.length === 0) return '';
  if (merged.length === 1) return merged[0]!;
  return new Expr(merged);
}

/** Keys of the resources referenced anywhere in these values. */
function keysOf(...values: Resolved[]): string[] {
  const refs = new Set<string>();
  for (const v of values) if (v !== NO_VALUE) referencedKeys(v as Value, refs);
  return [...refs];
}

/** True when a value holds no Ref, Expr or Unknown anywhere. */
function isConcrete(v: Resolved): v is Value {
  if (v === NO_VALUE || v instanceof Unknown || v instanceof Ref || v instanceof Expr) return false;
  if (Array.isArray(v)) return v.every(isConcrete);
  if (isObject(v)) return Object.values(v).every(isConcrete);
  return true;
}

/** Fn::Equals compares the values as strings; symbolic values make it undecidable. */
function equals(a: Resolved, b: Resolved): Truth {
  const text = (v: Resolved): string | undefined => {
    if (v === NO_VALUE) return undefined;
    if (Array.isArray(v) || isObject(v)) return isConcrete(v) ? JSON.stringify(v) : undefined;
    return v === null ? '' : asString(v);
  };
  const [ta, tb] = [text(a), text(b)];
  if (ta !== undefined && tb !== undefined) return ta === tb;
  const refs = keysOf(a, b);
  const unknown = [a, b].find((v): v is Unknown => v instanceof Unknown);
  return new Unknown(unknown ? unknown.reason : 'Fn::Equals compares a value known only at deploy time', refs);
}
