// s3-training-data-bulk-read: one principal's GetObject calls on one training-data bucket within a
// sliding window reach an object count or a byte volume, then quiet for one window. The window is
// counted in twelve sub-windows of event time, as SlidingSum does.

import { listParam, minutesMs, numberParam } from '../../detect/params.js';
import { SAGEMAKER_INPUT_EVENTS } from '../../detect/training-data.js';
import type { DetectorConfig } from '../../detect/types.js';
import { chainCte, withClause } from '../chain.js';
import type { Dialect } from '../dialect.js';
import { pathSteps } from '../predicate.js';
import { alertSelect, baseCte, SERVICE_CALL, SUCCEEDED, type Source } from '../record.js';
import { globToLike, like, not, num, or, str, strList } from '../sql-text.js';
import { firstText, jsonSql, reach, type ValueContext } from '../values.js';
import { locatedCte, locationsCtes } from './training-data.js';

const MB = 1024 * 1024;
const SLOTS = 12;

export function trainingDataBulkReadSql(d: Dialect, src: Source, config: DetectorConfig): string {
  const ctx: ValueContext = { d, semantics: 'predicate' };
  const windowMinutes = numberParam(config, 'windowMinutes');
  const w = minutesMs(windowMinutes);
  const slotMs = w / SLOTS;
  const objects = numberParam(config, 'objectThreshold');
  const bytes = numberParam(config, 'megabyteThreshold') * MB;
  const ignored = listParam(config, 'ignorePrincipals').map((g) => like('principal', globToLike(g)));
  const bucket = firstText(ctx, reach(ctx, pathSteps('requestParameters.bucketName')));
  const key = firstText(ctx, reach(ctx, pathSteps('requestParameters.key')));
  // Number(additionalEventData.bytesTransferredOut) || 0
  const out = reach(ctx, pathSteps('additionalEventData.bytesTransferredOut'));
  const outJson = out.form === 'json' ? jsonSql(d, out) : 'NULL';
  const amount = `coalesce(CASE WHEN ${d.is(outJson, ['number'])} THEN ${d.toDouble(d.scalarText(outJson))} WHEN ${d.is(outJson, ['string'])} THEN ${d.toDouble(`trim(${d.scalarText(outJson)})`)} WHEN ${d.is(outJson, ['boolean'])} THEN (CASE WHEN ${d.scalarText(outJson)} = 'true' THEN 1 ELSE 0 END) END, 0)`;
  const mb = `CAST(round(amount / ${MB}.0, 1) AS VARCHAR)`;
  const select = alertSelect('s3-training-data-bulk-read', {
    resource_type: `'AWS::S3::Bucket'`,
    resource_id: 'bucket',
    resource_arn: `'arn:aws:s3:::' || bucket`,
    summary: `'read ' || CAST(n AS VARCHAR) || ' objects (' || ${mb} || ' MB) of training data from bucket ' || bucket || ${str(` within ${windowMinutes} min`)}`,
    evidence: `'training data at s3://' || bucket || '/' || location_prefix || '; ' || CAST(n AS VARCHAR) || ' GetObject calls, ' || ${mb} || ${str(` MB in the ${windowMinutes} min up to `)} || ${d.isoSeconds('ms')} || ${str(` (thresholds ${objects} objects or ${bytes / MB} MB)`)}`,
    property: `'requestParameters.bucketName'`,
    window_end: d.isoSeconds('ms'),
  });
  return `${withClause(d)} ${baseCte(d, src, `eventname IN (${strList(['GetObject', ...SAGEMAKER_INPUT_EVENTS])})`)},
${locationsCtes(d, config.trainingBuckets)},
reads AS (
  SELECT *, ${bucket} AS bucket, ${key} AS objkey, ${amount} AS bytes_out FROM base
  WHERE eventsource = 's3.amazonaws.com' AND eventname = 'GetObject' AND ${SUCCEEDED} AND NOT ${SERVICE_CALL} AND ms IS NOT NULL${ignored.length ? ` AND ${not(or(ignored))}` : ''}
),
${locatedCte(d, `(SELECT * FROM reads WHERE coalesce(bucket, '') <> '')`)},
slotted AS (
  SELECT *, principal || chr(10) || bucket AS _key, CAST(floor(ms / ${num(slotMs)}) AS BIGINT) AS slot FROM located
),
counted AS (
  SELECT *,
    coalesce(count(*) OVER (PARTITION BY _key ORDER BY slot RANGE BETWEEN ${SLOTS - 1} PRECEDING AND 1 PRECEDING), 0)
      + row_number() OVER (PARTITION BY _key, slot ORDER BY seq) AS n,
    coalesce(sum(bytes_out) OVER (PARTITION BY _key ORDER BY slot RANGE BETWEEN ${SLOTS - 1} PRECEDING AND 1 PRECEDING), 0)
      + sum(bytes_out) OVER (PARTITION BY _key, slot ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS amount
  FROM slotted
),
candidates AS (
  SELECT *, ms + ${num(w)} AS until_ms FROM counted WHERE n >= ${num(objects)} OR amount >= ${num(bytes)}
),
${chainCte(d)}
SELECT
${select}
FROM walk
ORDER BY seq`;
}
