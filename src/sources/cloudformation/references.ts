import { isMap, isScalar, isSeq } from 'yaml';
import type { ParsedNode, YAMLMap } from 'yaml';
import type { LoadWarning } from '../types.js';
import { INTRINSIC_TAGS } from './intrinsic-names.js';
import { deref, entry, locationOf, scalarText, type ParsedTemplate } from './parse.js';
import { pseudoParameter } from './pseudo.js';
import { parseSubTemplate } from './sub.js';

// CloudFormation refuses a template whose Ref, Fn::GetAtt, Fn::Sub or DependsOn names no parameter
// or resource ("Template format error: Unresolved resource dependencies [X] in the Resources block
// of the template"), whose Condition or Fn::If names no condition, or whose Fn::FindInMap names no
// mapping. It checks the whole template before evaluating anything, so this does too: branches
// Fn::If does not take, resources whose condition is false, Outputs and Conditions included.

/** Names declared in a section; undefined when the section is not a mapping (nothing to check against). */
type Names = ReadonlySet<string> | undefined;

interface Declared {
  parameters: Names;
  resources: Names;
  conditions: Names;
  mappings: Names;
}

/** Resource attributes whose values CloudFormation resolves intrinsic functions in. */
const RESOLVED_ATTRIBUTES: ReadonlySet<string> = new Set(['Properties', 'Metadata', 'CreationPolicy', 'UpdatePolicy']);

const FOR_EACH = 'Fn::ForEach::';

/**
 * Every reference to a name the template does not declare, with its position. These are errors,
 * unless the template has a Transform: what it generates may declare the name (SAM creates the
 * roles and APIs its resources refer to), so they stay warnings.
 */
export function checkReferences(parsed: ParsedTemplate, maxDepth: number): LoadWarning[] {
  const root = parsed.root;
  const section = (name: string): YAMLMap.Parsed | null | undefined => {
    const e = entry(parsed, root, name);
    if (!e || e.value === null) return null;
    return isMap(e.value) ? e.value : undefined;
  };
  const namesOf = (map: YAMLMap.Parsed | null | undefined): Names => {
    if (map === undefined) return undefined;
    const names = new Set<string>();
    for (const pair of map?.items ?? []) {
      const key = scalarText(deref(parsed, pair.key as ParsedNode));
      if (key !== undefined) names.add(key);
    }
    return names;
  };
  const resourcesMap = section('Resources');
  const declared: Declared = {
    parameters: namesOf(section('Parameters')),
    resources: namesOf(resourcesMap),
    conditions: namesOf(section('Conditions')),
    mappings: namesOf(section('Mappings')),
  };

  const transformed = entry(parsed, root, 'Transform') !== undefined;
  const found: LoadWarning[] = [];
  const report = (message: string, at: ParsedNode): void => {
    const { line, column } = locationOf(parsed, at.range[0]);
    found.push(transformed ? { message: `${message} (the template's transform may declare it)`, line, column } : { message, line, column, error: true });
  };
  const walker = new ReferenceWalker(parsed, declared, report, maxDepth);

  for (const [id, node] of entries(parsed, resourcesMap)) {
    if (id.startsWith(FOR_EACH) || !node || !isMap(node)) continue;
    for (const [attribute, value] of entries(parsed, node)) {
      if (attribute === 'DependsOn') walker.dependsOn(id, value);
      else if (attribute === 'Condition') walker.conditionName(value);
      else if (RESOLVED_ATTRIBUTES.has(attribute)) walker.walk(value, false, 0);
    }
  }
  for (const [name, node] of entries(parsed, section('Outputs'))) {
    if (name.startsWith(FOR_EACH) || !node || !isMap(node)) continue;
    for (const [attribute, value] of entries(parsed, node)) {
      if (attribute === 'Condition') walker.conditionName(value);
      else walker.walk(value, false, 0);
    }
  }
  for (const [, node] of entries(parsed, section('Conditions'))) walker.walk(node, true, 0);
  return found;
}

class ReferenceWalker {
  /** Each node is looked at once, however many aliases lead to it. */
  private readonly seen = new Set<ParsedNode>();

  constructor(
    private readonly parsed: ParsedTemplate,
    private readonly declared: Declared,
    private readonly report: (message: string, at: ParsedNode) => void,
    private readonly maxDepth: number,
  ) {}

  /** `DependsOn: Name` or `DependsOn: [Names]`: each must be a resource. */
  dependsOn(id: string, value: ParsedNode | null): void {
    const items = value && isSeq(value) ? value.items.map((x) => deref(this.parsed, x as ParsedNode | null)) : [value];
    for (const item of items) {
      const name = literal(item);
      if (name !== undefined && this.declared.resources && !this.declared.resources.has(name)) {
        this.report(`${id}: DependsOn ${name}: no resource of that name`, item!);
      }
    }
  }

  /** A condition named by a resource's or output's Condition, Fn::If or the Condition function. */
  conditionName(node: ParsedNode | null, name = literal(node)): void {
    if (name !== undefined && this.declared.conditions && !this.declared.conditions.has(name)) {
      this.report(`condition ${name} is not defined`, node!);
    }
  }

  /**
   * Looks through a value for intrinsic functions. `inConditions` is true inside the Conditions
   * section, the one place where `{ Condition: Name }` is a function rather than data.
   */
  walk(raw: ParsedNode | null, inConditions: boolean, depth: number): void {
    const node = deref(this.parsed, raw);
    // Deeper than the limit, resolution reports the nesting itself.
    if (!node || this.seen.has(node) || depth > this.maxDepth) return;
    this.seen.add(node);
    const tagFn = node.tag ? INTRINSIC_TAGS[node.tag] : undefined;
    if (tagFn) {
      // A short form tags the argument itself: check it, then look inside it as plain data.
      this.call(tagFn, node, node);
      this.walkInside(node, inConditions, depth);
      return;
    }
    if (isMap(node) && node.items.length === 1) {
      const key = scalarText(deref(this.parsed, node.items[0]!.key as ParsedNode));
      if (key !== undefined && (key === 'Ref' || key.startsWith('Fn::') || (inConditions && key === 'Condition'))) {
        const arg = deref(this.parsed, node.items[0]!.value as ParsedNode | null);
        // An argument computed by another function names nothing this can check.
        if (!(arg?.tag && INTRINSIC_TAGS[arg.tag])) this.call(key, arg, node);
        this.walk(arg, inConditions, depth + 1);
        return;
      }
    }
    this.walkInside(node, inConditions, depth);
  }

  private walkInside(node: ParsedNode, inConditions: boolean, depth: number): void {
    if (isMap(node)) for (const pair of node.items) this.walk(pair.value as ParsedNode | null, inConditions, depth + 1);
    else if (isSeq(node)) for (const item of node.items) this.walk(item as ParsedNode | null, inConditions, depth + 1);
  }

  /** Checks the names one function refers to; a malformed argument is left to resolution to report. */
  private call(fn: string, arg: ParsedNode | null, at: ParsedNode): void {
    const items = arg && isSeq(arg) ? arg.items.map((x) => deref(this.parsed, x as ParsedNode | null)) : undefined;
    switch (fn) {
      case 'Ref': {
        const name = scalarText(arg);
        if (name !== undefined && !this.isValueName(name)) this.report(`Ref to ${name}: no parameter or resource of that name`, at);
        return;
      }
      case 'Fn::GetAtt': {
        const name = arg && isScalar(arg) ? scalarText(arg)?.split('.')[0] : items?.length === 2 ? literal(items[0]!) : undefined;
        if (name && this.declared.resources && !this.declared.resources.has(name)) this.report(`Fn::GetAtt on ${name}: no resource of that name`, at);
        return;
      }
      case 'Fn::Sub':
        this.sub(arg, items, at);
        return;
      case 'Fn::If':
        if (items && items.length === 3) this.conditionName(items[0]!);
        return;
      case 'Condition':
        // The name is the argument itself, tagged `!Condition` in the short form.
        this.conditionName(arg, scalarText(arg && isScalar(arg) ? arg : null));
        return;
      case 'Fn::FindInMap': {
        const map = items?.[0] ?? null;
        const name = literal(map);
        if (name !== undefined && this.declared.mappings && !this.declared.mappings.has(name)) this.report(`Fn::FindInMap: no mapping named ${name}`, map!);
        return;
      }
    }
  }

  /** `${Name}` and `${Resource.Attribute}` in an Fn::Sub string, other than its own variables. */
  private sub(arg: ParsedNode | null, items: (ParsedNode | null)[] | undefined, at: ParsedNode): void {
    const template = arg && isScalar(arg) ? scalarText(arg) : items?.length === 2 ? literal(items[0]!) : undefined;
    if (template === undefined) return;
    const vars = new Set<string>();
    const varMap = items?.[1];
    if (varMap && isMap(varMap)) {
      for (const pair of varMap.items) {
        const key = scalarText(deref(this.parsed, pair.key as ParsedNode));
        if (key !== undefined) vars.add(key);
      }
    }
    for (const token of parseSubTemplate(template)) {
      if (!('variable' in token) || token.variable === '' || vars.has(token.variable)) continue;
      const name = token.variable;
      const dot = name.indexOf('.');
      if (dot > 0 && !this.declared.parameters?.has(name)) {
        const resource = name.slice(0, dot);
        if (this.declared.resources && !this.declared.resources.has(resource)) this.report(`Fn::Sub: \${${name}}: no resource named ${resource}`, at);
      } else if (!this.isValueName(name)) {
        this.report(`Fn::Sub: \${${name}}: no parameter or resource of that name`, at);
      }
    }
  }

  /** What Ref may name: a parameter, a resource or a pseudo parameter (true when that cannot be told). */
  private isValueName(name: string): boolean {
    const { parameters, resources } = this.declared;
    if (!parameters || !resources) return true;
    return parameters.has(name) || resources.has(name) || name === 'AWS::NoValue' || pseudoParameter(name, {}) !== undefined;
  }
}

/** A plain scalar's text; undefined for intrinsic functions (a tagged scalar) and collections. */
function literal(node: ParsedNode | null): string | undefined {
  return node && isScalar(node) && !(node.tag && INTRINSIC_TAGS[node.tag]) ? scalarText(node) : undefined;
}

/** The entries of a mapping node, keys as text, values with aliases followed. */
function* entries(parsed: ParsedTemplate, map: YAMLMap.Parsed | null | undefined): Generator<[string, ParsedNode | null]> {
  for (const pair of map?.items ?? []) {
    const key = scalarText(deref(parsed, pair.key as ParsedNode));
    if (key !== undefined) yield [key, deref(parsed, pair.value as ParsedNode | null)];
  }
}
