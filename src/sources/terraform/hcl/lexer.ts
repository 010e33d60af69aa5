import { InputError } from '../../../core/errors.js';
import type { Comment, Pos } from './ast.js';

// Tokens of HCL2 native syntax. Strings and heredocs are templates, so the lexer keeps a stack
// of modes: ordinary expressions, quoted template text, heredoc text. `${` and `%{` inside a
// template push an expression mode whose matching `}` returns to the template.

export type TokenType =
  | 'ident'
  | 'number'
  | 'punct'
  | 'oquote'
  | 'cquote'
  | 'oheredoc'
  | 'cheredoc'
  | 'text'
  | 'interp'
  | 'control'
  | 'tend'
  | 'newline'
  | 'eof';

export interface Token {
  type: TokenType;
  /** Identifier name, number text, punctuation, unescaped template text, heredoc marker. */
  value: string;
  pos: Pos;
  /** `${~`, `%{~` or `~}`: strip whitespace on that side. */
  strip?: boolean;
  /** For `oheredoc`: `<<-` (indented) rather than `<<`. */
  flush?: boolean;
}

type Mode =
  | { kind: 'normal'; braces: number; template: boolean }
  | { kind: 'quoted'; open: Pos }
  | { kind: 'heredoc'; marker: string; open: Pos };

const PUNCTUATION = ['...', '=>', '==', '!=', '<=', '>=', '&&', '||', '{', '}', '[', ']', '(', ')', '=', ',', '.', ':', '?', '!', '<', '>', '+', '-', '*', '/', '%'];
const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEREDOC_OPEN = /<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)[ \t]*\r?\n/uy;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
}

export function lex(src: string, file: string): LexResult {
  return new Lexer(src, file).run();
}

class Lexer {
  private i = 0;
  private line = 1;
  private col = 1;
  private lineHasToken = false;
  private readonly tokens: Token[] = [];
  private readonly comments: Comment[] = [];
  private readonly modes: Mode[] = [{ kind: 'normal', braces: 0, template: false }];

  constructor(
    private readonly src: string,
    private readonly file: string,
  ) {}

  run(): LexResult {
    while (this.i < this.src.length) {
      const mode = this.modes[this.modes.length - 1]!;
      if (mode.kind === 'normal') this.normal(mode);
      else if (mode.kind === 'quoted') this.quoted(mode);
      else this.heredoc(mode);
    }
    const mode = this.modes[this.modes.length - 1]!;
    if (mode.kind === 'quoted') this.fail('unterminated string: no closing quote', mode.open);
    if (mode.kind === 'heredoc') this.fail(`unterminated heredoc: no line with only ${mode.marker} closes it`, mode.open);
    if (mode.kind === 'normal' && mode.template) this.fail('unterminated template interpolation: missing }');
    this.tokens.push({ type: 'eof', value: '', pos: this.pos() });
    return { tokens: this.tokens, comments: this.comments };
  }

  private pos(): Pos {
    return { line: this.line, column: this.col, offset: this.i };
  }

  private fail(message: string, at: Pos = this.pos()): never {
    throw new InputError(message, this.file, at.line, at.column);
  }

  /** Moves past `n` characters, keeping line and column right. */
  private advance(n: number): void {
    const end = this.i + n;
    for (; this.i < end; this.i++) {
      if (this.src.charCodeAt(this.i) === 10) {
        this.line++;
        this.col = 1;
        this.lineHasToken = false;
      } else this.col++;
    }
  }

  private emit(type: TokenType, value: string, pos: Pos, extra?: Partial<Token>): void {
    this.tokens.push({ type, value, pos, ...extra });
    this.lineHasToken = true;
  }

  private normal(mode: Extract<Mode, { kind: 'normal' }>): void {
    const src = this.src;
    const c = src[this.i]!;
    if (c === ' ' || c === '\t' || c === '\r') return this.advance(1);
    if (c === '\n') {
      this.emit('newline', '\n', this.pos());
      return this.advance(1);
    }
    if (c === '#' || (c === '/' && src[this.i + 1] === '/')) return this.lineComment();
    if (c === '/' && src[this.i + 1] === '*') return this.blockComment();
    const start = this.pos();
    if (c === '"') {
      this.emit('oquote', '"', start);
      this.advance(1);
      this.modes.push({ kind: 'quoted', open: start });
      return;
    }
    if (c === '<' && src[this.i + 1] === '<') {
      HEREDOC_OPEN.lastIndex = this.i;
      const m = HEREDOC_OPEN.exec(src);
      if (!m) this.fail('expected a heredoc marker and a newline after <<');
      this.emit('oheredoc', m[2]!, start, { flush: m[1] === '-' });
      this.advance(m[0].length);
      this.modes.push({ kind: 'heredoc', marker: m[2]!, open: start });
      return;
    }
    if (mode.template && mode.braces === 0) {
      if (c === '}') {
        this.emit('tend', '}', start);
        this.advance(1);
        this.modes.pop();
        return;
      }
      if (c === '~' && src[this.i + 1] === '}') {
        this.emit('tend', '}', start, { strip: true });
        this.advance(2);
        this.modes.pop();
        return;
      }
    }
    IDENT.lastIndex = this.i;
    const id = IDENT.exec(src);
    if (id) {
      this.emit('ident', id[0], start);
      return this.advance(id[0].length);
    }
    NUMBER.lastIndex = this.i;
    const num = NUMBER.exec(src);
    if (num) {
      this.emit('number', num[0], start);
      return this.advance(num[0].length);
    }
    for (const p of PUNCTUATION) {
      if (src.startsWith(p, this.i)) {
        if (p === '{') mode.braces++;
        else if (p === '}') mode.braces--;
        this.emit('punct', p, start);
        return this.advance(p.length);
      }
    }
    const shown = c.charCodeAt(0) < 32 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
    this.fail(`unexpected character '${shown}'`);
  }

  private lineComment(): void {
    const start = this.pos();
    const ownLine = !this.lineHasToken;
    let end = this.src.indexOf('\n', this.i);
    if (end < 0) end = this.src.length;
    this.comments.push({ text: this.src.slice(this.i, end).replace(/\r$/, ''), pos: start, endLine: start.line, ownLine });
    this.advance(end - this.i);
  }

  private blockComment(): void {
    const start = this.pos();
    const ownLine = !this.lineHasToken;
    const end = this.src.indexOf('*/', this.i + 2);
    if (end < 0) this.fail('unterminated /* comment', start);
    const text = this.src.slice(this.i, end + 2);
    this.advance(end + 2 - this.i);
    this.comments.push({ text, pos: start, endLine: this.line, ownLine });
    // A block comment does not start a line of code; keep `ownLine` detection for what follows.
    if (ownLine) this.lineHasToken = false;
  }

  /** Template text up to `"`, `${` or `%{`, with escapes resolved. */
  private quoted(mode: Extract<Mode, { kind: 'quoted' }>): void {
    const src = this.src;
    const start = this.pos();
    let text = '';
    const flush = (): void => {
      if (text !== '') this.emit('text', text, start);
    };
    while (this.i < src.length) {
      const c = src[this.i]!;
      if (c === '"') {
        flush();
        this.emit('cquote', '"', this.pos());
        this.advance(1);
        this.modes.pop();
        return;
      }
      if (c === '\n') this.fail('unterminated string: no closing quote on its line', mode.open);
      if (c === '\\') {
        const n = src[this.i + 1];
        if (n !== undefined && ESCAPES[n] !== undefined) {
          text += ESCAPES[n];
          this.advance(2);
          continue;
        }
        if (n === 'u' || n === 'U') {
          const len = n === 'u' ? 4 : 8;
          const hex = src.slice(this.i + 2, this.i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail(`invalid \\${n} escape`);
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) this.fail(`invalid \\${n} escape`);
          text += String.fromCodePoint(cp);
          this.advance(2 + len);
          continue;
        }
        this.fail(`invalid escape sequence \\${n ?? ''}`);
      }
      if (this.templateEscape(c)) {
        text += c + '{';
        this.advance(3);
        continue;
      }
      if (this.templateOpen(c, flush)) return;
      text += c;
      this.advance(1);
    }
  }

  /** Heredoc text, line by line, until a line holding only the marker. */
  private heredoc(mode: Extract<Mode, { kind: 'heredoc' }>): void {
    const src = this.src;
    const start = this.pos();
    let text = '';
    const flush = (): void => {
      if (text !== '') this.emit('text', text, start);
    };
    while (this.i < src.length) {
      if (this.i === 0 || src[this.i - 1] === '\n') {
        let j = this.i;
        while (src[j] === ' ' || src[j] === '\t') j++;
        if (src.startsWith(mode.marker, j)) {
          const after = src[j + mode.marker.length];
          if (after === undefined || after === '\n' || after === '\r') {
            flush();
            this.advance(j - this.i);
            this.emit('cheredoc', mode.marker, this.pos());
            this.advance(mode.marker.length);
            this.modes.pop();
            return;
          }
        }
      }
      const c = src[this.i]!;
      if (this.templateEscape(c)) {
        text += c + '{';
        this.advance(3);
        continue;
      }
      if (this.templateOpen(c, flush)) return;
      text += c;
      this.advance(1);
    }
  }

  /** `$${` and `%%{` stand for literal `${` and `%{`. */
  private templateEscape(c: string): boolean {
    return (c === '$' || c === '%') && this.src[this.i + 1] === c && this.src[this.i + 2] === '{';
  }

  /** `${` or `%{` (optionally `~`): emits the pending text and enters expression mode. */
  private templateOpen(c: string, flush: () => void): boolean {
    if ((c !== '$' && c !== '%') || this.src[this.i + 1] !== '{') return false;
    flush();
    const strip = this.src[this.i + 2] === '~';
    this.emit(c === '$' ? 'interp' : 'control', c + '{', this.pos(), { strip });
    this.advance(strip ? 3 : 2);
    this.modes.push({ kind: 'normal', braces: 0, template: true });
    return true;
  }
}
