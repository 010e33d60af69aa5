// cloudtrail-data-events-reduced: a selector change that drops data events the same trail logged
// under its previous selectors in the log. The logged data events are computed per request as
// dataEventsLogged() does ("type value" strings), then compared with the trail's previous request.

import type { DetectorConfig } from '../../detect/types.js';
import { withClause } from '../chain.js';
import { freshVar, type Dialect } from '../dialect.js';
import { pathSteps } from '../predicate.js';
import { alertSelect, baseCte, SUCCEEDED, type Source } from '../record.js';
import { and, str } from '../sql-text.js';
import { firstText, reach, reachedJsonList, type ValueContext } from '../values.js';

const EVENT_NAMES = ['PutEventSelectors', 'PutAdvancedEventSelectors'];

export function dataEventsReducedSql(d: Dialect, src: Source, _config: DetectorConfig): string {
  const ctx: ValueContext = { d, semantics: 'predicate' };
  const at = (from: string, path: string) => reachedJsonList(ctx, reach(ctx, pathSteps(path), { form: 'json', base: from, path: [] }));
  const textAt = (from: string, path: string) => firstText(ctx, reach(ctx, pathSteps(path), { form: 'json', base: from, path: [] }));
  const texts = (list: string) => {
    const v = freshVar('v');
    const t = d.transform(list, v, d.scalarText(v));
    const w = freshVar('t');
    return d.filter(t, w, `${w} IS NOT NULL`);
  };
  const rp = d.extract('requestparameters', []);

  // Basic selectors: each data resource's type with each of its values, or "(all)".
  const r = freshVar('dr');
  const type = `coalesce(${textAt(r, 'type')}, '?')`;
  const values = texts(at(r, 'values[*]'));
  const v1 = freshVar('s');
  const basic = d.flatten(
    d.transform(at(rp, 'eventSelectors[*].dataResources[*]'), r, `(CASE WHEN ${d.length(values)} = 0 THEN ${d.list([`${type} || ' (all)'`], 'VARCHAR')} ELSE ${d.transform(values, v1, `${type} || ' ' || ${v1}`)} END)`),
  );

  // Advanced selectors with eventCategory Data: each resources.type with each resources.ARN condition.
  const sel = freshVar('sel');
  const fields = at(sel, 'fieldSelectors[*]');
  const named = (field: string) => {
    const f = freshVar('f');
    return d.filter(fields, f, `${textAt(f, 'field')} = ${str(field)}`);
  };
  const category = d.at(named('eventCategory'), '1');
  const e = freshVar('e');
  const isData = and([`${category} IS NOT NULL`, d.anyMatch(at(category, 'equals[*]'), e, `${d.is(e, ['string'])} AND ${d.scalarText(e)} = 'Data'`)]);
  const f1 = freshVar('f');
  const types = d.flatten(d.transform(named('resources.type'), f1, texts(at(f1, 'equals[*]'))));
  const f2 = freshVar('f');
  const arns = d.flatten(d.transform(named('resources.ARN'), f2, `${d.flatten(d.list([texts(at(f2, 'equals[*]')), texts(at(f2, 'startsWith[*]'))], 'VARCHAR'))}`));
  const t = freshVar('ty');
  const a = freshVar('arn');
  const perType = `(CASE WHEN ${d.length(arns)} = 0 THEN ${d.list([`${t} || ' (all)'`], 'VARCHAR')} ELSE ${d.transform(arns, a, `${t} || ' ' || ${a}`)} END)`;
  const typesOrUnknown = `(CASE WHEN ${d.length(types)} = 0 THEN ${d.list([`'?'`], 'VARCHAR')} ELSE ${types} END)`;
  const advanced = d.flatten(d.transform(at(rp, 'advancedEventSelectors[*]'), sel, `(CASE WHEN ${isData} THEN ${d.flatten(d.transform(typesOrUnknown, t, perType))} ELSE ${d.list([], 'VARCHAR')} END)`));

  const trailName = textAt(rp, 'trailName');
  const trailArn = firstText(ctx, reach(ctx, pathSteps('responseElements.trailARN')));
  const x = freshVar('x');
  const dropped = d.filter('before', x, `NOT ${d.contains('logged', x)}`);
  const select = alertSelect('cloudtrail-data-events-reduced', {
    resource_type: `'AWS::CloudTrail::Trail'`,
    resource_id: '_key',
    resource_arn: `(CASE WHEN trail LIKE 'arn:%' THEN trail END)`,
    summary: `'stopped logging data events for trail ' || _key`,
    evidence: `'no longer logged: ' || ${d.join(dropped, ', ')} || '; ' || (CASE WHEN ${d.length('logged')} > 0 THEN 'still logged: ' || ${d.join('logged', ', ')} ELSE 'no data events logged any more' END)`,
    property: `'requestParameters.eventSelectors'`,
  });
  return `${withClause(d)} ${baseCte(d, src, `eventsource = 'cloudtrail.amazonaws.com' AND eventname IN ('${EVENT_NAMES.join("', '")}')`)},
puts AS (
  SELECT *, (CASE WHEN ${trailName} IS NOT NULL THEN ${trailName} ELSE ${trailArn} END) AS trail
  FROM base WHERE ${SUCCEEDED} AND requestparameters IS NOT NULL
),
selectors AS (
  SELECT *,
    ${d.regexReplaceAll('trail', String.raw`^arn:[^:]+:cloudtrail:[^:]*:\d*:trail/`, '')} AS _key,
    ${d.sortedDistinct(d.flatten(d.list([basic, advanced], 'VARCHAR')))} AS logged
  FROM puts WHERE coalesce(trail, '') <> ''
),
compared AS (
  SELECT *, lag(logged) OVER (PARTITION BY _key ORDER BY seq) AS before FROM selectors
)
SELECT
${select}
FROM compared
WHERE before IS NOT NULL AND ${d.length(dropped)} > 0
ORDER BY seq`;
}
