import type { ObjectProblem } from './data-source.js';
import type { SignatureCheck } from './signature.js';
import type { FieldChange, VerifyResult } from './verify-manifest.js';

/** The human report of `ringfence data verify`: what was checked, each difference, a verdict line. */
export function renderVerifyTable(r: VerifyResult): string {
  const head = [
    `manifest   ${r.manifest.path}: ${r.manifest.objects} object${r.manifest.objects === 1 ? '' : 's'}, ${formatBytes(r.manifest.bytes)}, created ${r.manifest.createdAt}`,
    `signature  ${signatureText(r.signature)}`,
    `data       ${r.target}`,
  ];
  const rows: [string, string, string][] = [
    ...r.changed.map((c): [string, string, string] => ['changed', c.key, changesText(c.changes)]),
    ...r.added.map((a): [string, string, string] => ['added', a.key, `${formatBytes(a.size)}, not in the manifest`]),
    ...r.removed.map((d): [string, string, string] => ['removed', d.key, `${formatBytes(d.size)}, sha256 ${short(d.sha256)}, no longer there`]),
    ...r.rewritten.map((c): [string, string, string] => ['rewritten', c.key, `same content; ${changesText(c.changes)}`]),
    ...r.unverified.map((k): [string, string, string] => ['unverified', k, 'not listed (the listing failed part-way)']),
    ...r.errors.map((e): [string, string, string] => ['error', e.key ?? e.where, problemText(e)]),
    ...r.skipped.map((s): [string, string, string] => ['skipped', s.key ?? s.where, s.message]),
  ];
  const width = Math.max(0, ...rows.map((row) => row[1].length));
  const body = rows.map(([what, key, detail]) => `${what.padEnd(10)} ${key.padEnd(width)}  ${detail}`);
  return [head.join('\n'), ...(body.length ? [body.join('\n')] : []), verdictLine(r)].join('\n\n') + '\n';
}

export function verdictLine(r: VerifyResult): string {
  const parts = [
    [r.changed.length, 'changed'],
    [r.added.length, 'added'],
    [r.removed.length, 'removed'],
    [r.errors.length, r.errors.length === 1 ? 'error' : 'errors'],
    [r.unverified.length, 'unverified'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const byVersion = r.provenByVersion ? ` (${r.provenByVersion} proven by S3 version id)` : '';
  const unchanged = `${r.unchanged} of ${r.manifest.objects} unchanged${byVersion}`;
  const label = { unchanged: 'UNCHANGED', changed: 'CHANGED', error: 'ERROR' }[r.verdict];
  return `${label}: ${parts.length ? `${parts.join(', ')}; ` : ''}${unchanged}`;
}

export function signatureText(s: SignatureCheck): string {
  switch (s.status) {
    case 'verified':
      return `verified: signed with ${s.algorithm} by ${s.keyId} on ${s.signedAt}`;
    case 'intact':
      return `intact, signer not checked: signed with ${s.algorithm} by ${s.keyId} on ${s.signedAt}; give --public-key or --kms-key-id to check who signed`;
    case 'unchecked':
      return `NOT CHECKED (${s.reason}): signed with ${s.algorithm} by ${s.keyId}`;
    case 'unsigned':
      return 'UNSIGNED: the data can match this file, but nothing shows who approved it';
  }
}

function problemText(p: ObjectProblem): string {
  return p.key && p.where && !p.message.includes(p.where) ? `${p.where}: ${p.message}` : p.message;
}

export function changesText(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.field} ${show(c.field, c.expected)} -> ${show(c.field, c.actual)}`).join('; ');
}

function show(field: FieldChange['field'], v: string | number): string {
  if (field === 'sha256') return short(String(v));
  if (field === 'columns') return `[${v}]`;
  return String(v);
}

const short = (hex: string): string => `${hex.slice(0, 12)}…`;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
