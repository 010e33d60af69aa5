// First sightings after a learning period (FirstSeen in detect/bounded.ts): a key alerts the first
// time it is observed, if that is at least `baselineDays` after the start of the log — the earlier
// of the run's first record and the earliest observation so far. The three first-seen detections
// differ only in which records they observe and what the key is.

import { BASELINE_DAYS, daysMs, numberParam } from '../../detect/params.js';
import type { DetectorConfig } from '../../detect/types.js';
import type { Dialect } from '../dialect.js';
import type { Source } from '../record.js';
import { num } from '../sql-text.js';

/**
 * CTEs `run_start` and `first_seen`, from a CTE `observed` with columns _key, seq, _sub (the
 * order of observations within one record) and ms: `first_seen` holds the observations that alert.
 */
export function firstSeenCtes(d: Dialect, src: Source, config: DetectorConfig): string {
  const baseline = daysMs(numberParam(config, BASELINE_DAYS));
  return `run_start AS (
  SELECT min_by(${d.epochMs('eventtime')}, ${d.seq}) AS start_ms FROM ${src.table} WHERE ${d.epochMs('eventtime')} IS NOT NULL${src.where ? ` AND (${src.where})` : ''}
),
tracked AS (
  SELECT o.*,
    row_number() OVER (PARTITION BY _key ORDER BY seq, _sub) AS _nth,
    min(ms) OVER (ORDER BY seq, _sub ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS tracker_start
  FROM observed o
),
first_seen AS (
  SELECT t.* FROM tracked t CROSS JOIN run_start r
  WHERE _nth = 1 AND ms IS NOT NULL AND ms >= coalesce(least(r.start_ms, tracker_start), tracker_start) + ${num(baseline)}
)`;
}
