import type { Suppression } from '../../core/resource.js';
import type { Block, Comment } from './hcl/ast.js';

// `# ringfence:ignore <rule-id> <reason...>` (or `//`) directly above a resource block, or
// anywhere inside it. A missing reason is kept as undefined: the engine reports it.

const DIRECTIVE = /^(?:#|\/\/)\s*ringfence:ignore\b\s*(\S+)?\s*(.*?)\s*$/;

export function suppressionsFor(block: Block, comments: readonly Comment[], file: string, warn: (message: string, c: Comment) => void): Suppression[] {
  const chosen: Comment[] = [];
  // Walk upwards from the block through a run of whole-line comments with no gap.
  let i = comments.findIndex((c) => c.pos.line >= block.pos.line);
  if (i < 0) i = comments.length;
  let line = block.pos.line;
  for (let j = i - 1; j >= 0; j--) {
    const c = comments[j]!;
    if (!c.ownLine || c.endLine !== line - 1) break;
    chosen.unshift(c);
    line = c.pos.line;
  }
  for (let j = i; j < comments.length && comments[j]!.pos.line <= block.end.line; j++) chosen.push(comments[j]!);

  const out: Suppression[] = [];
  for (const c of chosen) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    if (!m[1]) {
      warn('ringfence:ignore without a rule id', c);
      continue;
    }
    out.push({ rule: m[1], reason: m[2] ? m[2] : undefined, location: { file, line: c.pos.line, column: c.pos.column }, via: 'comment' });
  }
  return out;
}
