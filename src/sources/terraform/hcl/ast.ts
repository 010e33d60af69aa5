// The syntax tree of HCL2 native syntax, as far as Terraform configurations need it.
// Every node carries the position where it starts (1-based line and column).

export interface Pos {
  line: number;
  column: number;
  offset: number;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | ForExpr
  | ParenExpr;

export interface LiteralExpr {
  type: 'literal';
  value: string | number | boolean | null;
  pos: Pos;
}

/** A quoted string or heredoc: literal text, interpolations and directives. */
export interface TemplateExpr {
  type: 'template';
  parts: TemplatePart[];
  pos: Pos;
}

export type TemplatePart =
  | { kind: 'text'; value: string }
  | { kind: 'interp'; expr: Expression }
  | { kind: 'if'; cond: Expression; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expression; body: TemplatePart[] };

export interface TupleExpr {
  type: 'tuple';
  items: Expression[];
  pos: Pos;
}

export interface ObjectItem {
  /** A bare identifier key is a literal name, not a variable (`{ name = 1 }`). */
  key: Expression;
  value: Expression;
}

export interface ObjectExpr {
  type: 'object';
  items: ObjectItem[];
  pos: Pos;
}

/** The root of a traversal: `var`, `aws_s3_bucket`, `count`, a for-expression symbol. */
export interface VariableExpr {
  type: 'variable';
  name: string;
  pos: Pos;
}

export interface GetAttrExpr {
  type: 'getattr';
  object: Expression;
  name: string;
  pos: Pos;
}

export interface IndexExpr {
  type: 'index';
  object: Expression;
  key: Expression;
  pos: Pos;
}

/** `source[*].rest` or `source.*.rest`: `each` is applied to every element via SplatItemExpr. */
export interface SplatExpr {
  type: 'splat';
  source: Expression;
  each: Expression;
  pos: Pos;
}

/** The element placeholder inside a SplatExpr's `each`. */
export interface SplatItemExpr {
  type: 'splat-item';
  pos: Pos;
}

export interface CallExpr {
  type: 'call';
  name: string;
  args: Expression[];
  /** `f(a, list...)`: the last argument is expanded into separate arguments. */
  expandFinal: boolean;
  pos: Pos;
}

export interface UnaryExpr {
  type: 'unary';
  op: '!' | '-';
  operand: Expression;
  pos: Pos;
}

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  type: 'binary';
  op: BinaryOp;
  left: Expression;
  right: Expression;
  pos: Pos;
}

export interface ConditionalExpr {
  type: 'conditional';
  cond: Expression;
  then: Expression;
  else: Expression;
  pos: Pos;
}

export interface ForExpr {
  type: 'for';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Present for object results (`{for k, v in m : k => v}`). */
  keyExpr?: Expression;
  valueExpr: Expression;
  cond?: Expression;
  /** `=> v...`: values with the same key are grouped into lists. */
  grouping: boolean;
  pos: Pos;
}

export interface ParenExpr {
  type: 'paren';
  expr: Expression;
  pos: Pos;
}

export interface Attribute {
  kind: 'attribute';
  name: string;
  expr: Expression;
  pos: Pos;
}

export interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  body: Body;
  pos: Pos;
  /** Position of the closing brace, so comments inside the block can be found. */
  end: Pos;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface Comment {
  text: string;
  pos: Pos;
  /** Line the comment ends on (block comments may span lines). */
  endLine: number;
  /** True when nothing but whitespace precedes it on its line. */
  ownLine: boolean;
}

/** A parsed file: its top-level body and every comment in it. */
export interface HclFile {
  path: string;
  body: Body;
  comments: Comment[];
}
