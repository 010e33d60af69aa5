// sagemaker-role-new-passer: the first time a principal passes an execution role (in any of the
// request fields ROLE_PASSING names for the call), after the learning period.

import { ROLE_PASSING } from '../../detect/identity/sagemaker-role-new-passer.js';
import type { DetectorConfig } from '../../detect/types.js';
import { withClause } from '../chain.js';
import type { Dialect } from '../dialect.js';
import { pathSteps } from '../predicate.js';
import { alertSelect, arnOf, baseCte, SERVICE_CALL, SUCCEEDED, type Source } from '../record.js';
import { str, strList } from '../sql-text.js';
import { firstText, reach, type ValueContext } from '../values.js';
import { firstSeenCtes } from './first-seen.js';

export function roleNewPasserSql(d: Dialect, src: Source, config: DetectorConfig): string {
  const ctx: ValueContext = { d, semantics: 'predicate' };
  const names = Object.keys(ROLE_PASSING);
  const positions = Math.max(...Object.values(ROLE_PASSING).map((p) => p.length));
  // The role named at the i-th field of the call (textAt), as one list per record.
  const atPosition = (i: number, f: (path: string) => string): string =>
    `(CASE eventname ${names
      .filter((n) => ROLE_PASSING[n]![i] !== undefined)
      .map((n) => `WHEN ${str(n)} THEN ${f(ROLE_PASSING[n]![i]!)}`)
      .join(' ')} END)`;
  const roles = d.list(
    Array.from({ length: positions }, (_, i) => atPosition(i, (p) => firstText(ctx, reach(ctx, pathSteps(p))))),
    'VARCHAR',
  );
  const property = `(CASE _sub ${Array.from({ length: positions }, (_, i) => `WHEN ${i + 1} THEN ${atPosition(i, str)}`).join(' ')} END)`;
  const select = alertSelect('sagemaker-role-new-passer', {
    resource_type: `'AWS::IAM::Role'`,
    resource_id: 'role',
    resource_arn: arnOf('role'),
    summary: `'passed execution role ' || role || ' for the first time'`,
    evidence: `${property} || ' = ' || role || '; first time this principal passed this role since the learning period ended'`,
    property,
  });
  return `${withClause(d)} ${baseCte(d, src, `eventsource = 'sagemaker.amazonaws.com' AND eventname IN (${strList(names)})`)},
passes AS (
  SELECT b.*, o.role, o._sub FROM base b CROSS JOIN UNNEST(${roles}) WITH ORDINALITY AS o(role, _sub)
  WHERE ${SUCCEEDED} AND NOT ${SERVICE_CALL}
),
observed AS (
  SELECT *, principal || chr(10) || role AS _key FROM passes WHERE role IS NOT NULL AND role <> ''
),
${firstSeenCtes(d, src, config)}
SELECT
${select}
FROM first_seen
ORDER BY seq, _sub`;
}
