import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { InputError } from '../../../core/errors.js';
import { lineColumnAt } from '../../../core/text-position.js';
import { jsonErrorOffset } from '../json-error.js';
import type { Attribute, Block, Body, Comment, Expression, HclFile, ObjectItem, Pos } from './ast.js';
import { parseHclExpression } from './parser.js';

// Terraform's JSON configuration syntax (`*.tf.json`, what CDK for Terraform writes) into the same
// syntax tree as the native syntax, so one evaluator and one set of mappings serve both. The
// rules are Terraform's: the root object's keys are block types; `resource` and `data` take two
// levels of labels, `variable`, `module`, `output` and `provider` one; a string is a template
// ("${var.x}" interpolates); `depends_on` items and a variable's `type` are expressions; "//" is a
// comment (so `"//": "ringfence:ignore RULE reason"` inside a resource suppresses as `#` does). Which properties are nested blocks needs the provider's schema, which JSON does not
// carry: they become attributes holding objects, which the mappings read as blocks (as they do
// plan values) — except the meta-blocks `dynamic`, `lifecycle`, `provisioner` and `connection`.

const LABELS: Record<string, number> = { resource: 2, data: 2, variable: 1, module: 1, output: 1, provider: 1, locals: 0, terraform: 0 };
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
const PROVISIONER_LIKE = new Set(['provisioner']);

export function parseTerraformJson(text: string, file: string, maxDepth: number): HclFile {
  const lines = new LineCounter();
  const at = (offset: number): Pos => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col, offset };
  };
  // JSON first, strictly: a YAML parser would accept what Terraform rejects.
  const bad = jsonErrorOffset(text);
  if (bad !== undefined) {
    const { line, column } = lineColumnAt(text, bad);
    throw new InputError('invalid JSON (Terraform JSON syntax)', file, line, column);
  }
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, version: '1.2' });
  const root = doc.contents as Node | null;
  if (!root || !isMap(root)) throw new InputError('a Terraform JSON file must hold one object', file, 1, 1);

  const posOf = (n: Node | null | undefined): Pos => at(n?.range?.[0] ?? 0);
  const comments: Comment[] = [];
  const comment = (n: Node | null): void => {
    for (const item of isSeq(n) ? (n.items as Node[]) : [n]) {
      if (isScalar(item) && typeof item.value === 'string') {
        const pos = posOf(item);
        comments.push({ text: `// ${item.value}`, pos, endLine: pos.line, ownLine: true });
      }
    }
  };
  const keyOf = (p: Pair): string => String(isScalar(p.key) ? p.key.value : p.key);

  const expr = (n: Node | null, depth: number): Expression => {
    if (depth > maxDepth) throw new InputError(`nesting deeper than ${maxDepth} levels`, file, posOf(n).line, posOf(n).column);
    const pos = posOf(n);
    if (n === null || (isScalar(n) && n.value === null)) return { type: 'literal', value: null, pos };
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'string') return template(v, pos);
      if (typeof v === 'number' || typeof v === 'boolean') return { type: 'literal', value: v, pos };
      return { type: 'literal', value: String(v), pos };
    }
    if (isSeq(n)) return { type: 'tuple', items: n.items.map((x) => expr(x as Node | null, depth + 1)), pos };
    if (isMap(n)) {
      const items: ObjectItem[] = (n.items as Pair[])
        .filter((p) => keyOf(p) !== '//')
        .map((p) => ({ key: template(keyOf(p), posOf(p.key as Node)), value: expr(p.value as Node | null, depth + 1) }));
      return { type: 'object', items, pos };
    }
    return { type: 'literal', value: null, pos };
  };

  // A string is a template: plain text unless it holds an interpolation or a directive.
  const template = (s: string, pos: Pos): Expression => {
    if (!s.includes('${') && !s.includes('%{')) return { type: 'template', parts: [{ kind: 'text', value: s }], pos };
    return relocate(parseHclExpression(JSON.stringify(s), file, maxDepth), pos);
  };
  // An expression written as a string (`depends_on` items, a variable's `type`).
  const expression = (n: Node | null, depth: number): Expression => {
    if (isScalar(n) && typeof n.value === 'string') {
      try {
        return relocate(parseHclExpression(n.value, file, maxDepth), posOf(n));
      } catch {
        return expr(n, depth);
      }
    }
    return expr(n, depth);
  };

  const body = (n: Node | null, kind: string, depth: number): Body => {
    const out: Body = { attributes: [], blocks: [] };
    if (!isMap(n)) return out;
    for (const p of n.items as Pair[]) {
      const name = keyOf(p);
      const value = p.value as Node | null;
      const pos = posOf(p.key as Node);
      if (name === '//') {
        comment(value);
        continue;
      }
      if (name === 'dynamic' && isMap(value)) {
        for (const d of value.items as Pair[]) for (const each of objects(d.value as Node | null)) out.blocks.push(dynamicBlock(keyOf(d), each, posOf(d.key as Node), depth + 1));
      } else if (META_BLOCKS.has(name) && kind !== 'locals' && kind !== 'variable') {
        for (const each of objects(value)) {
          if (PROVISIONER_LIKE.has(name) && isMap(each)) {
            for (const q of each.items as Pair[]) out.blocks.push(block(name, [keyOf(q)], q.value as Node | null, posOf(q.key as Node), name, depth + 1));
          } else out.blocks.push(block(name, [], each, posOf(each), name, depth + 1));
        }
      } else {
        const typed = (kind === 'variable' && name === 'type') || name === 'depends_on';
        const e = typed ? (isSeq(value) ? { type: 'tuple' as const, items: value.items.map((x) => expression(x as Node | null, depth + 1)), pos: posOf(value) } : expression(value, depth + 1)) : expr(value, depth + 1);
        out.attributes.push({ kind: 'attribute', name, expr: e, pos } satisfies Attribute);
      }
    }
    return out;
  };

  const block = (type: string, labels: string[], n: Node | null, pos: Pos, kind: string, depth: number): Block => ({
    kind: 'block',
    type,
    labels,
    body: body(n, kind, depth),
    pos,
    end: at(n?.range?.[2] ?? pos.offset),
  });

  // `"dynamic": {"ingress": {"for_each": …, "iterator": …, "content": {…}}}`
  const dynamicBlock = (label: string, n: Node | null, pos: Pos, depth: number): Block => {
    const b = block('dynamic', [label], null, pos, 'dynamic', depth);
    if (!isMap(n)) return b;
    for (const p of n.items as Pair[]) {
      const name = keyOf(p);
      if (name === 'content') b.body.blocks.push(block('content', [], p.value as Node | null, posOf(p.key as Node), 'content', depth + 1));
      else if (name !== '//') b.body.attributes.push({ kind: 'attribute', name, expr: expr(p.value as Node | null, depth + 1), pos: posOf(p.key as Node) });
    }
    return b;
  };

  const fileBody: Body = { attributes: [], blocks: [] };
  for (const p of root.items as Pair[]) {
    const type = keyOf(p);
    if (type === '//') continue;
    const labels = LABELS[type];
    const value = p.value as Node | null;
    const pos = posOf(p.key as Node);
    if (labels === undefined) {
      fileBody.blocks.push(block(type, [], value, pos, type, 1));
      continue;
    }
    // Walk `labels` levels of object keys down to the block bodies; a body may be an array of them.
    const descend = (n: Node | null, path: string[], keyPos: Pos): void => {
      if (path.length === labels) {
        for (const each of objects(n)) fileBody.blocks.push(block(type, path, each, path.length ? keyPos : posOf(each), type, 1));
        return;
      }
      if (!isMap(n)) return;
      for (const q of n.items as Pair[]) {
        const key = keyOf(q);
        if (key !== '//') descend(q.value as Node | null, [...path, key], posOf(q.key as Node));
      }
    };
    descend(value, [], pos);
  }
  comments.sort((a, b) => a.pos.offset - b.pos.offset);
  return { path: file, body: fileBody, comments };
}

/** A block body given as one object or as an array of objects. */
function objects(n: Node | null): (Node | null)[] {
  return isSeq(n) ? (n.items as (Node | null)[]) : [n];
}

/** Positions inside an expression parsed from a string are moved to where the string is. */
function relocate<T>(e: T, pos: Pos): T {
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    for (const [k, x] of Object.entries(v)) {
      if (k === 'pos') (v as { pos: Pos }).pos = pos;
      else walk(x);
    }
  };
  walk(e);
  return e;
}
