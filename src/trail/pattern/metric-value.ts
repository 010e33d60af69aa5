import type { FilterPattern, Selector } from './ast.js';
import { Cursor } from './cursor.js';
import { FilterPatternError } from './errors.js';
import { compileSelector, type PatternMatch } from './evaluate.js';
import { parseSelector } from './parse-json.js';

// The MetricValue of a metric filter: a number published for every match, `$.field` (a JSON
// pattern's selector) or `$name` (a named field of a space-delimited pattern).

export type MetricValueSpec = { kind: 'constant'; value: number } | { kind: 'json'; selector: Selector } | { kind: 'field'; name: string };

const CONSTANT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a MetricValue against its pattern; throws FilterPatternError (offsets into `spec`). */
export function parseMetricValue(spec: string, pattern: FilterPattern): MetricValueSpec {
  const text = spec.trim();
  if (CONSTANT.test(text)) return { kind: 'constant', value: Number(text) };
  if (text.startsWith('$.') || text.startsWith('$[')) {
    if (pattern.kind !== 'json') throw new FilterPatternError(`metric value ${text} reads a JSON field, but the filter pattern is not a JSON pattern`, 0, spec);
    const c = new Cursor(text);
    const selector = parseSelector(c);
    if (!c.done) c.error(`unexpected ${c.describeHere()} after the selector`);
    return { kind: 'json', selector };
  }
  const m = /^\$([A-Za-z0-9_]+)$/.exec(text);
  if (m) {
    if (pattern.kind !== 'delimited') throw new FilterPatternError(`metric value ${text} names a field, but the filter pattern is not space-delimited`, 0, spec);
    const declared = pattern.fields.some((f) => f.kind === 'slot' && f.name === m[1]);
    if (!declared && !/^\d+$/.test(m[1]!)) throw new FilterPatternError(`metric value ${text}: the pattern has no field named ${m[1]}`, 0, spec);
    return { kind: 'field', name: m[1]! };
  }
  throw new FilterPatternError(`metric value ${JSON.stringify(text)} is not a number, a $.selector or a $field`, 0, spec);
}

/**
 * The number a match publishes, or undefined when the field is absent or not numeric (CloudWatch
 * publishes nothing for such an event).
 */
export function metricValueOf(spec: MetricValueSpec, match: PatternMatch): number | undefined {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'field':
      return toNumber(match.extractedValues[`$${spec.name}`]);
    case 'json': {
      const [v] = compileSelector(spec.selector)(match.json);
      return toNumber(v);
    }
  }
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && CONSTANT.test(v.trim())) return Number(v);
  return undefined;
}
