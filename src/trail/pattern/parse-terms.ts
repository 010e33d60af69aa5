import type { MatchAllPattern, Term, TermMode, TermPattern } from './ast.js';
import { isSpace, type Cursor } from './cursor.js';

// Unstructured patterns: `ERROR Exception` (all), `?ERROR ?WARN` (any), `ERROR -DEBUG` (not),
// `"exact phrase"`, `%regex%`. AWS: "Metric filter terms that include characters other than
// alphanumeric or underscore must be placed inside double quotes."

const WORD = /[A-Za-z0-9_]+/y;
const MODES: Record<string, TermMode> = { '?': 'optional', '-': 'excluded' };

export function parseTermPattern(c: Cursor): TermPattern | MatchAllPattern {
  const terms: Term[] = [];
  for (c.skipSpace(); !c.done; c.skipSpace()) {
    const start = c.pos;
    const mode = MODES[c.peek()!];
    if (mode) {
      c.pos++;
      c.skipSpace();
      if (c.done) c.error(`expected a term after "${c.text[start]}"`);
    }
    terms.push({ kind: 'term', mode: mode ?? 'required', value: termValue(c), span: c.span(start) });
  }
  // `""` and `" "` are AWS's documented ways of writing "match everything".
  const only = terms.length === 1 ? terms[0]! : undefined;
  if (terms.length === 0 || (only?.mode === 'required' && only.value.kind === 'phrase' && only.value.quoted && only.value.text.trim() === '')) {
    return { kind: 'match-all', span: { start: 0, end: c.text.length } };
  }
  return { kind: 'terms', terms, span: { start: terms[0]!.span.start, end: c.pos } };
}

function termValue(c: Cursor): Term['value'] {
  const start = c.pos;
  if (c.peek() === '"') {
    const { text } = c.quotedText(start);
    return { kind: 'phrase', text, quoted: true, span: c.span(start) };
  }
  if (c.peek() === '%') {
    const r = c.regex(start, false);
    if (r.kind !== 'regex') throw new Error('unreachable');
    return r;
  }
  const word = c.take(WORD);
  if (!word || (!c.done && !isSpace(c.text.charCodeAt(c.pos)))) {
    const at = word ? c.pos : start;
    c.error(`"${c.text[at]}" must be inside a double-quoted phrase: unquoted terms may contain only letters, digits and _`, at);
  }
  return { kind: 'phrase', text: word, quoted: false, span: c.span(start) };
}
