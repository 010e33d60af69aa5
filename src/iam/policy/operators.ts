/**
 * The condition operators of the IAM policy language (IAM User Guide, "IAM JSON policy elements:
 * Condition operators"), as one table: each base operator's family, whether it is the negated
 * form, whether policy variables are substituted in its values ("You can use a policy variable
 * with the String, ARN and Boolean operators"), and its complement for rendering negations.
 */

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';

/** How one request value is compared with one policy value within a family. */
export type Comparison =
  | 'equals'
  | 'equalsIgnoreCase'
  | 'like'
  | 'lessThan'
  | 'lessThanEquals'
  | 'greaterThan'
  | 'greaterThanEquals'
  | 'inRange'
  | 'null';

export interface OperatorSpec {
  name: string;
  family: OperatorFamily;
  comparison: Comparison;
  /** Negated operators are true when no policy value matches, and when the key is absent. */
  negated: boolean;
  variables: boolean;
  /** The operator that is true exactly when this one is false (for single-valued keys). */
  complement?: string;
}

const spec = (name: string, family: OperatorFamily, comparison: Comparison, negated: boolean, complement?: string): OperatorSpec => ({
  name,
  family,
  comparison,
  negated,
  variables: family === 'String' || family === 'Arn' || family === 'Bool',
  complement,
});

export const OPERATORS: readonly OperatorSpec[] = [
  spec('StringEquals', 'String', 'equals', false, 'StringNotEquals'),
  spec('StringNotEquals', 'String', 'equals', true, 'StringEquals'),
  spec('StringEqualsIgnoreCase', 'String', 'equalsIgnoreCase', false, 'StringNotEqualsIgnoreCase'),
  spec('StringNotEqualsIgnoreCase', 'String', 'equalsIgnoreCase', true, 'StringEqualsIgnoreCase'),
  spec('StringLike', 'String', 'like', false, 'StringNotLike'),
  spec('StringNotLike', 'String', 'like', true, 'StringLike'),
  spec('NumericEquals', 'Numeric', 'equals', false, 'NumericNotEquals'),
  spec('NumericNotEquals', 'Numeric', 'equals', true, 'NumericEquals'),
  spec('NumericLessThan', 'Numeric', 'lessThan', false),
  spec('NumericLessThanEquals', 'Numeric', 'lessThanEquals', false),
  spec('NumericGreaterThan', 'Numeric', 'greaterThan', false),
  spec('NumericGreaterThanEquals', 'Numeric', 'greaterThanEquals', false),
  spec('DateEquals', 'Date', 'equals', false, 'DateNotEquals'),
  spec('DateNotEquals', 'Date', 'equals', true, 'DateEquals'),
  spec('DateLessThan', 'Date', 'lessThan', false),
  spec('DateLessThanEquals', 'Date', 'lessThanEquals', false),
  spec('DateGreaterThan', 'Date', 'greaterThan', false),
  spec('DateGreaterThanEquals', 'Date', 'greaterThanEquals', false),
  spec('Bool', 'Bool', 'equals', false),
  spec('BinaryEquals', 'Binary', 'equals', false),
  spec('IpAddress', 'Ip', 'inRange', false, 'NotIpAddress'),
  spec('NotIpAddress', 'Ip', 'inRange', true, 'IpAddress'),
  // "ArnEquals and ArnLike behave identically", as do their negations.
  spec('ArnEquals', 'Arn', 'like', false, 'ArnNotEquals'),
  spec('ArnLike', 'Arn', 'like', false, 'ArnNotLike'),
  spec('ArnNotEquals', 'Arn', 'like', true, 'ArnEquals'),
  spec('ArnNotLike', 'Arn', 'like', true, 'ArnLike'),
  spec('Null', 'Null', 'null', false),
];

const byLowerName = new Map(OPERATORS.map((o) => [o.name.toLowerCase(), o]));

export interface ParsedOperator {
  spec: OperatorSpec;
  set?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
}

/**
 * Reads `ForAnyValue:StringLikeIfExists` into its parts; undefined when it is not an operator
 * IAM knows. Names are matched ignoring case, as IAM does; `Null` takes neither IfExists nor a
 * set qualifier.
 */
export function parseOperator(text: string): ParsedOperator | undefined {
  let rest = text;
  let set: ParsedOperator['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') set = 'ForAllValues';
    else if (q === 'foranyvalue') set = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  let found = byLowerName.get(rest.toLowerCase());
  if (!found && rest.toLowerCase().endsWith('ifexists')) {
    found = byLowerName.get(rest.slice(0, -'IfExists'.length).toLowerCase());
    ifExists = true;
  }
  if (!found) return undefined;
  if (found.family === 'Null' && (ifExists || set)) return undefined;
  return { spec: found, set, ifExists };
}

export function operatorSpec(name: string): OperatorSpec | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** The canonical spelling: `ForAnyValue:StringLikeIfExists`. */
export function operatorName(op: ParsedOperator): string {
  return `${op.set ? `${op.set}:` : ''}${op.spec.name}${op.ifExists ? 'IfExists' : ''}`;
}
