// access-denied-burst: at least `threshold` denied calls from one principal within the window,
// counted over the principal's last `threshold` denied calls in delivery order (BurstCounter), then
// quiet for one window after each alert.

import { DENIED_CODES } from '../../detect/identity/access-denied-burst.js';
import { minutesMs, numberParam } from '../../detect/params.js';
import type { DetectorConfig } from '../../detect/types.js';
import { chainCte, withClause } from '../chain.js';
import type { Dialect } from '../dialect.js';
import { alertSelect, baseCte, SERVICE_CALL, type Source } from '../record.js';
import { globToLike, like, num, or, str } from '../sql-text.js';

export function accessDeniedBurstSql(d: Dialect, src: Source, config: DetectorConfig): string {
  const k = Math.max(1, Math.round(numberParam(config, 'threshold')));
  const windowMinutes = numberParam(config, 'windowMinutes');
  const w = minutesMs(windowMinutes);
  const denied = or(DENIED_CODES.map((g) => like('errorcode', globToLike(g))));
  const seconds = `CAST(round((last_ms - first_ms) / 1000.0) AS BIGINT)`;
  const select = alertSelect('access-denied-burst', {
    summary: `${str(`was denied ${k} calls within `)} || CAST(${seconds} AS VARCHAR) || ' s'`,
    evidence: `${str(`${k} denied calls from `)} || ${d.isoSeconds('first_ms')} || ' to ' || ${d.isoSeconds('last_ms')} || ${str(` (threshold ${k} in ${windowMinutes} min); last error `)} || errorcode`,
    property: `'errorCode'`,
    window_start: d.isoSeconds('first_ms'),
    window_end: d.isoSeconds('last_ms'),
  });
  return `${withClause(d)} ${baseCte(d, src, denied)},
denied AS (
  SELECT *, principal AS _key FROM base WHERE NOT ${SERVICE_CALL} AND ms IS NOT NULL
),
windows AS (
  SELECT *,
    count(*) OVER (PARTITION BY _key ORDER BY seq ROWS BETWEEN ${k - 1} PRECEDING AND CURRENT ROW) AS n,
    min(ms) OVER (PARTITION BY _key ORDER BY seq ROWS BETWEEN ${k - 1} PRECEDING AND CURRENT ROW) AS first_ms,
    max(ms) OVER (PARTITION BY _key ORDER BY seq ROWS BETWEEN ${k - 1} PRECEDING AND CURRENT ROW) AS last_ms
  FROM denied
),
candidates AS (
  SELECT *, last_ms + ${num(w)} AS until_ms FROM windows WHERE n >= ${k} AND last_ms - first_ms <= ${num(w)}
),
${chainCte(d)}
SELECT
${select}
FROM walk
ORDER BY seq`;
}
