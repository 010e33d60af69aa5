import { UsageError } from '../../core/errors.js';
import type { Detection, DetectorConfig, ParamValue } from './types.js';

/** Parameters every first-seen detection shares, so `--baseline-days` sets them all at once. */
export const BASELINE_DAYS = 'baselineDays';
const DAY_MS = 86_400_000;

/** A parameter override: typed, or text from the command line (`--set access-denied-burst.threshold=20`). */
export type ParamInput = ParamValue | string;

export interface DetectionSettings {
  /** Overrides per detection id and parameter name: `{ 'access-denied-burst': { threshold: 20 } }`. */
  parameters?: Readonly<Record<string, Readonly<Record<string, ParamInput>>>>;
  /** Sets `baselineDays` of every detection that has it (the learning period of first-seen detections). */
  baselineDays?: number;
  /** Training-data buckets: names or `s3://bucket/prefix`. */
  trainingBuckets?: readonly string[];
}

/** Defaults merged with overrides; an unknown parameter or a value of the wrong type is a usage error. */
export function detectorConfig(detection: Detection, settings: DetectionSettings = {}): DetectorConfig {
  const params: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(detection.parameters)) params[name] = spec.default;
  if (settings.baselineDays !== undefined && BASELINE_DAYS in params) params[BASELINE_DAYS] = settings.baselineDays;
  for (const [name, value] of Object.entries(settings.parameters?.[detection.id] ?? {})) {
    const spec = detection.parameters[name];
    if (!spec) {
      const known = Object.keys(detection.parameters);
      throw new UsageError(`detection "${detection.id}" has no parameter "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ' (it has none)'}`);
    }
    params[name] = coerce(detection.id, name, spec.default, value);
  }
  return { params, trainingBuckets: settings.trainingBuckets ?? [] };
}

/** Values from the command line arrive as text; they take the type of the default. */
function coerce(id: string, name: string, like: ParamValue, value: ParamInput): ParamValue {
  if (typeof like === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`${id}.${name} must be a non-negative number, got "${String(value)}"`);
    return n;
  }
  if (typeof like === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new UsageError(`${id}.${name} must be true or false, got "${String(value)}"`);
  }
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(',').map((s) => s.trim()).filter(Boolean);
}

export function numberParam(config: DetectorConfig, name: string): number {
  const v = config.params[name];
  if (typeof v !== 'number') throw new Error(`parameter ${name} is not a number`);
  return v;
}

export function listParam(config: DetectorConfig, name: string): readonly string[] {
  const v = config.params[name];
  if (!Array.isArray(v)) throw new Error(`parameter ${name} is not a list`);
  return v as readonly string[];
}

export const daysMs = (days: number): number => days * DAY_MS;
export const minutesMs = (minutes: number): number => minutes * 60_000;

/** The parameters of a first-seen detection: the learning period and the memory cap. */
export function firstSeenParameters(what: string): Record<string, { default: number; description: string }> {
  return {
    [BASELINE_DAYS]: {
      default: 1,
      description: `learning period in days from the start of the log: ${what} first seen in it are learned, not reported (0 reports every first sighting)`,
    },
    maxPairs: { default: 50_000, description: `${what} remembered (least recently seen forgotten first, and reported again if seen again)` },
  };
}
