// Text of SQL: literals, identifiers and LIKE patterns, written the same way for DuckDB and
// Athena (Trino). Every value that reaches generated SQL goes through one of these.

/** A string literal: single quotes doubled. */
export function str(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `'a', 'b', 'c'` for IN lists. */
export function strList(values: readonly string[]): string {
  return values.map(str).join(', ');
}

/** A number literal that parses back to the same double (no exponent surprises, never NaN). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a SQL number`);
  return Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? String(value) : `CAST(${str(String(value))} AS DOUBLE)`;
}

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A table or column name: plain lowercase names as they are, anything else double-quoted. */
export function ident(name: string): string {
  return PLAIN_IDENTIFIER.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A table name as the user gave it, `db.table` allowed; each part quoted when needed. */
export function tableName(name: string): string {
  const parts = name.split('.');
  if (parts.some((p) => p === '')) throw new Error(`"${name}" is not a table name`);
  return parts.map((p) => (PLAIN_IDENTIFIER.test(p.toLowerCase()) ? p : `"${p.replace(/"/g, '""')}"`)).join('.');
}

/** The escape character of every LIKE we write. */
export const LIKE_ESCAPE = '\\';

/** Text matched literally inside a LIKE pattern (`%`, `_` and the escape escaped). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c);
}

/** A `*`-wildcard glob (detection tables, CloudWatch strings) as a LIKE pattern. */
export function globToLike(glob: string): string {
  return glob.split('*').map(likeLiteral).join('%');
}

/** `expr LIKE 'pattern' ESCAPE '\'`. */
export function like(expr: string, pattern: string): string {
  return `${expr} LIKE ${str(pattern)} ESCAPE ${str(LIKE_ESCAPE)}`;
}

/** `a AND b AND …`, with `TRUE` for none; every part parenthesised. */
export function and(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== 'TRUE');
  if (kept.includes('FALSE')) return 'FALSE';
  return kept.length === 0 ? 'TRUE' : kept.length === 1 ? kept[0]! : kept.map((p) => `(${p})`).join(' AND ');
}

/** `a OR b OR …`, with `FALSE` for none. */
export function or(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== 'FALSE');
  if (kept.includes('TRUE')) return 'TRUE';
  return kept.length === 0 ? 'FALSE' : kept.length === 1 ? kept[0]! : kept.map((p) => `(${p})`).join(' OR ');
}

export function not(expr: string): string {
  return expr === 'TRUE' ? 'FALSE' : expr === 'FALSE' ? 'TRUE' : `NOT (${expr})`;
}

/** A condition that is never NULL (SQL's third value would flip under NOT). */
export function bool(expr: string): string {
  return expr === 'TRUE' || expr === 'FALSE' ? expr : `coalesce(${expr}, FALSE)`;
}

/** Indents every line after the first by `n` spaces, for readable nested SQL. */
export function indent(sql: string, n = 2): string {
  const pad = ' '.repeat(n);
  return sql.split('\n').join(`\n${pad}`);
}
