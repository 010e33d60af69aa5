// sagemaker-presigned-url-new-ip: the first presigned notebook or Studio URL a principal creates
// from a source address, after the learning period.

import { PRESIGNED_URL_EVENTS } from '../../detect/identity/sagemaker-presigned-url-new-ip.js';
import type { DetectorConfig } from '../../detect/types.js';
import { withClause } from '../chain.js';
import type { Dialect } from '../dialect.js';
import { pathSteps } from '../predicate.js';
import { alertSelect, baseCte, PRINCIPAL_TYPE, SERVICE_CALL, SUCCEEDED, type Source } from '../record.js';
import { like, strList } from '../sql-text.js';
import { firstText, reach, type ValueContext } from '../values.js';
import { firstSeenCtes } from './first-seen.js';

export function presignedUrlNewIpSql(d: Dialect, src: Source, config: DetectorConfig): string {
  const ctx: ValueContext = { d, semantics: 'predicate' };
  const text = (p: string) => `nullif(${firstText(ctx, reach(ctx, pathSteps(p)))}, '')`;
  const notebook = text('requestParameters.notebookInstanceName');
  const profile = text('requestParameters.userProfileName');
  const domain = text('requestParameters.domainId');
  // presignedTarget(): the notebook, else the Studio user profile (domain/profile), else nothing.
  const targetId = `(CASE WHEN ${notebook} IS NOT NULL THEN ${notebook} WHEN ${profile} IS NOT NULL THEN (CASE WHEN ${domain} IS NOT NULL THEN ${domain} || '/' || ${profile} ELSE ${profile} END) END)`;
  const targetType = `(CASE WHEN ${notebook} IS NOT NULL THEN 'AWS::SageMaker::NotebookInstance' WHEN ${profile} IS NOT NULL THEN 'AWS::SageMaker::UserProfile' END)`;
  const select = alertSelect('sagemaker-presigned-url-new-ip', {
    resource_type: `coalesce(target_type, ${PRINCIPAL_TYPE})`,
    resource_id: 'coalesce(target_id, principal)',
    resource_arn: `(CASE WHEN target_id IS NULL AND ${like('principal', 'arn:%')} THEN principal END)`,
    summary: `'created a presigned URL' || coalesce(' for ' || target_id, '') || ' from new source IP ' || sourceipaddress`,
    evidence: `'sourceIPAddress = ' || sourceipaddress || '; first time this principal created a URL from this address since the learning period ended'`,
    property: `'sourceIPAddress'`,
  });
  return `${withClause(d)} ${baseCte(d, src, `eventsource = 'sagemaker.amazonaws.com' AND eventname IN (${strList(PRESIGNED_URL_EVENTS)})`)},
observed AS (
  SELECT *, principal || chr(10) || sourceipaddress AS _key, 1 AS _sub, ${targetId} AS target_id, ${targetType} AS target_type
  FROM base
  WHERE ${SUCCEEDED} AND NOT ${SERVICE_CALL} AND coalesce(sourceipaddress, '') <> ''
),
${firstSeenCtes(d, src, config)}
SELECT
${select}
FROM first_seen
ORDER BY seq`;
}
