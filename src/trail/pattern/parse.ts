import type { FilterPattern } from './ast.js';
import { Cursor } from './cursor.js';
import { FilterPatternError } from './errors.js';
import { MAX_PATTERN_LENGTH } from './limits.js';
import { parseDelimitedPattern } from './parse-delimited.js';
import { parseJsonPattern } from './parse-json.js';
import { parseTermPattern } from './parse-terms.js';

/**
 * Parses a CloudWatch Logs filter pattern into its syntax tree. The first character decides the
 * kind, as in CloudWatch: `{` a JSON pattern, `[` a space-delimited one, anything else terms.
 * Throws FilterPatternError, with the position, for any pattern CloudWatch Logs would reject.
 */
export function parseFilterPattern(text: string): FilterPattern {
  if (text.length > MAX_PATTERN_LENGTH) {
    throw new FilterPatternError(`pattern is ${text.length} characters, over the CloudWatch Logs limit of ${MAX_PATTERN_LENGTH}`, MAX_PATTERN_LENGTH, text);
  }
  const c = new Cursor(text);
  c.skipSpace();
  const first = c.peek();
  const pattern = first === '{' ? parseJsonPattern(c) : first === '[' ? parseDelimitedPattern(c) : parseTermPattern(c);
  c.skipSpace();
  if (!c.done) c.error(`unexpected ${c.describeHere()} after the end of the ${pattern.kind === 'json' ? 'JSON' : 'space-delimited'} pattern`);
  return pattern;
}
