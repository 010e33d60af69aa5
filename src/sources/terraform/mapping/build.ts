import type { Location, Resource, SourceKind, Suppression } from '../../../core/resource.js';
import { Expr, Ref, Unknown, getPath, isObject, type Value } from '../../../core/value.js';
import { pipelineSteps } from '../../cloudformation/pipeline.js';
import { concatParts } from '../eval/values.js';
import { mappingFor } from '../mappings/index.js';
import { blocksOf, mapBody, nativeProperties, setPath } from './apply.js';
import type { ResourceMapping, SourceBody } from './types.js';

// Turns one Terraform resource instance (evaluated HCL or plan values) into inventory resources:
// the mapped resource, the children its mapping synthesizes, and the steps of a pipeline.

export interface BuildInput {
  key: string;
  id: string;
  tfType: string;
  body: SourceBody;
  source: SourceKind;
  unit: string;
  location?: Location;
  suppressions: Suppression[];
  conditional: boolean;
  maxDepth: number;
}

/** A built resource with what the split-out merge needs to know about it. */
export interface Built {
  resource: Resource;
  mapping?: ResourceMapping;
  body: SourceBody;
}

export function buildResources(input: BuildInput, warn: (message: string) => void): Built[] {
  const mapping = mappingFor(input.tfType);
  let type: string;
  let properties: Record<string, Value>;
  let locations: Record<string, Location>;
  if (mapping) {
    const mapped = mapBody(mapping.attributes, input.body);
    for (const w of mapped.warnings) warn(`${input.id}: ${w}`);
    type = mapping.cfnType;
    properties = mapped.properties;
    locations = mapped.locations;
  } else {
    // Unmapped types keep their Terraform names, so nothing is silently lost.
    type = `terraform:${input.tfType}`;
    ({ properties, locations } = nativeProperties(input.body));
  }
  const resource: Resource = {
    key: input.key,
    type,
    id: input.id,
    properties,
    source: input.source,
    ...(input.location ? { location: input.location } : {}),
    propertyLocations: locations,
    suppressions: input.suppressions,
    unit: input.unit,
    nativeType: input.tfType,
    ...(input.conditional ? { conditional: true } : {}),
  };
  const out: Built[] = [{ resource, mapping, body: input.body }];
  for (const child of mapping?.children ?? []) {
    const make = (suffix: string, body: SourceBody, loc: Location | undefined): void => {
      const mapped = mapBody(child.attributes, body);
      if (Object.keys(mapped.properties).length === 0) return;
      mapped.properties[child.parentProperty] = new Ref(input.key);
      out.push({
        resource: {
          key: `${input.key}/${suffix}`,
          type: child.cfnType,
          id: `${input.id}/${suffix}`,
          properties: mapped.properties,
          source: input.source,
          ...(loc ? { location: loc } : {}),
          propertyLocations: mapped.locations,
          suppressions: input.suppressions.map((s) => ({ ...s })),
          unit: input.unit,
          nativeType: input.tfType,
          parent: input.key,
          ...(input.conditional ? { conditional: true } : {}),
        },
        body,
      });
    };
    if (child.block) blocksOf(input.body, child.block).forEach((b, i) => b.body && make(`${child.idSuffix}[${i}]`, b.body, b.loc ?? input.location));
    else make(child.idSuffix, input.body, input.location);
  }
  if (type === 'AWS::SageMaker::Pipeline') out.push(...pipelineChildren(resource, input.maxDepth, warn).map((r) => ({ resource: r, body: input.body })));
  return out;
}

type Part = string | Ref | Unknown;

/** Pipeline steps, via the CloudFormation loader's reading of the definition body. */
function pipelineChildren(pipeline: Resource, maxDepth: number, warn: (m: string) => void): Resource[] {
  const path = 'PipelineDefinition.PipelineDefinitionBody';
  const body = getPath(pipeline.properties, path);
  // Nothing to read in a definition not known until apply (templatefile(), a variable).
  if (body === undefined || body === null || body instanceof Unknown) return [];
  const parts: Part[] = [];
  if (Array.isArray(body) || isObject(body)) {
    // jsonencode() kept the object because it holds references: render it back to JSON text.
    jsonParts(body, parts);
    const unknown = parts.find((p): p is Unknown => p instanceof Unknown);
    setPath(pipeline.properties, path, unknown ?? concatParts(parts as (string | Ref)[]));
  } else if (body instanceof Expr) parts.push(...body.parts);
  else if (typeof body === 'string' || body instanceof Ref) parts.push(body);
  else return [];
  return pipelineSteps(pipeline, parts, pipeline.propertyLocations[path] ?? pipeline.location, maxDepth, warn);
}

/** JSON text of a value, with references and unknowns left as parts inside string quotes. */
function jsonParts(v: Value, out: Part[]): void {
  if (v instanceof Ref || v instanceof Unknown) out.push('"', v, '"');
  else if (v instanceof Expr) {
    out.push('"');
    for (const p of v.parts) out.push(typeof p === 'string' ? JSON.stringify(p).slice(1, -1) : p);
    out.push('"');
  } else if (Array.isArray(v)) {
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(',');
      jsonParts(x, out);
    });
    out.push(']');
  } else if (isObject(v)) {
    out.push('{');
    Object.entries(v).forEach(([k, x], i) => {
      out.push(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
      jsonParts(x, out);
    });
    out.push('}');
  } else out.push(JSON.stringify(v));
}
