// Where training data lives, as SQL (detect/training-data.ts): the locations given with --bucket,
// plus the S3 inputs of successful SageMaker job requests, each known from that request on. A
// request's inputs are found by walking its requestParameters as TrainingData.learn() does: a
// string under a key ending in "s3Uri" (any case) below a key containing "input", at most 12
// levels deep. The walk is unrolled level by level, so neither engine needs recursion.

import { parseLocation, SAGEMAKER_INPUT_EVENTS } from '../../detect/training-data.js';
import type { Dialect } from '../dialect.js';
import { toEngineRegex } from '../js-regex.js';
import { SUCCEEDED } from '../record.js';
import { str, strList } from '../sql-text.js';

/** Levels TrainingData's walk descends (depth 0 … 12). */
const WALK_DEPTH = 12;
const INPUT_KEY = toEngineRegex('input', { ignoreCase: true });
const URI_KEY = toEngineRegex('s3uri$', { ignoreCase: true });
/** parseLocation(): an optional s3://, a bucket name, an optional /prefix (JavaScript `.` and `$`). */
const LOCATION = toEngineRegex(String.raw`^(?:s3:\/\/)?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$`);
const TRIM = toEngineRegex(String.raw`^\s+|\s+$`);

/**
 * CTEs `walk_N` / `entries_N` (the walk), `learned_uris` and `locations (bucket, prefix,
 * learn_seq)`; configured locations have learn_seq NULL (known from the start). Reads `base`.
 */
export function locationsCtes(d: Dialect, trainingBuckets: readonly string[]): string {
  const parts: string[] = [];
  parts.push(`walk_0 AS (
  SELECT seq AS learn_seq, ${d.extract('requestparameters', [])} AS node, FALSE AS under
  FROM base
  WHERE eventsource = 'sagemaker.amazonaws.com' AND eventname IN (${strList(SAGEMAKER_INPUT_EVENTS)}) AND ${SUCCEEDED} AND requestparameters IS NOT NULL
)`);
  for (let depth = 0; depth <= WALK_DEPTH; depth++) {
    // The members of the objects at this depth, with the "under an input key" flag updated.
    parts.push(`entries_${depth} AS (
  SELECT n.learn_seq, e.k, e.v, (n.under OR ${d.regexMatch('e.k', INPUT_KEY)}) AS under
  FROM walk_${depth} n CROSS JOIN ${d.unnestMembers('n.node', 'e', 'k', 'v')}
)`);
    if (depth < WALK_DEPTH) {
      parts.push(`walk_${depth + 1} AS (
  SELECT learn_seq, v AS node, under FROM entries_${depth} WHERE ${d.is('v', ['object', 'array'])}
  UNION ALL
  SELECT n.learn_seq, a.v AS node, n.under FROM walk_${depth} n CROSS JOIN ${d.unnestElements('n.node', 'a', 'v')}
  WHERE ${d.is('a.v', ['object', 'array'])}
)`);
    }
  }
  const found = Array.from({ length: WALK_DEPTH + 1 }, (_, depth) => `SELECT learn_seq, ${d.scalarText('v')} AS uri FROM entries_${depth} WHERE under AND ${d.is('v', ['string'])} AND ${d.regexMatch('k', URI_KEY)}`);
  parts.push(`learned_uris AS (\n  ${found.join('\n  UNION ALL\n  ')}\n)`);

  const t = `(${d.regexReplaceAll('uri', TRIM, '')})`;
  const learned = `SELECT ${d.regexGroup(t, LOCATION, 1)} AS bucket, coalesce(${d.regexGroup(t, LOCATION, 2)}, '') AS prefix, learn_seq
  FROM learned_uris WHERE ${d.startsWith('uri', `'s3://'`)} AND ${d.regexMatch(t, LOCATION)}`;
  const configured = trainingBuckets
    .map(parseLocation)
    .filter((l): l is NonNullable<typeof l> => l !== undefined)
    .map((l) => `SELECT ${str(l.bucket)} AS bucket, ${str(l.prefix)} AS prefix, CAST(NULL AS ${d.name === 'duckdb' ? 'BIGINT' : 'VARCHAR'}) AS learn_seq`);
  parts.push(`locations AS (\n  ${[...configured, learned].join('\n  UNION ALL\n  ')}\n)`);
  return parts.join(',\n');
}

/**
 * CTE `located`: the rows of `source` (with columns bucket, objkey) joined to the training-data
 * location they fall under — the longest prefix known before the record — dropping the others.
 */
export function locatedCte(d: Dialect, source: string): string {
  return `located_all AS (
  SELECT s.*, l.prefix AS location_prefix,
    row_number() OVER (PARTITION BY s.seq ORDER BY length(l.prefix) DESC) AS _best
  FROM ${source} s JOIN locations l
    ON l.bucket = s.bucket
    AND (l.learn_seq IS NULL OR l.learn_seq < s.seq)
    AND (s.objkey IS NULL OR ${d.startsWith('s.objkey', 'l.prefix')})
),
located AS (
  SELECT * FROM located_all WHERE _best = 1
)`;
}
