import { InputError } from '../../../core/errors.js';
import type { Attribute, BinaryOp, Block, Body, Expression, ForExpr, HclFile, Pos, TemplateExpr, TemplatePart } from './ast.js';
import { lex, type Token, type TokenType } from './lexer.js';

// Recursive-descent parser for HCL2 native syntax. Newlines end attributes in bodies and separate
// object items, but are insignificant inside (), [] and template interpolations; a stack says
// which applies. Nesting is bounded by maxDepth so deep input fails with a position, not a crash.

/** Operator precedence, lowest first (HCL spec, "Operations"). */
const BINARY_LEVELS: readonly (readonly BinaryOp[])[] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

export function parseHcl(src: string, file: string, maxDepth: number): HclFile {
  try {
    const { tokens, comments } = lex(src, file);
    const body = new Parser(tokens, file, maxDepth).parseFile();
    return { path: file, body, comments };
  } catch (e) {
    // Only reachable when maxDepth is set above what the JS stack can hold.
    if (e instanceof RangeError) throw new InputError('nesting too deep to parse', file);
    throw e;
  }
}

/** Parses one standalone expression (a `-var` value, a tfvars literal). */
export function parseHclExpression(src: string, file: string, maxDepth: number): Expression {
  const { tokens } = lex(src, file);
  const parser = new Parser(tokens, file, maxDepth);
  return parser.parseStandaloneExpression();
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'end of file';
    case 'newline':
      return 'newline';
    case 'oquote':
      return 'a string';
    case 'oheredoc':
      return 'a heredoc';
    case 'text':
      return 'template text';
    case 'interp':
    case 'control':
    case 'tend':
      return `'${t.value}'`;
    default:
      return `'${t.value}'`;
  }
}

class Parser {
  private p = 0;
  private depth = 0;
  /** Top says whether newlines are significant where the parser stands. */
  private readonly newlines: boolean[] = [true];

  constructor(
    private readonly tokens: Token[],
    private readonly file: string,
    private readonly maxDepth: number,
  ) {}

  // --- token access -------------------------------------------------------------------------

  private peek(): Token {
    if (!this.newlines[this.newlines.length - 1]) {
      while (this.tokens[this.p]!.type === 'newline') this.p++;
    }
    return this.tokens[this.p]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.p++;
    return t;
  }

  private is(t: Token, type: TokenType, value?: string): boolean {
    return t.type === type && (value === undefined || t.value === value);
  }

  private isPunct(value: string): boolean {
    return this.is(this.peek(), 'punct', value);
  }

  private expectPunct(value: string, context: string): Token {
    const t = this.next();
    if (!this.is(t, 'punct', value)) this.fail(`expected '${value}' ${context}, found ${describe(t)}`, t.pos);
    return t;
  }

  private expect(type: TokenType, what: string): Token {
    const t = this.next();
    if (t.type !== type) this.fail(`expected ${what}, found ${describe(t)}`, t.pos);
    return t;
  }

  private fail(message: string, at: Pos): never {
    throw new InputError(message, this.file, at.line, at.column);
  }

  private enter(at: Pos): void {
    if (++this.depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`, at);
  }

  private leave(): void {
    this.depth--;
  }

  private withNewlines<T>(significant: boolean, fn: () => T): T {
    this.newlines.push(significant);
    try {
      return fn();
    } finally {
      this.newlines.pop();
    }
  }

  // --- bodies -------------------------------------------------------------------------------

  parseFile(): Body {
    return this.parseBody(undefined);
  }

  parseStandaloneExpression(): Expression {
    while (this.is(this.peek(), 'newline')) this.next();
    const e = this.parseExpression();
    while (this.is(this.peek(), 'newline')) this.next();
    const t = this.peek();
    if (t.type !== 'eof') this.fail(`unexpected ${describe(t)} after the value`, t.pos);
    return e;
  }

  /** A body up to `}` (when `open` is the brace that opened it) or end of file. */
  private parseBody(open: Token | undefined): Body {
    const body: Body = { attributes: [], blocks: [] };
    const seen = new Map<string, Pos>();
    for (;;) {
      let t = this.peek();
      while (t.type === 'newline') {
        this.next();
        t = this.peek();
      }
      if (t.type === 'eof') {
        if (open) this.fail(`missing '}' to close the block opened at ${open.pos.line}:${open.pos.column}`, t.pos);
        return body;
      }
      if (open && this.is(t, 'punct', '}')) return body;
      if (t.type !== 'ident') this.fail(`expected an attribute or block name, found ${describe(t)}`, t.pos);
      this.next();
      if (this.isPunct('=')) {
        this.next();
        const expr = this.parseExpression();
        const first = seen.get(t.value);
        if (first) this.fail(`attribute "${t.value}" is already defined at ${first.line}:${first.column}`, t.pos);
        seen.set(t.value, t.pos);
        body.attributes.push({ kind: 'attribute', name: t.value, expr, pos: t.pos } satisfies Attribute);
      } else {
        body.blocks.push(this.parseBlock(t));
      }
      this.endOfItem(open !== undefined, 'after the definition');
    }
  }

  /** After an attribute or block: a newline, the end of file, or the enclosing `}`. */
  private endOfItem(inBlock: boolean, context: string): void {
    const t = this.peek();
    if (t.type === 'newline') return void this.next();
    if (t.type === 'eof' || (inBlock && this.is(t, 'punct', '}'))) return;
    this.fail(`expected a newline ${context}, found ${describe(t)}`, t.pos);
  }

  private parseBlock(typeToken: Token): Block {
    const labels: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'ident') {
        labels.push(this.next().value);
      } else if (t.type === 'oquote') {
        const tpl = this.parseQuoted();
        const label = literalText(tpl);
        if (label === undefined) this.fail('block labels cannot contain interpolations', tpl.pos);
        labels.push(label);
      } else break;
    }
    const open = this.peek();
    if (!this.is(open, 'punct', '{')) {
      this.fail(`expected '=' or '{' after "${[typeToken.value, ...labels].join(' ')}", found ${describe(open)}`, open.pos);
    }
    this.next();
    this.enter(open.pos);
    const body = this.parseBody(open);
    this.leave();
    const close = this.expectPunct('}', 'to close the block');
    return { kind: 'block', type: typeToken.value, labels, body, pos: typeToken.pos, end: close.pos };
  }

  // --- expressions --------------------------------------------------------------------------

  private parseExpression(): Expression {
    const start = this.peek().pos;
    this.enter(start);
    try {
      const cond = this.parseBinary(0);
      if (!this.isPunct('?')) return cond;
      this.next();
      const then = this.parseExpression();
      this.expectPunct(':', 'in the conditional expression');
      const otherwise = this.parseExpression();
      return { type: 'conditional', cond, then, else: otherwise, pos: cond.pos };
    } finally {
      this.leave();
    }
  }

  private parseBinary(level: number): Expression {
    if (level === BINARY_LEVELS.length) return this.parseUnary();
    const ops = BINARY_LEVELS[level]!;
    let left = this.parseBinary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.type !== 'punct' || !ops.includes(t.value as BinaryOp)) return left;
      this.next();
      const right = this.parseBinary(level + 1);
      left = { type: 'binary', op: t.value as BinaryOp, left, right, pos: left.pos };
    }
  }

  private parseUnary(): Expression {
    const t = this.peek();
    if (this.is(t, 'punct', '!') || this.is(t, 'punct', '-')) {
      this.next();
      this.enter(t.pos);
      try {
        const operand = this.parseUnary();
        if (t.value === '-' && operand.type === 'literal' && typeof operand.value === 'number') {
          return { type: 'literal', value: -operand.value, pos: t.pos };
        }
        return { type: 'unary', op: t.value as '!' | '-', operand, pos: t.pos };
      } finally {
        this.leave();
      }
    }
    return this.parsePostfix();
  }

  /** Attribute access, indexes and splats after a primary expression. */
  private parsePostfix(): Expression {
    let e = this.parsePrimary();
    for (;;) {
      const t = this.peek();
      if (this.is(t, 'punct', '.')) {
        this.next();
        const n = this.next();
        if (n.type === 'ident') e = { type: 'getattr', object: e, name: n.value, pos: e.pos };
        else if (n.type === 'number' && /^\d+$/.test(n.value)) e = { type: 'index', object: e, key: { type: 'literal', value: Number(n.value), pos: n.pos }, pos: e.pos };
        else if (this.is(n, 'punct', '*')) e = this.parseSplat(e, false, n.pos);
        else this.fail(`expected an attribute name after '.', found ${describe(n)}`, n.pos);
      } else if (this.is(t, 'punct', '[')) {
        this.next();
        const splat = this.withNewlines(false, () => {
          if (!this.isPunct('*')) return false;
          this.next();
          this.expectPunct(']', 'after [*');
          return true;
        });
        if (splat) {
          e = this.parseSplat(e, true, t.pos);
        } else {
          const key = this.withNewlines(false, () => {
            const k = this.parseExpression();
            this.expectPunct(']', 'to close the index');
            return k;
          });
          e = { type: 'index', object: e, key, pos: e.pos };
        }
      } else return e;
    }
  }

  /** `.*` carries only attribute steps into each element; `[*]` carries indexes too. */
  private parseSplat(source: Expression, full: boolean, pos: Pos): Expression {
    let each: Expression = { type: 'splat-item', pos };
    for (;;) {
      const t = this.peek();
      if (this.is(t, 'punct', '.') && this.is(this.tokens[this.p + 1]!, 'ident')) {
        this.next();
        each = { type: 'getattr', object: each, name: this.next().value, pos };
      } else if (full && this.is(t, 'punct', '[') && !this.is(this.tokens[this.p + 1]!, 'punct', '*')) {
        this.next();
        const key = this.withNewlines(false, () => {
          const k = this.parseExpression();
          this.expectPunct(']', 'to close the index');
          return k;
        });
        each = { type: 'index', object: each, key, pos };
      } else break;
    }
    return { type: 'splat', source, each, pos: source.pos };
  }

  private parsePrimary(): Expression {
    const t = this.peek();
    switch (t.type) {
      case 'number':
        this.next();
        return { type: 'literal', value: Number(t.value), pos: t.pos };
      case 'ident':
        return this.parseIdentifier();
      case 'oquote':
        return this.parseQuoted();
      case 'oheredoc':
        return this.parseHeredoc();
      case 'punct':
        if (t.value === '(') {
          this.next();
          return this.withNewlines(false, () => {
            const expr = this.parseExpression();
            this.expectPunct(')', 'to close the parenthesis');
            return { type: 'paren', expr, pos: t.pos } as Expression;
          });
        }
        if (t.value === '[') return this.parseTuple();
        if (t.value === '{') return this.parseObject();
        break;
      default:
        break;
    }
    this.fail(`expected an expression, found ${describe(t)}`, t.pos);
  }

  private parseIdentifier(): Expression {
    const t = this.next();
    if (t.value === 'true' || t.value === 'false') return { type: 'literal', value: t.value === 'true', pos: t.pos };
    if (t.value === 'null') return { type: 'literal', value: null, pos: t.pos };
    if (this.is(this.tokens[this.p]!, 'punct', '(')) return this.parseCall(t);
    // Provider-defined functions: `provider::aws::arn_parse(…)`.
    if (t.value === 'provider' && this.is(this.tokens[this.p]!, 'punct', ':') && this.is(this.tokens[this.p + 1]!, 'punct', ':')) {
      let name = t.value;
      while (this.is(this.tokens[this.p]!, 'punct', ':') && this.is(this.tokens[this.p + 1]!, 'punct', ':') && this.is(this.tokens[this.p + 2]!, 'ident')) {
        name += `::${this.tokens[this.p + 2]!.value}`;
        this.p += 3;
      }
      const open = this.tokens[this.p]!;
      if (!this.is(open, 'punct', '(')) this.fail(`expected '(' after the provider function ${name}, found ${describe(open)}`, open.pos);
      return this.parseCall({ ...t, value: name });
    }
    return { type: 'variable', name: t.value, pos: t.pos };
  }

  private parseCall(name: Token): Expression {
    this.next();
    return this.withNewlines(false, () => {
      const args: Expression[] = [];
      let expandFinal = false;
      while (!this.isPunct(')')) {
        args.push(this.parseExpression());
        if (this.isPunct('...')) {
          this.next();
          expandFinal = true;
          break;
        }
        if (!this.isPunct(',')) break;
        this.next();
      }
      this.expectPunct(')', `to close the call to ${name.value}()`);
      return { type: 'call', name: name.value, args, expandFinal, pos: name.pos } as Expression;
    });
  }

  private parseTuple(): Expression {
    const open = this.next();
    return this.withNewlines(false, () => {
      if (this.is(this.peek(), 'ident', 'for')) {
        const f = this.parseFor(open.pos, false);
        this.expectPunct(']', 'to close the for expression');
        return f;
      }
      const items: Expression[] = [];
      while (!this.isPunct(']')) {
        items.push(this.parseExpression());
        if (!this.isPunct(',')) break;
        this.next();
      }
      this.expectPunct(']', `to close the list opened at ${open.pos.line}:${open.pos.column}`);
      return { type: 'tuple', items, pos: open.pos } as Expression;
    });
  }

  private parseObject(): Expression {
    const open = this.next();
    let k = this.p;
    while (this.tokens[k]!.type === 'newline') k++;
    if (this.is(this.tokens[k]!, 'ident', 'for')) {
      return this.withNewlines(false, () => {
        const f = this.parseFor(open.pos, true);
        this.expectPunct('}', 'to close the for expression');
        return f;
      });
    }
    return this.withNewlines(true, () => {
      const items: { key: Expression; value: Expression }[] = [];
      for (;;) {
        while (this.is(this.peek(), 'newline')) this.next();
        if (this.isPunct('}')) break;
        const first = this.peek();
        if (first.type === 'eof') this.fail(`missing '}' to close the object opened at ${open.pos.line}:${open.pos.column}`, first.pos);
        const key = this.parseObjectKey();
        const sep = this.next();
        if (!this.is(sep, 'punct', '=') && !this.is(sep, 'punct', ':')) this.fail(`expected '=' or ':' after the object key, found ${describe(sep)}`, sep.pos);
        const value = this.parseExpression();
        items.push({ key, value });
        const t = this.peek();
        if (this.is(t, 'punct', ',') || t.type === 'newline') this.next();
        else if (!this.is(t, 'punct', '}')) this.fail(`expected ',', a newline or '}' after the object item, found ${describe(t)}`, t.pos);
      }
      this.expectPunct('}', `to close the object opened at ${open.pos.line}:${open.pos.column}`);
      return { type: 'object', items, pos: open.pos } as Expression;
    });
  }

  /** A bare identifier key is the literal name; anything else is an expression. */
  private parseObjectKey(): Expression {
    const t = this.peek();
    const after = this.tokens[this.p + 1]!;
    if (t.type === 'ident' && (this.is(after, 'punct', '=') || this.is(after, 'punct', ':'))) {
      this.next();
      return { type: 'literal', value: t.value, pos: t.pos };
    }
    return this.parseExpression();
  }

  private parseFor(pos: Pos, object: boolean): ForExpr {
    this.next(); // `for`
    const first = this.expect('ident', 'a variable name after "for"');
    let keyVar: string | undefined;
    let valueVar = first.value;
    if (this.isPunct(',')) {
      this.next();
      keyVar = first.value;
      valueVar = this.expect('ident', 'a second variable name').value;
    }
    const kw = this.next();
    if (!this.is(kw, 'ident', 'in')) this.fail(`expected "in" in the for expression, found ${describe(kw)}`, kw.pos);
    const collection = this.parseExpression();
    this.expectPunct(':', 'after the for expression collection');
    let keyExpr: Expression | undefined;
    if (object) {
      keyExpr = this.parseExpression();
      this.expectPunct('=>', 'between the key and value of the for expression');
    }
    const valueExpr = this.parseExpression();
    let grouping = false;
    if (object && this.isPunct('...')) {
      this.next();
      grouping = true;
    }
    let cond: Expression | undefined;
    if (this.is(this.peek(), 'ident', 'if')) {
      this.next();
      cond = this.parseExpression();
    }
    return { type: 'for', keyVar, valueVar, collection, keyExpr, valueExpr, cond, grouping, pos };
  }

  // --- templates ----------------------------------------------------------------------------

  private parseQuoted(): TemplateExpr {
    const open = this.next();
    const parts = this.withNewlines(true, () => this.parseTemplateParts('cquote', []).parts);
    this.expect('cquote', 'the closing quote');
    return { type: 'template', parts, pos: open.pos };
  }

  private parseHeredoc(): TemplateExpr {
    const open = this.next();
    let parts = this.withNewlines(true, () => this.parseTemplateParts('cheredoc', []).parts);
    this.expect('cheredoc', `the closing ${open.value}`);
    if (open.flush) parts = unindent(parts);
    return { type: 'template', parts, pos: open.pos };
  }

  /** Template parts until the closing token, or until one of the `%{…}` keywords in `stopAt`. */
  private parseTemplateParts(end: TokenType, stopAt: string[]): { parts: TemplatePart[]; stoppedBy?: string } {
    const parts: TemplatePart[] = [];
    let stripNext = false;
    const stripLast = (): void => {
      const last = parts[parts.length - 1];
      if (last?.kind === 'text') last.value = last.value.replace(/\s+$/, '');
    };
    for (;;) {
      const t = this.tokens[this.p]!;
      if (t.type === end || t.type === 'eof') {
        if (stopAt.length > 0) this.fail(`missing %{${stopAt[stopAt.length - 1]}}`, t.pos);
        return { parts };
      }
      this.p++;
      if (t.type === 'text') {
        parts.push({ kind: 'text', value: stripNext ? t.value.replace(/^\s+/, '') : t.value });
        stripNext = false;
      } else if (t.type === 'interp') {
        if (t.strip) stripLast();
        const expr = this.withNewlines(false, () => this.parseExpression());
        stripNext = this.closeTemplateSequence();
        parts.push({ kind: 'interp', expr });
      } else if (t.type === 'control') {
        if (t.strip) stripLast();
        const kw = this.withNewlines(false, () => this.expect('ident', 'a template directive (if, for, else, endif, endfor)'));
        if (stopAt.includes(kw.value)) {
          this.closeTemplateSequence();
          return { parts, stoppedBy: kw.value };
        }
        this.enter(t.pos);
        if (kw.value === 'if') parts.push(this.parseIfDirective(end));
        else if (kw.value === 'for') parts.push(this.parseForDirective(end));
        else this.fail(`unexpected %{${kw.value}}`, kw.pos);
        this.leave();
      } else {
        this.fail(`unexpected ${describe(t)} in template`, t.pos);
      }
    }
  }

  /** Expects the `}` closing `${…}` or `%{…}`; returns whether it was `~}`. */
  private closeTemplateSequence(): boolean {
    const close = this.withNewlines(false, () => this.next());
    if (close.type !== 'tend') this.fail(`expected '}' to close the template sequence, found ${describe(close)}`, close.pos);
    return close.strip === true;
  }

  private parseIfDirective(end: TokenType): TemplatePart {
    const cond = this.withNewlines(false, () => this.parseExpression());
    this.closeTemplateSequence();
    const first = this.parseTemplateParts(end, ['else', 'endif']);
    let otherwise: TemplatePart[] = [];
    if (first.stoppedBy === 'else') otherwise = this.parseTemplateParts(end, ['endif']).parts;
    return { kind: 'if', cond, then: first.parts, else: otherwise };
  }

  private parseForDirective(end: TokenType): TemplatePart {
    const header = this.withNewlines(false, () => {
      const first = this.expect('ident', 'a variable name after "for"');
      let keyVar: string | undefined;
      let valueVar = first.value;
      if (this.isPunct(',')) {
        this.next();
        keyVar = first.value;
        valueVar = this.expect('ident', 'a second variable name').value;
      }
      const kw = this.next();
      if (!this.is(kw, 'ident', 'in')) this.fail(`expected "in" in the for directive, found ${describe(kw)}`, kw.pos);
      return { keyVar, valueVar, collection: this.parseExpression() };
    });
    this.closeTemplateSequence();
    const body = this.parseTemplateParts(end, ['endfor']).parts;
    return { kind: 'for', ...header, body };
  }
}

/** The text of a template made only of literal text. */
export function literalText(t: TemplateExpr): string | undefined {
  let s = '';
  for (const p of t.parts) {
    if (p.kind !== 'text') return undefined;
    s += p.value;
  }
  return s;
}

/** `<<-` heredocs: remove the indentation common to every line (interpolations count as 0). */
function unindent(parts: TemplatePart[]): TemplatePart[] {
  let min = Infinity;
  let atLineStart = true;
  for (const p of parts) {
    if (p.kind !== 'text') {
      if (atLineStart) min = 0;
      atLineStart = false;
      continue;
    }
    const lines = p.value.split('\n');
    lines.forEach((line, i) => {
      if ((i > 0 || atLineStart) && line.trim() !== '') min = Math.min(min, line.length - line.trimStart().length);
    });
    atLineStart = p.value.endsWith('\n');
  }
  if (min === Infinity || min === 0) return parts;
  atLineStart = true;
  return parts.map((p) => {
    if (p.kind !== 'text') {
      atLineStart = false;
      return p;
    }
    const value = p.value
      .split('\n')
      .map((line, i) => (i > 0 || atLineStart ? line.slice(Math.min(min, line.length - line.trimStart().length)) : line))
      .join('\n');
    atLineStart = p.value.endsWith('\n');
    return { kind: 'text', value };
  });
}
