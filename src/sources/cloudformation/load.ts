import { isMap, isSeq } from 'yaml';
import type { ParsedNode } from 'yaml';
import { InputError } from '../../core/errors.js';
import type { Location, Resource, SourceKind } from '../../core/resource.js';
import { Unknown, isObject, type ValueObject } from '../../core/value.js';
import type { LoadedFile, LoadOptions, LoadWarning } from '../types.js';
import { judgeResourceType } from './modelled-types.js';
import { deref, entry, parseTemplate, scalarText, type ParsedTemplate } from './parse.js';
import { pipelineSteps } from './pipeline.js';
import { checkReferences } from './references.js';
import { NO_VALUE, TemplateResolver, type ResourceDecl } from './resolve.js';
import { readSuppressions } from './suppressions.js';

export interface LoadTemplateExtra {
  /** `cdk` when the template came out of a cloud assembly. */
  source?: SourceKind;
}

/** Parses and resolves one CloudFormation template (YAML or JSON). Bad input → InputError. */
export function loadCloudFormation(file: string, text: string, options: LoadOptions, extra: LoadTemplateExtra = {}): LoadedFile {
  return guardStack(file, () => resolveTemplate(parseTemplate(file, text, options.limits), options, extra));
}

/** The resolution step alone, over an already parsed template. */
export function resolveTemplate(parsed: ParsedTemplate, options: LoadOptions, extra: LoadTemplateExtra = {}): LoadedFile {
  const source = extra.source ?? 'cloudformation';
  const resolver = new TemplateResolver(parsed, options);
  const warnings: LoadWarning[] = [...parsed.warnings, ...checkReferences(parsed, options.limits.maxDepth)];
  warnTransforms(parsed, resolver);

  // CloudFormation rejects a type it does not know whether or not the resource's condition holds.
  for (const decl of resolver.resources.values()) {
    const verdict = judgeResourceType(decl.type);
    if (verdict.kind === 'invalid') resolver.warn(verdict.message, decl.typeNode, true);
  }

  const resources: Resource[] = [];
  const warnedTypes = new Set<string>();
  for (const decl of resolver.resources.values()) {
    const created = resolver.created(decl.id);
    if (created === false) continue;
    if (!warnedTypes.has(decl.type) && judgeResourceType(decl.type).kind === 'unmodelled') {
      warnedTypes.add(decl.type);
      resolver.warn(`resource type ${decl.type} is not modelled; no rules judge it`, decl.keyNode);
    }
    const resource = loadResource(parsed, resolver, decl, source);
    if (created instanceof Unknown) resource.conditional = true;
    resources.push(resource);
    if (decl.type === 'AWS::SageMaker::Pipeline') resources.push(...stepsOf(parsed, resolver, decl, resource, options));
  }
  warnings.push(...resolver.warnings);
  // In file order, as a reader goes through the template.
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { resources, warnings };
}

function loadResource(parsed: ParsedTemplate, resolver: TemplateResolver, decl: ResourceDecl, source: SourceKind): Resource {
  const propertyLocations: Record<string, Location> = {};
  let properties: ValueObject = {};
  const props = entry(parsed, decl.node, 'Properties');
  if (props && props.value !== null) {
    const v = resolver.value(props.value, '', propertyLocations, 1);
    if (isObject(v)) properties = v;
    else if (v !== NO_VALUE) {
      const why = v instanceof Unknown ? `: ${v.reason}` : '';
      resolver.warn(`${decl.id}: Properties could not be resolved to a mapping${why}; its properties are not judged`, props.value);
    }
  }
  const metadata = entry(parsed, decl.node, 'Metadata')?.value ?? null;
  const cdkPath = metadata && isMap(metadata) ? scalarText(entry(parsed, metadata, 'aws:cdk:path')?.value ?? null) : undefined;
  return {
    key: decl.key,
    type: decl.type,
    id: decl.id,
    properties,
    source,
    location: resolver.location(decl.keyNode),
    propertyLocations,
    suppressions: readSuppressions(parsed, metadata, (m, at) => resolver.warn(`${decl.id}: ${m}`, at)),
    unit: parsed.file,
    ...(cdkPath ? { label: cdkPath } : {}),
  };
}

const BODY_PATH = ['Properties', 'PipelineDefinition', 'PipelineDefinitionBody'] as const;

function stepsOf(parsed: ParsedTemplate, resolver: TemplateResolver, decl: ResourceDecl, pipeline: Resource, options: LoadOptions): Resource[] {
  let node: ParsedNode | null = decl.node;
  for (const key of BODY_PATH) node = node && isMap(node) ? (entry(parsed, node, key)?.value ?? null) : null;
  if (node === null) return [];
  const body = resolver.stringParts(node, 1);
  if (!body) {
    resolver.warn(`${decl.id}: PipelineDefinitionBody is not a string; its steps are not scanned`, node);
    return [];
  }
  const location = pipeline.propertyLocations['PipelineDefinition.PipelineDefinitionBody'];
  return pipelineSteps(pipeline, body, location, options.limits.maxDepth, (m) => resolver.warn(m, node));
}

/** A transform rewrites the template at deploy time; what it would generate is not scanned. */
function warnTransforms(parsed: ParsedTemplate, resolver: TemplateResolver): void {
  const t = entry(parsed, parsed.root, 'Transform');
  if (!t || t.value === null) return;
  const nodes = isSeq(t.value) ? t.value.items.map((x) => deref(parsed, x as ParsedNode | null)) : [t.value];
  for (const node of nodes) {
    const name = scalarText(node) ?? (node && isMap(node) ? scalarText(entry(parsed, node, 'Name')?.value ?? null) : undefined) ?? 'a macro';
    const what = name === 'AWS::Serverless-2016-10-31'
      ? 'AWS::Serverless resources are loaded as written, not as the transform expands them'
      : 'resources it generates at deploy time are not scanned';
    resolver.warn(`template uses the transform ${name}; ${what}`, node ?? t.key);
  }
}

/** Last line of defence: a stack overflow on some unforeseen shape becomes an InputError. */
function guardStack<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new InputError('template nested too deeply to resolve', file);
    throw e;
  }
}
