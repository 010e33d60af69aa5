/**
 * A policy that IAM would reject or that we cannot read: malformed JSON, a missing `Effect`, an
 * unknown condition operator. Names the place in JSON-path form (`Statement[2].Condition.StringEquals`)
 * and, when the policy came from text, its line and column.
 */
export class PolicyError extends Error {
  constructor(
    message: string,
    /** JSON path of the offending element; '' for the document itself. */
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
    /** The file or input the policy came from, when known. */
    readonly source?: string,
  ) {
    super(message);
    this.name = 'PolicyError';
  }

  /** The same error placed inside an enclosing document (`identityPolicies[0]` + `Statement[1]`). */
  within(prefix: string, position?: { line: number; column: number }, source?: string): PolicyError {
    const path = prefix && this.path ? `${prefix}${this.path.startsWith('[') ? '' : '.'}${this.path}` : prefix || this.path;
    return new PolicyError(this.message, path, position?.line ?? this.line, position?.column ?? this.column, source ?? this.source);
  }

  /** `source:line:column: path: message`, leaving out what is unknown. */
  override toString(): string {
    const pos = this.line !== undefined ? `:${this.line}:${this.column ?? 1}` : '';
    const where = this.source ? `${this.source}${pos}: ` : pos ? `${pos.slice(1)}: ` : '';
    return `${where}${this.path ? `${this.path}: ` : ''}${this.message}`;
  }
}

/** Appends a key or index to a JSON path: `Statement` + 2 → `Statement[2]`. */
export function childPath(path: string, step: string | number): string {
  if (typeof step === 'number') return `${path}[${step}]`;
  // Condition keys (`aws:SourceVpce`, `aws:PrincipalTag/team`) stay readable; anything that
  // could be confused with the path syntax is quoted.
  if (/^[\w$:/@+=,-]+$/.test(step)) return path ? `${path}.${step}` : step;
  return `${path}[${JSON.stringify(step)}]`;
}

/** The steps of a path made by `childPath`: `a.b[2]["x.y"]` → ['a', 'b', 2, 'x.y']. */
export function pathSteps(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) steps.push(Number(m[1]));
    else if (m[2] !== undefined) steps.push(JSON.parse(m[2]) as string);
    else steps.push(m[3]!);
  }
  return steps;
}
