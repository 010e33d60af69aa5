import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { InputError } from '../core/errors.js';

/** One accepted finding: `{ "rule": "...", "resource": "...", "file"?: "...", "reason": "..." }`. */
export interface BaselineSuppression {
  rule: string;
  resource: string;
  file?: string;
  reason?: string;
  location: { file: string; line?: number; column?: number };
}

/**
 * Reads a baseline file (JSON or YAML): `{ "suppressions": [ ... ] }`. Entries keep their
 * position so that one without a reason is reported where it is written.
 */
export async function loadBaseline(path: string): Promise<BaselineSuppression[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError('cannot read the baseline file', path);
  }
  return parseBaseline(path, text);
}

export function parseBaseline(path: string, text: string): BaselineSuppression[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new InputError(`baseline: ${e.message.split('\n')[0]}`, path, e.linePos?.[0].line, e.linePos?.[0].col);
  }
  const pos = (n: Node | null | undefined) => {
    const at = n?.range ? lc.linePos(n.range[0]) : undefined;
    return { file: path, ...(at ? { line: at.line, column: at.col } : {}) };
  };
  const root = doc.contents;
  const list = isMap(root) ? root.get('suppressions', true) : undefined;
  if (!isSeq(list)) throw new InputError('baseline: expected an object with a "suppressions" list', path, pos(root as Node).line, pos(root as Node).column);
  return list.items.map((item) => {
    const where = pos(item as Node);
    if (!isMap(item)) throw new InputError('baseline: each suppression must be an object', path, where.line, where.column);
    const field = (k: string) => {
      const v = item.get(k);
      return typeof v === 'string' ? v : undefined;
    };
    const rule = field('rule');
    const resource = field('resource');
    if (!rule || !resource) throw new InputError('baseline: a suppression needs "rule" and "resource"', path, where.line, where.column);
    const file = field('file');
    const reason = field('reason');
    return { rule, resource, ...(file ? { file } : {}), ...(reason ? { reason } : {}), location: where };
  });
}
