import type { Location, Resource } from '../../core/resource.js';
import { Unknown, isObject, type Value, type ValueObject } from '../../core/value.js';
import { combine, setOwn, type Part } from './resolve.js';

// An AWS::SageMaker::Pipeline carries its steps in a JSON string. Training and processing steps
// hold CreateTrainingJob / CreateProcessingJob requests, which rules judge like the resources of
// the same name, so each becomes a child resource.

/** Pipeline step types → the resource type whose properties the step's Arguments are. */
const STEP_TYPES: Readonly<Record<string, string>> = {
  Training: 'AWS::SageMaker::TrainingJob',
  Processing: 'AWS::SageMaker::ProcessingJob',
};

/** Condition steps nest further steps in these lists of their Arguments. */
const NESTED_STEP_LISTS = ['IfSteps', 'ElseSteps'] as const;

// Placeholders stand for the Ref and Unknown pieces of the string while it is parsed as JSON;
// private-use characters never occur in a real definition.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function pipelineSteps(
  pipeline: Resource,
  body: readonly Part[],
  location: Location | undefined,
  maxDepth: number,
  warn: (message: string) => void,
): Resource[] {
  const text = body.map((p, i) => (typeof p === 'string' ? p : `${OPEN}${i}${CLOSE}`)).join('');
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch (e) {
    const filled = body.some((p) => typeof p !== 'string') ? ' once its variables are filled in' : '';
    warn(`${pipeline.id}: PipelineDefinitionBody is not valid JSON${filled} (${(e as Error).message}); its steps are not scanned`);
    return [];
  }
  const toValue = (j: Json, depth: number): Value => {
    if (depth > maxDepth) return new Unknown(`pipeline definition nested deeper than ${maxDepth} levels`);
    if (typeof j === 'string') return j.includes(OPEN) ? fill(j, body) : j;
    if (Array.isArray(j)) return j.map((x) => toValue(x, depth + 1));
    if (j !== null && typeof j === 'object') {
      const keys = Object.keys(j);
      if (keys.length === 1 && (keys[0] === 'Get' || keys[0]!.startsWith('Std:'))) {
        return new Unknown(`pipeline expression ${JSON.stringify(j)} is evaluated when the pipeline runs`);
      }
      const out: ValueObject = {};
      for (const k of keys) setOwn(out, k, toValue(j[k]!, depth + 1));
      return out;
    }
    return j;
  };

  const children: Resource[] = [];
  const seen = new Set<string>();
  const visit = (steps: Json | undefined, depth: number): void => {
    if (!Array.isArray(steps) || depth > maxDepth) return;
    for (const step of steps) {
      if (step === null || typeof step !== 'object' || Array.isArray(step)) continue;
      const { Name: name, Type: stepType, Arguments: args } = step;
      if (typeof name !== 'string' || typeof stepType !== 'string') continue;
      if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
        for (const list of NESTED_STEP_LISTS) visit(args[list], depth + 1);
      }
      const type = STEP_TYPES[stepType];
      if (!type) continue;
      if (seen.has(name)) {
        warn(`${pipeline.id}: more than one step is named ${name}; only the first is scanned`);
        continue;
      }
      seen.add(name);
      const properties = args === undefined ? {} : toValue(args, 0);
      if (!isObject(properties)) {
        warn(`${pipeline.id}: step ${name} has Arguments that are not an object; it is not scanned`);
        continue;
      }
      children.push({
        key: `${pipeline.key}/${name}`,
        type,
        id: `${pipeline.id}/${name}`,
        properties,
        source: pipeline.source,
        location,
        propertyLocations: {},
        // A suppression on the pipeline covers its steps: they have no Metadata of their own.
        suppressions: pipeline.suppressions.map((s) => ({ ...s })),
        unit: pipeline.unit,
        label: name,
        parent: pipeline.key,
        ...(pipeline.conditional ? { conditional: true } : {}),
      });
    }
  };
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) visit(json.Steps, 0);
  return children;
}

/** A JSON string holding placeholders → the Ref, Expr or Unknown the template put there. */
function fill(s: string, body: readonly Part[]): Value {
  const parts: Part[] = [];
  let last = 0;
  for (const m of s.matchAll(PLACEHOLDER)) {
    parts.push(s.slice(last, m.index));
    parts.push(body[Number(m[1])]!);
    last = m.index! + m[0].length;
  }
  parts.push(s.slice(last));
  return combine(parts);
}
