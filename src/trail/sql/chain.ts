// One alert, then quiet: after a threshold detection alerts for a key, the key stays quiet until
// `until_ms` (its window after the alert), and the next alert is the first candidate after that.
// Which candidates alert depends on the alerts before them — a chain SQL writes as a recursive
// walk (DuckDB) or as row pattern matching, PATTERN (A B*) (Athena / Trino MATCH_RECOGNIZE).
//
// Input: a CTE `candidates` with columns _key, seq, ms, until_ms. Output: a CTE `walk` with the
// candidates that alert, in the same columns.

import type { Dialect } from './dialect.js';

/** `WITH` or `WITH RECURSIVE`, as the chain needs on this engine. */
export function withClause(d: Dialect): string {
  return d.chain === 'recursive' ? 'WITH RECURSIVE' : 'WITH';
}

export function chainCte(d: Dialect): string {
  if (d.chain === 'recursive') {
    return `walk AS (
  SELECT * FROM (SELECT c.*, row_number() OVER (PARTITION BY _key ORDER BY seq) AS _step FROM candidates c) first_candidates WHERE _step = 1
  UNION ALL
  SELECT n.* FROM walk w, LATERAL (
    SELECT c.*, w._step + 1 AS _step FROM candidates c
    WHERE c._key = w._key AND c.seq > w.seq AND c.ms >= w.until_ms
    ORDER BY c.seq LIMIT 1
  ) n
)`;
  }
  // Every row of each match comes out, labelled; the alerts are its A rows. One pass over the
  // candidates (a join back to them would read the table again in Athena).
  return `walk AS (
  SELECT * FROM candidates MATCH_RECOGNIZE (
    PARTITION BY _key ORDER BY seq
    MEASURES CLASSIFIER() AS _class
    ALL ROWS PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B*)
    DEFINE B AS B.ms < A.until_ms
  )
  WHERE _class = 'A'
)`;
}
