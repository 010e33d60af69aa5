import { ANY_ONE, STAR, tokenize, type GlobToken } from '../glob.js';

/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${aws:username}`,
 * `${aws:PrincipalTag/team}`, a default after a comma (`${aws:userid, 'anonymous'}`), and the
 * escapes `${*}`, `${?}`, `${$}` for literal characters. Only policies with Version 2012-10-17
 * substitute them; in older or unversioned policies the text is literal. A variable whose key is
 * absent (and has no default) cannot be resolved: "any attempt to match it fails".
 */

export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `${*}`, `${?}`, `${$}`: a character that must not act as a wildcard. */
  | { kind: 'literal'; text: string }
  | { kind: 'var'; key: string; lowerKey: string; fallback?: string };

export interface Template {
  source: string;
  parts: TemplatePart[];
  /** Lower-cased keys it reads, for discovery. */
  keys: string[];
}

const VARIABLE = /\$\{([^}]*)\}/g;

/** Parses a value; undefined when it holds no variable (the common case: a plain string). */
export function parseTemplate(text: string): Template | undefined {
  if (!text.includes('${')) return undefined;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    const inner = m[1]!.trim();
    const part = parseVariable(inner);
    if (!part) continue;
    if (m.index! > last) parts.push({ kind: 'text', text: text.slice(last, m.index) });
    parts.push(part);
    last = m.index! + m[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  const keys = parts.flatMap((p) => (p.kind === 'var' ? [p.lowerKey] : []));
  return { source: text, parts, keys };
}

function parseVariable(inner: string): TemplatePart | undefined {
  if (inner === '*' || inner === '?' || inner === '$') return { kind: 'literal', text: inner };
  const m = /^([^,\s]+)\s*(?:,\s*'([^']*)')?$/.exec(inner);
  if (!m || !m[1]!.includes(':')) return undefined;
  return { kind: 'var', key: m[1]!, lowerKey: m[1]!.toLowerCase(), fallback: m[2] };
}

/** Reads one single-valued context key; undefined when absent or multi-valued. */
export type Lookup = (lowerKey: string) => string | undefined;

/** The text with variables replaced; undefined when one cannot be resolved. */
export function resolveText(t: Template, lookup: Lookup): string | undefined {
  let out = '';
  for (const p of t.parts) {
    if (p.kind === 'var') {
      const v = lookup(p.lowerKey) ?? p.fallback;
      if (v === undefined) return undefined;
      out += v;
    } else out += p.text;
  }
  return out;
}

/**
 * Wildcard tokens with variables replaced: the written text keeps its wildcards, substituted
 * values and escapes are literal. Undefined when a variable cannot be resolved.
 */
export function resolveTokens(t: Template, lookup: Lookup): GlobToken[] | undefined {
  const tokens: GlobToken[] = [];
  for (const p of t.parts) {
    if (p.kind === 'text') tokens.push(...tokenize(p.text));
    else {
      const v = p.kind === 'literal' ? p.text : (lookup(p.lowerKey) ?? p.fallback);
      if (v === undefined) return undefined;
      if (v) tokens.push(v);
    }
  }
  return mergeLiterals(tokens);
}

function mergeLiterals(tokens: GlobToken[]): GlobToken[] {
  const out: GlobToken[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (typeof t === 'string' && typeof prev === 'string') out[out.length - 1] = prev + t;
    else if (t === STAR && prev === STAR) continue;
    else out.push(t);
  }
  return out;
}

/** Splits wildcard tokens at the first five colons of literal text, for per-part ARN matching. */
export function splitTokensAsArn(tokens: readonly GlobToken[]): GlobToken[][] {
  const parts: GlobToken[][] = [[]];
  for (const t of tokens) {
    if (typeof t !== 'string') {
      parts[parts.length - 1]!.push(t);
      continue;
    }
    let rest = t;
    while (parts.length < 6) {
      const colon = rest.indexOf(':');
      if (colon < 0) break;
      if (colon > 0) parts[parts.length - 1]!.push(rest.slice(0, colon));
      parts.push([]);
      rest = rest.slice(colon + 1);
    }
    if (rest) parts[parts.length - 1]!.push(rest);
  }
  return parts;
}

export { STAR, ANY_ONE };
