import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/core/errors.js';
import type { Attribute, Expression, TemplateExpr } from '../../../../src/sources/terraform/hcl/ast.js';
import { parseHcl, parseHclExpression } from '../../../../src/sources/terraform/hcl/parser.js';
import { FIXTURES } from '../helpers.js';

const constructs = parseHcl(readFileSync(`${FIXTURES}/hcl/constructs.tf`, 'utf8'), 'constructs.tf', 200);
const locals = constructs.body.blocks.find((b) => b.type === 'locals')!;
const local = (name: string): Expression => locals.body.attributes.find((a: Attribute) => a.name === name)!.expr;
const text = (e: Expression): string => (e as TemplateExpr).parts.map((p) => (p.kind === 'text' ? p.value : `<${p.kind}>`)).join('');

function parseError(src: string, maxDepth = 200): InputError {
  try {
    parseHcl(src, 'inline.tf', maxDepth);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('HCL parser: structure and positions', () => {
  it('reads blocks with labels, nested bodies and the position of each', () => {
    expect(constructs.body.blocks.map((b) => [b.type, b.labels])).toEqual([
      ['terraform', []],
      ['resource', ['aws_s3_bucket', 'data']],
      ['locals', []],
    ]);
    const bucket = constructs.body.blocks[1]!;
    expect(bucket.pos).toMatchObject({ line: 7, column: 1 });
    expect(bucket.end).toMatchObject({ line: 14, column: 1 });
    expect(bucket.body.attributes.map((a) => [a.name, a.pos.line, a.pos.column])).toEqual([
      ['bucket', 8, 3],
      ['tags', 9, 3],
    ]);
    expect(local('paren').pos).toMatchObject({ line: 38, column: 14 });
  });

  it('keeps every comment style with its position', () => {
    expect(constructs.comments.map((c) => [c.text.slice(0, 2), c.pos.line, c.pos.column, c.endLine, c.ownLine])).toEqual([
      ['# ', 1, 1, 1, true],
      ['//', 6, 1, 6, true],
      ['/*', 16, 1, 17, true],
    ]);
  });

  it('parses literals: numbers, null, negative numbers', () => {
    expect(local('nothing')).toMatchObject({ type: 'literal', value: null });
    const nums = local('numbers');
    expect(nums.type === 'tuple' && nums.items.map((i) => (i.type === 'literal' ? i.value : i.type))).toEqual([1, 2.5, 300, -4]);
  });

  it('parses objects with identifier, string and parenthesized keys', () => {
    const tags = constructs.body.blocks[1]!.body.attributes[1]!.expr;
    expect(tags.type).toBe('object');
    if (tags.type !== 'object') return;
    expect(tags.items.map((i) => i.key.type)).toEqual(['literal', 'template', 'paren']);
  });

  it('parses references of every root kind, attribute access, legacy indexes and splats', () => {
    const refs = local('refs');
    const roots = refs.type === 'tuple' ? refs.items.map((e) => {
      let cur = e;
      while (cur.type === 'getattr' || cur.type === 'index') cur = cur.object;
      return cur.type === 'variable' ? cur.name : cur.type;
    }) : [];
    expect(roots).toEqual(['var', 'local', 'aws_s3_bucket', 'data', 'module', 'each', 'each', 'count', 'self']);
    expect(local('access')).toMatchObject({ type: 'getattr', name: 'b', object: { type: 'index', object: { type: 'getattr', name: 'a' } } });
    expect(local('legacy')).toMatchObject({ type: 'index', key: { value: 0 } });
    expect(local('splat')).toMatchObject({ type: 'splat', each: { type: 'getattr', name: 'id', object: { type: 'splat-item' } } });
    expect(local('attrsplat')).toMatchObject({ type: 'splat', each: { type: 'getattr', name: 'id' } });
  });

  it('parses calls with an expanded final argument', () => {
    expect(local('call')).toMatchObject({ type: 'call', name: 'join', expandFinal: true, args: [{ type: 'template' }, { type: 'call', name: 'concat' }] });
  });

  it('applies operator precedence and left associativity', () => {
    // 1 + 2 * 3 - 4 / 2 % 3  ==  (1 + (2 * 3)) - ((4 / 2) % 3)
    expect(local('math')).toMatchObject({
      op: '-',
      left: { op: '+', left: { value: 1 }, right: { op: '*' } },
      right: { op: '%', left: { op: '/' }, right: { value: 3 } },
    });
    // !true || false && 1 < 2 == true  ==  (!true) || (false && ((1 < 2) == true))
    expect(local('logic')).toMatchObject({ op: '||', left: { type: 'unary', op: '!' }, right: { op: '&&', right: { op: '==', left: { op: '<' } } } });
    expect(local('paren')).toMatchObject({ op: '*', left: { type: 'paren' } });
  });

  it('parses conditionals and for expressions', () => {
    expect(local('cond')).toMatchObject({ type: 'conditional', cond: { op: '==' } });
    expect(local('list_for')).toMatchObject({ type: 'for', valueVar: 's', cond: { op: '!=' }, grouping: false });
    expect(local('list_for')).not.toHaveProperty('keyExpr.type');
    expect(local('map_for')).toMatchObject({ type: 'for', keyVar: 'k', valueVar: 'v', keyExpr: { type: 'variable', name: 'k' }, grouping: true });
  });

  it('resolves string escapes and template escapes', () => {
    expect(text(local('escapes'))).toBe('tab\t "quoted" é ${literal} %{literal}');
  });

  it('parses template interpolations, directives and strip markers', () => {
    expect(local('directive')).toMatchObject({ parts: [{ kind: 'if', then: [{ kind: 'text', value: 'on' }], else: [{ kind: 'text', value: 'off' }] }] });
    expect(local('loop')).toMatchObject({ parts: [{ kind: 'for', valueVar: 'n', body: [{ kind: 'interp' }, { kind: 'text', value: ',' }] }] });
    expect(text(local('strip'))).toBe('a<interp>c');
  });

  it('reads heredocs, removing common indentation for <<-', () => {
    expect(text(local('heredoc'))).toBe('line one\n  line two\n');
    expect(text(local('indented'))).toBe('first\n  second\n');
    expect(text(local('multi').type === 'tuple' ? (local('multi') as { items: Expression[] }).items[1]! : local('multi'))).toBe('two');
  });

  it('parses a standalone expression (a -var value)', () => {
    expect(parseHclExpression('["a", { b = 1 }]', '-var', 200)).toMatchObject({ type: 'tuple', items: [{ type: 'template' }, { type: 'object' }] });
    expect(() => parseHclExpression('[1] 2', '-var', 200)).toThrow(InputError);
  });
});

describe('HCL parser: errors name file, line and column', () => {
  const expected: Record<string, [number, number, string]> = {
    'bad-character.tf': [2, 9, "unexpected character '@'"],
    'bad-escape.tf': [2, 12, 'invalid escape sequence'],
    'duplicate-attribute.tf': [3, 3, 'already defined at 2:3'],
    'interpolated-label.tf': [1, 10, 'labels cannot contain interpolations'],
    'missing-brace.tf': [3, 1, "missing '}' to close the block opened at 1:18"],
    'missing-value.tf': [2, 6, 'expected an expression'],
    'object-separator.tf': [2, 15, "expected ',', a newline or '}'"],
    'stray-endif.tf': [2, 12, 'unexpected %{endif}'],
    'two-on-a-line.tf': [2, 9, 'expected a newline'],
    'unclosed-list.tf': [3, 3, "expected ']' to close the list opened at 2:7"],
    'unterminated-comment.tf': [4, 1, 'unterminated /* comment'],
    'unterminated-heredoc.tf': [2, 7, 'unterminated heredoc'],
  };
  const dir = `${FIXTURES}/hcl/errors`;
  it('has a case for every error fixture', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const [file, [line, column, message]] of Object.entries(expected)) {
    it(file, () => {
      const e = parseError(readFileSync(`${dir}/${file}`, 'utf8'));
      expect([e.line, e.column]).toEqual([line, column]);
      expect(e.message).toContain(message);
      expect(e.file).toBe('inline.tf');
    });
  }

  it('reports the first error of a malformed file at its position', () => {
    const e = parseError(readFileSync(`${FIXTURES}/hcl/malformed.tf`, 'utf8'));
    expect(e.toString()).toBe('inline.tf:6:12: unterminated string: no closing quote on its line');
  });
});

describe('HCL parser: nesting limits', () => {
  const deep = (open: string, close: string, n = 10_000): string => `a = ${open.repeat(n)}1${close.repeat(n)}\n`;
  for (const [name, src] of [
    ['brackets', deep('[', ']')],
    ['parentheses', deep('(', ')')],
    ['objects', `a = ${'{ b = '.repeat(10_000)}1${' }'.repeat(10_000)}\n`],
    ['unary operators', `a = ${'!'.repeat(10_000)}true\n`],
    ['blocks', `${'b {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}`],
    ['template interpolations', `a = ${'"${'.repeat(10_000)}1${'}"'.repeat(10_000)}\n`],
  ] as const) {
    it(`10,000 nested ${name} fail fast with a position`, () => {
      const e = parseError(src);
      expect(e.message).toBe('nesting deeper than 200 levels');
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
    });
  }

  it('turns a stack overflow into an InputError when maxDepth is set too high', () => {
    const e = parseError(deep('[', ']', 100_000), 1_000_000);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/too deep/);
  });
});
