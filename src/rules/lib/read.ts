import { effective } from '../../core/defaults.js';
import type { Resource } from '../../core/resource.js';
import { asBoolean, asNumber, asString, Expr, Ref, Unknown, type Value } from '../../core/value.js';

/**
 * A property as a rule needs it: absent (after AWS's defaults), set but not determinable, or set.
 * Rules branch on `state` so that an unknown value can never turn into a failure by accident.
 */
export type Reading =
  | { state: 'absent' }
  | { state: 'unknown'; reason: string }
  | { state: 'set'; value: Value; defaulted: boolean };

/** Reads a property through the AWS defaults table. An empty string counts as absent. */
export function read(resource: Resource, path: string): Reading {
  const e = effective(resource, path);
  const v = e.value;
  if (v === undefined || v === null || v === '') return { state: 'absent' };
  if (v instanceof Unknown) return { state: 'unknown', reason: v.reason };
  return { state: 'set', value: v, defaulted: e.defaulted };
}

/** Why a set value cannot be read as text or a flag: it comes from a reference with no known text. */
export function opaqueReason(v: Value): string {
  if (v instanceof Unknown) return v.reason;
  if (v instanceof Ref || v instanceof Expr) return `value comes from ${showValue(v)}, which is not known before deployment`;
  return `value ${JSON.stringify(v)} has an unexpected type`;
}

/** A string property: absent, unknown (with why), or its text. */
export type TextReading = { state: 'absent' } | { state: 'unknown'; reason: string } | { state: 'set'; text: string; defaulted: boolean };

export function readText(resource: Resource, path: string): TextReading {
  const r = read(resource, path);
  if (r.state !== 'set') return r;
  const text = asString(r.value);
  return text === undefined ? { state: 'unknown', reason: opaqueReason(r.value) } : { state: 'set', text, defaulted: r.defaulted };
}

export type FlagReading = { state: 'absent' } | { state: 'unknown'; reason: string } | { state: 'set'; flag: boolean; defaulted: boolean };

export function readFlag(resource: Resource, path: string): FlagReading {
  const r = read(resource, path);
  if (r.state !== 'set') return r;
  const flag = asBoolean(r.value);
  return flag === undefined ? { state: 'unknown', reason: opaqueReason(r.value) } : { state: 'set', flag, defaulted: r.defaulted };
}

export type NumberReading = { state: 'absent' } | { state: 'unknown'; reason: string } | { state: 'set'; number: number };

export function readNumber(resource: Resource, path: string): NumberReading {
  const r = read(resource, path);
  if (r.state !== 'set') return r;
  const n = asNumber(r.value);
  return n === undefined ? { state: 'unknown', reason: opaqueReason(r.value) } : { state: 'set', number: n };
}

/** A reference as people wrote it: `${ModelRepository.RepositoryUri}`, not the inventory key. */
function showRef(r: Ref): string {
  if (r.text !== undefined) return r.text;
  const id = r.target.slice(r.target.lastIndexOf('#') + 1);
  return `\${${id}${r.attribute ? '.' + r.attribute : ''}}`;
}

/** How a value reads in a message. */
export function showValue(v: Value | undefined): string {
  if (v === undefined) return 'absent';
  if (v instanceof Ref) return showRef(v);
  if (v instanceof Expr) return v.parts.map((p) => (typeof p === 'string' ? p : showRef(p))).join('');
  if (v instanceof Unknown) return `<unknown: ${v.reason}>`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** `Enabled (AWS's default when the property is absent)` or `Enabled`. */
export function shown(text: string, defaulted: boolean): string {
  return defaulted ? `${text} (AWS's default when the property is absent)` : text;
}
