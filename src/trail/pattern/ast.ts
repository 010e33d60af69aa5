// The CloudWatch Logs filter-pattern language as a syntax tree. Every node carries the span of
// text it was parsed from, so evaluation, lints and compilers (SQL) can point back at the pattern.

/** A half-open range `[start, end)` of 0-based character offsets in the pattern text. */
export interface Span {
  start: number;
  end: number;
}

export type FilterPattern = MatchAllPattern | TermPattern | JsonPattern | DelimitedPattern;

/** An empty pattern, or `""` / `" "`: every event matches. */
export interface MatchAllPattern {
  kind: 'match-all';
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Term patterns: `ERROR`, `?ERROR ?WARN`, `ERROR -DEBUG`, `"exact phrase"`, `%regex%`.

export type TermMode = 'required' | 'optional' | 'excluded';

export interface TermPattern {
  kind: 'terms';
  terms: Term[];
  span: Span;
}

export interface Term {
  kind: 'term';
  /** `required` (bare), `optional` (`?term`), `excluded` (`-term`). */
  mode: TermMode;
  value: PhraseLiteral | RegexLiteral;
  span: Span;
}

/** A word or quoted phrase, matched as a case-sensitive substring of the event message. */
export interface PhraseLiteral {
  kind: 'phrase';
  text: string;
  quoted: boolean;
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// JSON patterns: `{ $.errorCode = "AccessDenied*" || $.latency > 100 && $.user IS NULL }`.

export interface JsonPattern {
  kind: 'json';
  expr: JsonExpr;
  span: Span;
}

export type JsonExpr = JsonAnd | JsonOr | JsonGroup | JsonComparison | JsonCheck;

export interface JsonAnd {
  kind: 'and';
  left: JsonExpr;
  right: JsonExpr;
  span: Span;
}

export interface JsonOr {
  kind: 'or';
  left: JsonExpr;
  right: JsonExpr;
  span: Span;
}

/** Parentheses as written; kept so lints and printers see what the author grouped. */
export interface JsonGroup {
  kind: 'group';
  expr: JsonExpr;
  span: Span;
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface JsonComparison {
  kind: 'compare';
  selector: Selector;
  op: ComparisonOp;
  value: Literal;
  span: Span;
}

export type CheckKind = 'is-null' | 'is-true' | 'is-false' | 'not-exists';

/** `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`. */
export interface JsonCheck {
  kind: 'check';
  selector: Selector;
  check: CheckKind;
  span: Span;
}

/** `$.a.b[0]`, `$.a[*].id`, `$.*`, `$.['key.with.dots']`. */
export interface Selector {
  text: string;
  steps: SelectorStep[];
  span: Span;
}

export type SelectorStep =
  | { kind: 'member'; name: string }
  | { kind: 'index'; index: number }
  /** `.*`: every member of an object. */
  | { kind: 'any-member' }
  /** `[*]`: every element of an array. */
  | { kind: 'any-index' };

// ---------------------------------------------------------------------------------------------
// Space-delimited patterns: `[ip, user, ..., status_code = 4* && bytes > 1000, size]`.

export interface DelimitedPattern {
  kind: 'delimited';
  fields: DelimitedField[];
  span: Span;
}

export type DelimitedField = DelimitedEllipsis | DelimitedSlot;

/** `...`: any number of fields, including none. */
export interface DelimitedEllipsis {
  kind: 'ellipsis';
  span: Span;
}

/** One field of the event: named or not, with an optional condition. */
export interface DelimitedSlot {
  kind: 'slot';
  name?: string;
  condition?: DelimitedCondition;
  span: Span;
}

export type DelimitedCondition = DelimitedAnd | DelimitedOr | DelimitedComparison;

export interface DelimitedAnd {
  kind: 'and';
  left: DelimitedCondition;
  right: DelimitedCondition;
  span: Span;
}

export interface DelimitedOr {
  kind: 'or';
  left: DelimitedCondition;
  right: DelimitedCondition;
  span: Span;
}

/** `status_code = 4*`: a named field of the pattern against a literal. */
export interface DelimitedComparison {
  kind: 'compare';
  field: string;
  op: ComparisonOp;
  value: Literal;
  span: Span;
}

// ---------------------------------------------------------------------------------------------
// Literals shared by JSON and space-delimited conditions.

export type Literal = StringLiteral | NumberLiteral | RegexLiteral;

/**
 * How a string literal matches, from its unescaped `*` at either end (AWS documents `*` only at
 * the start and end; one in the middle is a literal character).
 */
export type StringMatch = 'exact' | 'starts-with' | 'ends-with' | 'contains' | 'any';

export interface StringLiteral {
  kind: 'string';
  /** The text as written, with escapes resolved. */
  text: string;
  /** `text` without the wildcards: what must equal / start / end / be contained. */
  core: string;
  match: StringMatch;
  quoted: boolean;
  span: Span;
}

/** An unquoted number: `400`, `-1.5`, `+1000`, `10e3`. */
export interface NumberLiteral {
  kind: 'number';
  value: number;
  text: string;
  span: Span;
}

/** `%regex%` in AWS's restricted syntax; `source` excludes the `%` delimiters. */
export interface RegexLiteral {
  kind: 'regex';
  source: string;
  span: Span;
}
