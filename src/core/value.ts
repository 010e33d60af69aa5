// A property value after intrinsic functions and variables are resolved: concrete JSON-like
// data, a symbolic reference to another resource, a string built from such references, or
// Unknown. Rules never guess: Unknown yields an "unknown" result, reported as a coverage gap.

/** A value the loader could not determine (an unresolved parameter, a runtime attribute, …). */
export class Unknown {
  readonly kind = 'unknown' as const;
  constructor(
    /** Why it is unknown, for the coverage report: "parameter VpcId has no default". */
    readonly reason: string,
    /** Keys of the resources it was derived from, if any. */
    readonly refs: readonly string[] = [],
    /**
     * For a string assembled from known and unknown pieces (`!Sub arn:${AWS::Partition}:iam::aws:policy/X`):
     * the pieces, `null` where unknown. Lets a rule recognise what is certain (the policy name)
     * without guessing what is not (the partition).
     */
    readonly partial?: readonly (string | null)[],
  ) {}
  toString(): string {
    return `<unknown: ${this.reason}>`;
  }
  /** The partial text with `*` for each unknown piece, when pieces are known. */
  get shape(): string | undefined {
    return this.partial?.map((p) => p ?? '*').join('');
  }
}

/**
 * A reference to another resource of the same inventory: CloudFormation `Ref`/`Fn::GetAtt`,
 * a Terraform `aws_x.name.attr`. It is known to be *set* and to point at that resource, even
 * though its runtime text (a generated name or ARN) may not be known.
 */
export class Ref {
  readonly kind = 'ref' as const;
  constructor(
    /** The inventory key of the referenced resource. */
    readonly target: string,
    /** `undefined` for a plain Ref; the CloudFormation attribute name (`Arn`) otherwise. */
    readonly attribute?: string,
    /** The concrete text, when the loader could derive it (a bucket with a fixed name). */
    readonly text?: string,
  ) {}
  toString(): string {
    return this.text ?? `\${${this.target}${this.attribute ? '.' + this.attribute : ''}}`;
  }
}

/** A string assembled from literal text and references (`!Sub arn:aws:s3:::${Bucket}/*`). */
export class Expr {
  readonly kind = 'expr' as const;
  constructor(readonly parts: readonly (string | Ref)[]) {}
  get refs(): Ref[] {
    return this.parts.filter((p): p is Ref => p instanceof Ref);
  }
  toString(): string {
    return this.parts.map(String).join('');
  }
}

export type Scalar = string | number | boolean | null;
export type Value = Scalar | Unknown | Ref | Expr | Value[] | { [key: string]: Value };
export type ValueObject = { [key: string]: Value };

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;
export const isRef = (v: unknown): v is Ref => v instanceof Ref;
export const isExpr = (v: unknown): v is Expr => v instanceof Expr;
/** A plain object holding further properties (not a symbolic value, not an array). */
export const isObject = (v: unknown): v is ValueObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Ref) && !(v instanceof Expr);

/** The concrete string, when there is one (a Ref with known text counts). */
export function asString(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Ref) return v.text;
  if (v instanceof Expr && v.parts.every((p) => typeof p === 'string' || p.text !== undefined)) return v.toString();
  return undefined;
}

/** CloudFormation accepts "true"/"false" strings for booleans; so do we. */
export function asBoolean(v: Value | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

export function asNumber(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Every resource key referenced anywhere inside a value. */
export function referencedKeys(v: Value | undefined, out: Set<string> = new Set()): Set<string> {
  if (v instanceof Ref) out.add(v.target);
  else if (v instanceof Expr) for (const r of v.refs) out.add(r.target);
  else if (v instanceof Unknown) for (const r of v.refs) out.add(r);
  else if (Array.isArray(v)) for (const x of v) referencedKeys(x, out);
  else if (isObject(v)) for (const x of Object.values(v)) referencedKeys(x, out);
  return out;
}

/** True if the value, or anything nested in it, is Unknown. */
export function containsUnknown(v: Value | undefined): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Reads a property path such as `DataCaptureConfig.CaptureOptions[0].CaptureMode`.
 * Returns `undefined` when a step is absent, or the Unknown met on the way.
 */
export function getPath(root: Value | undefined, path: string): Value | undefined {
  let cur: Value | undefined = root;
  for (const step of parsePath(path)) {
    if (cur === undefined || cur === null) return undefined;
    if (cur instanceof Unknown) return cur;
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step];
    } else {
      if (!isObject(cur)) return undefined;
      cur = Object.prototype.hasOwnProperty.call(cur, step) ? cur[step] : undefined;
    }
  }
  return cur;
}

export function parsePath(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(m[1]!);
  }
  return steps;
}

export function joinPath(base: string, step: string | number): string {
  if (typeof step === 'number') return `${base}[${step}]`;
  return base ? `${base}.${step}` : step;
}

/** Plain JSON for reports: symbolic values become their display text. */
export function toJSONValue(v: Value | undefined): unknown {
  if (v instanceof Unknown || v instanceof Ref || v instanceof Expr) return v.toString();
  if (Array.isArray(v)) return v.map(toJSONValue);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJSONValue(x)]));
  return v;
}
