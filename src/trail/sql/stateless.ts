// A stateless detection (a table of event rows, detect/stateless.ts) as one query: each record is
// read once, the rows it matches are listed, and each matched row is one alert — as the in-process
// detector raises one alert per matching row.

import type { StatelessRow } from '../detect/index.js';
import { describe } from '../detect/predicate.js';
import { freshVar, type Dialect } from './dialect.js';
import { pathSteps, predicateSql } from './predicate.js';
import { alertSelect, arnOf, baseCte, PRINCIPAL_TYPE, type Source } from './record.js';
import { str, strList } from './sql-text.js';
import { firstText, reach, type ValueContext } from './values.js';

export function statelessSql(d: Dialect, src: Source, id: string, rows: readonly StatelessRow[]): string {
  const ctx: ValueContext = { d, semantics: 'predicate' };
  const sources = [...new Set(rows.map((r) => r.eventSource))];
  const names = [...new Set(rows.flatMap((r) => r.eventNames))];
  // Read only the events some row names (the rows' own conditions repeat this exactly).
  const where = `eventsource IN (${strList(sources)}) AND eventname IN (${strList(names)})`;

  const target = (row: StatelessRow): string =>
    row.target ? `coalesce(${row.target.paths.map((p) => `nullif(${firstText(ctx, reach(ctx, pathSteps(p)))}, '')`).join(', ')})` : 'CAST(NULL AS VARCHAR)';
  const byRow = (f: (row: StatelessRow, i: number) => string): string => (rows.length === 1 ? f(rows[0]!, 0) : `(CASE rule ${rows.map((r, i) => `WHEN ${i} THEN ${f(r, i)}`).join(' ')} END)`);

  const marks = rows.map((row, i) => `CASE WHEN ${predicateSql(d, row.predicate, ctx)} THEN ${i} END`);
  const v = freshVar('m');
  const matched = `matched AS (
  SELECT *, ${rows.map((row, i) => `${target(row)} AS target_${i}`).join(', ')},
    ${d.filter(d.list(marks, 'BIGINT'), v, `${v} IS NOT NULL`)} AS rules
  FROM base
)`;
  const targetOf = byRow((_, i) => `target_${i}`);
  // The in-process message: the row's action with `{target}` replaced by the resource's name.
  const summary = byRow((row, i) => {
    const [head, tail] = row.action.split('{target}') as [string, string | undefined];
    return tail === undefined ? str(head) : `${str(head)} || coalesce(target_${i}, '(not named in the record)') || ${str(tail)}`;
  });
  const select = alertSelect(id, {
    resource_type: `(CASE WHEN ${targetOf} IS NOT NULL THEN ${byRow((row) => str(row.target?.type ?? ''))} ELSE ${PRINCIPAL_TYPE} END)`,
    resource_id: `coalesce(${targetOf}, principal)`,
    resource_arn: arnOf(targetOf),
    summary,
    evidence: byRow((row) => str(describe(row.predicate))),
    property: byRow((row) => (row.property ? str(row.property) : 'CAST(NULL AS VARCHAR)')),
  });
  return `WITH ${baseCte(d, src, where)},
${matched}
SELECT
${select}
FROM matched CROSS JOIN UNNEST(rules) AS r(rule)
ORDER BY seq, rule`;
}
