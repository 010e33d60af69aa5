import type { FilterPattern } from './ast.js';
import { compileMatcher, type LogEventInput, type PatternMatch } from './evaluate.js';
import { parseFilterPattern } from './parse.js';

/** A parsed pattern, ready to test events: raw messages or already-parsed records. */
export interface CompiledFilterPattern {
  text: string;
  ast: FilterPattern;
  /** Whether the event matches. */
  test(event: LogEventInput): boolean;
  /** The match with its extracted values, or undefined. */
  match(event: LogEventInput): PatternMatch | undefined;
}

/** Parses and compiles; throws FilterPatternError for a pattern CloudWatch Logs would reject. */
export function compileFilterPattern(text: string): CompiledFilterPattern {
  const ast = parseFilterPattern(text);
  const matcher = compileMatcher(ast);
  return { text, ast, test: (e) => matcher(e) !== undefined, match: matcher };
}
