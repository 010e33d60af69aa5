// Where the training data lives: buckets (and prefixes) the user names with `--bucket`, plus the S3
// inputs of SageMaker jobs seen in the trail. A successful CreateTrainingJob names its input
// channels; from then on reads and writes under those prefixes are reads and writes of training data.

import type { CloudTrailRecord } from '../record.js';
import { LruMap } from './bounded.js';

/** SageMaker calls whose request names training or processing inputs. */
export const SAGEMAKER_INPUT_EVENTS: readonly string[] = [
  'CreateTrainingJob',
  'CreateProcessingJob',
  'CreateAutoMLJob',
  'CreateAutoMLJobV2',
  'CreateHyperParameterTuningJob',
  'CreateLabelingJob',
];

/** Keys holding an S3 location (`s3Uri`, `manifestS3Uri`), read only under keys naming an input. */
const URI_KEY = /s3uri$/i;
const INPUT_KEY = /input/i;

export interface DataLocation {
  bucket: string;
  /** Key prefix; empty for the whole bucket. */
  prefix: string;
}

/** `bucket`, `s3://bucket` or `s3://bucket/prefix`; undefined for anything else. */
export function parseLocation(text: string): DataLocation | undefined {
  const t = text.trim();
  const m = /^(?:s3:\/\/)?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(t);
  if (!m) return undefined;
  return { bucket: m[1]!, prefix: m[2] ?? '' };
}

export class TrainingData {
  /** bucket → prefixes (capped: the trail may name many job inputs). */
  private readonly prefixes: LruMap<string, Set<string>>;
  constructor(
    configured: readonly string[],
    private readonly maxPrefixesPerBucket = 256,
    maxBuckets = 1_000,
  ) {
    this.prefixes = new LruMap(maxBuckets);
    for (const c of configured) {
      const loc = parseLocation(c);
      if (loc) this.add(loc);
    }
  }

  add(loc: DataLocation): void {
    let set = this.prefixes.get(loc.bucket);
    if (!set) {
      set = new Set();
      this.prefixes.set(loc.bucket, set);
    }
    if (set.size < this.maxPrefixesPerBucket) set.add(loc.prefix);
    else if (!set.has('')) set.add(''); // full: widen to the whole bucket rather than forget it
  }

  /** Learns the inputs of a successful SageMaker job request; returns what it learned. */
  learn(record: CloudTrailRecord): DataLocation[] {
    if (record.eventSource !== 'sagemaker.amazonaws.com' || !SAGEMAKER_INPUT_EVENTS.includes(record.eventName)) return [];
    if (record.errorCode || !record.requestParameters) return [];
    const found: DataLocation[] = [];
    walk(record.requestParameters, false, 0, (uri) => {
      const loc = parseLocation(uri);
      if (loc && /^s3:\/\//.test(uri)) {
        this.add(loc);
        found.push(loc);
      }
    });
    return found;
  }

  /** The training-data location an object belongs to, or undefined. `key` undefined: any prefix of the bucket. */
  match(bucket: string, key: string | undefined): DataLocation | undefined {
    // Peek: reads must not keep a bucket learned long ago ahead of newly learned ones.
    const set = this.prefixes.peek(bucket);
    if (!set) return undefined;
    let best: string | undefined;
    for (const p of set) {
      if ((key === undefined || key.startsWith(p)) && (best === undefined || p.length > best.length)) best = p;
    }
    return best === undefined ? undefined : { bucket, prefix: best };
  }

  get size(): number {
    return this.prefixes.size;
  }
}

function walk(node: unknown, underInput: boolean, depth: number, found: (uri: string) => void): void {
  if (depth > 12 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, underInput, depth + 1, found);
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    const input = underInput || INPUT_KEY.test(k);
    if (typeof v === 'string' && input && URI_KEY.test(k)) found(v);
    else walk(v, input, depth + 1, found);
  }
}

export const locationText = (loc: DataLocation): string => `s3://${loc.bucket}/${loc.prefix}`;
