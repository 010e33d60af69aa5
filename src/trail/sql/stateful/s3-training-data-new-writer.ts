// s3-training-data-new-writer: the first write (or delete) a principal makes under a training-data
// location, after the learning period. Locations are the --bucket ones and the S3 inputs of
// SageMaker jobs created earlier in the log (training-data.ts).

import { OBJECT_WRITES } from '../../detect/data/s3-training-data-new-writer.js';
import { SAGEMAKER_INPUT_EVENTS } from '../../detect/training-data.js';
import type { DetectorConfig } from '../../detect/types.js';
import { withClause } from '../chain.js';
import type { Dialect } from '../dialect.js';
import { pathSteps } from '../predicate.js';
import { alertSelect, baseCte, SERVICE_CALL, SUCCEEDED, type Source } from '../record.js';
import { strList } from '../sql-text.js';
import { firstText, reach, type ValueContext } from '../values.js';
import { firstSeenCtes } from './first-seen.js';
import { locatedCte, locationsCtes } from './training-data.js';

export function trainingDataNewWriterSql(d: Dialect, src: Source, config: DetectorConfig): string {
  const ctx: ValueContext = { d, semantics: 'predicate' };
  const bucket = firstText(ctx, reach(ctx, pathSteps('requestParameters.bucketName')));
  const key = firstText(ctx, reach(ctx, pathSteps('requestParameters.key')));
  const location = `'s3://' || bucket || '/' || location_prefix`;
  const object = `(CASE WHEN objkey IS NOT NULL THEN 's3://' || bucket || '/' || objkey ELSE 's3://' || bucket END)`;
  const verb = `(CASE WHEN eventname IN ('DeleteObject', 'DeleteObjects') THEN 'deleted' ELSE 'wrote' END)`;
  const select = alertSelect('s3-training-data-new-writer', {
    resource_type: `(CASE WHEN objkey IS NOT NULL THEN 'AWS::S3::Object' ELSE 'AWS::S3::Bucket' END)`,
    resource_id: `(CASE WHEN objkey IS NOT NULL THEN ${object} ELSE bucket END)`,
    resource_arn: `(CASE WHEN objkey IS NOT NULL THEN 'arn:aws:s3:::' || bucket || '/' || objkey ELSE 'arn:aws:s3:::' || bucket END)`,
    summary: `${verb} || ' ' || ${object} || ' under training data ' || ${location} || ' for the first time'`,
    evidence: `eventname || ' on ' || ${object} || '; training data at ' || ${location} || '; first write by this principal there since the learning period ended'`,
    property: `'requestParameters.key'`,
  });
  const names = [...OBJECT_WRITES, ...SAGEMAKER_INPUT_EVENTS];
  return `${withClause(d)} ${baseCte(d, src, `eventname IN (${strList(names)})`)},
${locationsCtes(d, config.trainingBuckets)},
writes AS (
  SELECT *, ${bucket} AS bucket, ${key} AS objkey FROM base
  WHERE eventsource = 's3.amazonaws.com' AND eventname IN (${strList(OBJECT_WRITES)}) AND ${SUCCEEDED} AND NOT ${SERVICE_CALL}
),
${locatedCte(d, `(SELECT * FROM writes WHERE coalesce(bucket, '') <> '')`)},
observed AS (
  SELECT *, principal || chr(10) || ${location} AS _key, 1 AS _sub FROM located
),
${firstSeenCtes(d, src, config)}
SELECT
${select}
FROM first_seen
ORDER BY seq`;
}
