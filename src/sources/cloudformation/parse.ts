import { Composer, Lexer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Alias, CST, Document, ParsedNode, Scalar, Tags, YAMLMap } from 'yaml';
import { InputError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import type { Location } from '../../core/resource.js';
import type { LoadWarning } from '../types.js';
import { INTRINSIC_TAGS } from './intrinsic-names.js';

/**
 * The parse-only step: text → YAML node tree with positions, every limit enforced. It is the
 * baseline the scan benchmark compares against, so resolution (resolve.ts) never re-parses.
 */
export interface ParsedTemplate {
  file: string;
  /** `json` when the text is a JSON document, for error messages. */
  format: 'json' | 'yaml';
  doc: Document.Parsed;
  /** The top-level mapping. */
  root: YAMLMap.Parsed;
  lineCounter: LineCounter;
  /** Each alias node → the anchored node it stands for (resolved once, here). */
  aliases: Map<Alias.Parsed, ParsedNode>;
  /** Problems that do not stop the template from loading (an unknown `!Tag`). */
  warnings: LoadWarning[];
}

/** 1-based line and column of a character offset. */
export function locationOf(parsed: ParsedTemplate, offset: number): Location {
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { file: parsed.file, line, column: col };
}

// Intrinsic short forms are local tags; each may tag a scalar, a sequence or a mapping. The node
// keeps its tag, and resolution turns it into the long `Fn::` form.
const CUSTOM_TAGS: Tags = Object.keys(INTRINSIC_TAGS).flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const },
  { tag, collection: 'map' as const },
]);

export function parseTemplate(file: string, text: string, limits: Limits): ParsedTemplate {
  checkText(file, text, limits);
  const format = /^\s*\{/.test(text) ? 'json' : 'yaml';
  const lineCounter = new LineCounter();
  const tokens = lexAndParse(file, text, limits, lineCounter);
  const pos = (offset: number): [number, number] => {
    const { line, col } = lineCounter.linePos(offset);
    return [line, col];
  };

  const composer = new Composer({ customTags: CUSTOM_TAGS, uniqueKeys: true, prettyErrors: false });
  const docs = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0]!;
  const syntax = format === 'json' ? 'JSON' : 'YAML';
  if (docs.length > 1) throw new InputError(`malformed ${syntax}: more than one YAML document in the file`, file, ...pos(docs[1]!.range[0]));
  const error = doc.errors[0];
  if (error) {
    // The parser's duplicate-key message does not say which key; the source text does.
    const message = error.code === 'DUPLICATE_KEY' ? `duplicate key ${keyAt(text, error.pos[0])}` : error.message;
    throw new InputError(`malformed ${syntax}: ${message}`, file, ...pos(error.pos[0]));
  }

  const warnings = doc.warnings.map((w): LoadWarning => {
    const [line, column] = pos(w.pos[0]);
    const message = w.code === 'TAG_RESOLVE_FAILED' ? `${w.message}; its value is read as plain data` : w.message;
    return { message, line, column };
  });

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    throw new InputError('empty template', file, 1, 1);
  }
  if (!isMap(root)) throw new InputError('not a CloudFormation template: the top level is not a mapping', file, ...pos(root.range[0]));

  const parsed: ParsedTemplate = { file, format, doc, root, lineCounter, aliases: new Map(), warnings };
  // Without an anchor there is nothing to alias; a dangling alias is reported where it is used.
  if (text.includes('&')) parsed.aliases = checkAliases(parsed, limits);
  return parsed;
}

/** Size and binary checks on already-decoded text (readTemplateFile does the byte-level ones). */
function checkText(file: string, text: string, limits: Limits): void {
  // A UTF-8 byte count is at least the UTF-16 length and at most three times it.
  if (text.length > limits.maxFileBytes || (text.length * 3 > limits.maxFileBytes && Buffer.byteLength(text) > limits.maxFileBytes)) {
    throw new InputError(`file is larger than the ${limits.maxFileBytes}-byte limit`, file);
  }
  for (const [ch, what] of [['\0', 'a NUL character'], ['\uFFFD', 'invalid UTF-8']] as const) {
    const at = text.indexOf(ch);
    if (at >= 0) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      const line = countNewlines(text, at) + 1;
      throw new InputError(`binary content (${what}); not a text template`, file, line, at - lineStart + 1);
    }
  }
}

/** The mapping key written at `offset`: a quoted string, or plain text up to the colon. */
function keyAt(text: string, offset: number): string {
  const m = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^:,{}[\]\n]*[^:,{}[\]\s]))/.exec(text.slice(offset, offset + 1024));
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Lexes and parses to CST tokens, watching the parser's stack: the `yaml` composer recurses once
 * per nesting level and overflows the call stack (or worse) a few thousand levels down, so a
 * document nested deeper than `maxDepth` is refused here, as soon as the depth is reached.
 */
function lexAndParse(file: string, text: string, limits: Limits, lineCounter: LineCounter): CST.Token[] {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  // The bottom of the stack is the document itself.
  const maxStack = limits.maxDepth + 1;
  for (const lexeme of new Lexer().lex(text, false)) {
    const at = parser.offset; // where the token that may open one more level starts
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > maxStack) {
      const { line, col } = lineCounter.linePos(at);
      throw new InputError(`nesting deeper than ${limits.maxDepth} levels`, file, line, col);
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

interface Expansion {
  /** Nodes this node stands for once every alias inside it is expanded. */
  size: number;
  /** Alias dereferences that expansion takes. */
  aliases: number;
}

/**
 * Resolves every alias to its anchor once and bounds what expanding them would cost: at most
 * `maxAliases` dereferences (counting aliases inside aliased nodes, which is how alias bombs grow)
 * and at most as many expanded nodes again as the document has, plus a small allowance.
 */
function checkAliases(parsed: ParsedTemplate, limits: Limits): Map<Alias.Parsed, ParsedNode> {
  const aliases = new Map<Alias.Parsed, ParsedNode>();
  const anchors = new Map<string, ParsedNode>();
  const cost = new Map<ParsedNode, Expansion>();
  let nodes = 0;
  let lastAlias: Alias.Parsed | undefined;
  const fail = (message: string, at: ParsedNode): never => {
    const { line, column } = locationOf(parsed, at.range[0]);
    throw new InputError(message, parsed.file, line, column);
  };

  // Iterative post-order walk: an anchor is registered when its node is complete, so an alias
  // inside the node it names (a cycle) finds no anchor.
  const stack: { node: ParsedNode; done: boolean }[] = [{ node: parsed.root, done: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const node = top.node;
    if (!top.done) {
      stack.push({ node, done: true });
      const kids = children(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, done: false });
      continue;
    }
    nodes++;
    let own: Expansion;
    if (isAlias(node)) {
      const source = anchors.get(node.source);
      if (!source) fail(`alias *${node.source} refers to no anchor before it`, node);
      aliases.set(node, source!);
      lastAlias = node;
      const c = cost.get(source!)!;
      own = { size: c.size, aliases: c.aliases + 1 };
      if (own.aliases > limits.maxAliases) fail(`YAML aliases expand more than ${limits.maxAliases} times (an alias bomb?)`, node);
    } else {
      own = { size: 1, aliases: 0 };
      for (const kid of children(node)) {
        const c = cost.get(kid)!;
        own.size += c.size;
        own.aliases += c.aliases;
        // Report the alias at which the running count crosses the limit.
        if (own.aliases > limits.maxAliases) fail(`YAML aliases expand more than ${limits.maxAliases} times (an alias bomb?)`, kid);
      }
      if (node.anchor) anchors.set(node.anchor, node);
    }
    cost.set(node, own);
  }
  const expanded = cost.get(parsed.root)!.size;
  if (expanded > 2 * nodes + 10_000) {
    fail(`YAML aliases expand the document from ${nodes} to ${expanded} nodes (an alias bomb?)`, lastAlias ?? parsed.root);
  }
  return aliases;
}

function children(node: ParsedNode): ParsedNode[] {
  if (isMap(node)) {
    const out: ParsedNode[] = [];
    for (const pair of node.items) {
      if (pair.key) out.push(pair.key as ParsedNode);
      if (pair.value) out.push(pair.value as ParsedNode);
    }
    return out;
  }
  if (isSeq(node)) return node.items.filter((x): x is ParsedNode => x !== null);
  return [];
}

/** Follows an alias to its anchored node. */
export function deref(parsed: ParsedTemplate, node: ParsedNode | null | undefined): ParsedNode | null {
  if (!node) return null;
  if (!isAlias(node)) return node;
  const target = parsed.aliases.get(node);
  if (!target) {
    const { line, column } = locationOf(parsed, node.range[0]);
    throw new InputError(`alias *${node.source} refers to no anchor before it`, parsed.file, line, column);
  }
  return target;
}

/** The scalar's value as a key or name: strings as they are, other scalars as text. */
export function scalarText(node: ParsedNode | null): string | undefined {
  if (!node || !isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  return v === null || v === undefined ? undefined : String(v);
}

/** The value of `key` in a mapping node (aliases followed), with the key node for its position. */
export function entry(parsed: ParsedTemplate, map: YAMLMap.Parsed, key: string): { key: ParsedNode; value: ParsedNode | null } | undefined {
  for (const pair of map.items) {
    const k = deref(parsed, pair.key as ParsedNode);
    if (scalarText(k) === key) return { key: pair.key as ParsedNode, value: deref(parsed, pair.value as ParsedNode | null) };
  }
  return undefined;
}
