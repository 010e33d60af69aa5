import { Unknown, isObject, type Value, type ValueObject } from '../../../core/value.js';
import { blocksOf } from '../mapping/apply.js';
import type { SourceBody } from '../mapping/types.js';
import { fromJSON, isConcrete, toPlain, unknownFrom } from './values.js';

// `data "aws_iam_policy_document"`: ML stacks build bucket and role policies with it, so its
// statement blocks are turned into the IAM JSON document Terraform would render. Like the
// provider, single-element lists render as a plain string.

const single = (v: Value): Value => (Array.isArray(v) && v.length === 1 ? v[0]! : v);

function principals(body: SourceBody, name: string): Value | undefined {
  const blocks = blocksOf(body, name);
  if (blocks.length === 0) return undefined;
  const out: Record<string, Value[]> = {};
  for (const b of blocks) {
    if (!b.body) return b.unknown ?? new Unknown(`${name} not known until apply`);
    const type = b.body.attrs.get('type')?.value;
    const ids = b.body.attrs.get('identifiers')?.value;
    if (typeof type !== 'string') return unknownFrom(`${name} type not known until apply`, type);
    if (!Array.isArray(ids)) return unknownFrom(`${name} identifiers not known until apply`, ids);
    // `type = "*"` is the anonymous principal, rendered as "Principal": "*".
    if (type === '*') return '*';
    out[type] = [...(out[type] ?? []), ...ids];
  }
  const rendered: ValueObject = {};
  for (const [k, v] of Object.entries(out)) rendered[k] = single(v);
  return rendered;
}

function conditions(body: SourceBody): Value | undefined {
  const blocks = blocksOf(body, 'condition');
  if (blocks.length === 0) return undefined;
  const out: Record<string, Record<string, Value[]>> = {};
  for (const b of blocks) {
    if (!b.body) return b.unknown ?? new Unknown('condition not known until apply');
    const test = b.body.attrs.get('test')?.value;
    const variable = b.body.attrs.get('variable')?.value;
    const values = b.body.attrs.get('values')?.value;
    if (typeof test !== 'string' || typeof variable !== 'string') return unknownFrom('condition not known until apply', test, variable);
    const byTest = (out[test] ??= {});
    byTest[variable] = [...(byTest[variable] ?? []), ...(Array.isArray(values) ? values : [values ?? null])];
  }
  const rendered: ValueObject = {};
  for (const [test, vars] of Object.entries(out)) {
    const r: ValueObject = {};
    for (const [k, v] of Object.entries(vars)) r[k] = single(v);
    rendered[test] = r;
  }
  return rendered;
}

const STATEMENT_FIELDS: [string, string][] = [
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

function statement(body: SourceBody): Value {
  const s: ValueObject = {};
  for (const [tf, iam] of STATEMENT_FIELDS) {
    const v = body.attrs.get(tf)?.value;
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    s[iam] = single(v);
  }
  s['Effect'] ??= 'Allow';
  const p = principals(body, 'principals');
  if (p !== undefined) s['Principal'] = p;
  const np = principals(body, 'not_principals');
  if (np !== undefined) s['NotPrincipal'] = np;
  const c = conditions(body);
  if (c !== undefined) s['Condition'] = c;
  return s;
}

/** Statements of another policy document given as JSON text (or the object form we keep). */
function statementsOf(doc: Value): Value[] | Unknown {
  let d = doc;
  if (typeof d === 'string') {
    try {
      d = fromJSON(JSON.parse(d));
    } catch {
      return new Unknown('policy document is not valid JSON');
    }
  }
  if (!isObject(d)) return unknownFrom('policy document not known until apply', d);
  const st = d['Statement'];
  return Array.isArray(st) ? st : st === undefined ? [] : [st];
}

const sidOf = (s: Value): string | undefined => (isObject(s) && typeof s['Sid'] === 'string' && s['Sid'] !== '' ? s['Sid'] : undefined);

/** Statements from `source` documents come first; same-Sid statements are replaced, as the provider does. */
function layer(base: Value[], extra: Value[]): Value[] {
  const out = [...base];
  for (const s of extra) {
    const sid = sidOf(s);
    const i = sid === undefined ? -1 : out.findIndex((o) => sidOf(o) === sid);
    if (i >= 0) out[i] = s;
    else out.push(s);
  }
  return out;
}

function documentList(body: SourceBody, names: string[]): Value[] | Unknown {
  const docs: Value[] = [];
  for (const name of names) {
    const v = body.attrs.get(name)?.value;
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) docs.push(...v);
    else if (v instanceof Unknown) return v;
    else docs.push(v);
  }
  const statements: Value[] = [];
  for (const d of docs) {
    const st = statementsOf(d);
    if (st instanceof Unknown) return st;
    statements.push(...layer([], st));
  }
  return statements;
}

/** The IAM policy document an `aws_iam_policy_document` data source renders. */
export function policyDocument(body: SourceBody): Value {
  const source = documentList(body, ['source_policy_documents', 'source_json']);
  const override = documentList(body, ['override_policy_documents', 'override_json']);
  if (source instanceof Unknown) return source;
  if (override instanceof Unknown) return override;
  const own = blocksOf(body, 'statement').map((b) => (b.body ? statement(b.body) : (b.unknown ?? new Unknown('statement not known until apply'))));
  const doc: ValueObject = { Version: body.attrs.get('version')?.value ?? '2012-10-17' };
  const id = body.attrs.get('policy_id')?.value;
  if (typeof id === 'string') doc['Id'] = id;
  doc['Statement'] = layer(layer(source, own), override);
  return doc;
}

/** The `json` attribute: the text when fully known; the document object when it holds references. */
export function policyJson(doc: Value): Value {
  if (isConcrete(doc)) return JSON.stringify(toPlain(doc));
  return doc;
}
