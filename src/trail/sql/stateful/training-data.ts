// Where training data lives, as SQL (detect/training-data.ts): the locations given with --bucket,
// plus the S3 inputs of successful SageMaker job requests, each known from that request on. A
// request's inputs are found by walking its requestParameters as TrainingData.learn() does: a
// string under a key ending in "s3Uri" (any case) below a key containing "input", at most 12
// levels deep. The walk is written level by level as list expressions over the one record, so
// neither engine needs recursion or joins (and Athena reads the table no more often for it).

import { parseLocation, SAGEMAKER_INPUT_EVENTS } from '../../detect/training-data.js';
import { freshVar, type Dialect } from '../dialect.js';
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
 * CTEs `learned_uris` and `locations (bucket, prefix, learn_seq)`; configured locations have
 * learn_seq NULL (known from the start). Reads `base` once.
 */
export function locationsCtes(d: Dialect, trainingBuckets: readonly string[]): string {
  // The walk, one level per depth: the children (k, v, u) of every container of the level before,
  // u saying "under a key containing input". Expressions only — no join, no recursion.
  const levels: string[] = [];
  let body = '';
  const found = (level: string) => {
    const x = freshVar('x');
    const hit = d.filter(level, x, `${x}.k IS NOT NULL AND ${x}.u AND ${d.is(`${x}.v`, ['string'])} AND ${d.regexMatch(`${x}.k`, URI_KEY)}`);
    const y = freshVar('x');
    return d.transform(hit, y, d.scalarText(`${y}.v`));
  };
  for (let depth = 0; depth <= WALK_DEPTH; depth++) levels.push(freshVar(`level${depth}_`));
  body = d.flatten(d.list(levels.map(found), 'VARCHAR'));
  for (let depth = WALK_DEPTH; depth >= 0; depth--) {
    let expr: string;
    if (depth === 0) {
      expr = d.children(d.extract('requestparameters', []), 'FALSE', (k) => d.regexMatch(k, INPUT_KEY));
    } else {
      const x = freshVar('x');
      const containers = d.filter(levels[depth - 1]!, x, d.is(`${x}.v`, ['object', 'array']));
      const y = freshVar('x');
      expr = d.flatten(d.transform(containers, y, d.children(`${y}.v`, `${y}.u`, (k) => d.regexMatch(k, INPUT_KEY))));
    }
    body = d.bind(expr, levels[depth]!, body);
  }

  const learnedUris = `learned_uris AS (
  SELECT w.learn_seq, u.uri
  FROM (
    SELECT seq AS learn_seq, ${body} AS uris
    FROM base
    WHERE eventsource = 'sagemaker.amazonaws.com' AND eventname IN (${strList(SAGEMAKER_INPUT_EVENTS)}) AND ${SUCCEEDED} AND requestparameters IS NOT NULL
  ) w CROSS JOIN UNNEST(w.uris) AS u(uri)
)`;
  const t = `(${d.regexReplaceAll('uri', TRIM, '')})`;
  const learned = `SELECT ${d.regexGroup(t, LOCATION, 1)} AS bucket, coalesce(${d.regexGroup(t, LOCATION, 2)}, '') AS prefix, learn_seq
  FROM learned_uris WHERE ${d.startsWith('uri', `'s3://'`)} AND ${d.regexMatch(t, LOCATION)}`;
  const configured = trainingBuckets
    .map(parseLocation)
    .filter((l): l is NonNullable<typeof l> => l !== undefined)
    .map((l) => `SELECT ${str(l.bucket)} AS bucket, ${str(l.prefix)} AS prefix, CAST(NULL AS ${d.name === 'duckdb' ? 'BIGINT' : 'VARCHAR'}) AS learn_seq`);
  return `${learnedUris},\nlocations AS (\n  ${[...configured, learned].join('\n  UNION ALL\n  ')}\n)`;
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
