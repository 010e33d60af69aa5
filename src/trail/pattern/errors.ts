/**
 * An invalid filter pattern, as CloudWatch Logs would reject it (InvalidParameterException), with
 * the position of the offending text. Patterns can span lines (a Terraform heredoc), so the
 * position is given as an offset and as line:column.
 */
export class FilterPatternError extends Error {
  /** 1-based line of the offending text. */
  readonly line: number;
  /** 1-based column of the offending text. */
  readonly column: number;

  constructor(
    message: string,
    /** 0-based character offset in the pattern text. */
    readonly offset: number,
    text = '',
  ) {
    super(message);
    this.name = 'FilterPatternError';
    const before = text.slice(0, offset);
    const nl = before.lastIndexOf('\n');
    this.line = before.split('\n').length;
    this.column = offset - nl;
  }

  /** `1:12: message` */
  override toString(): string {
    return `${this.line}:${this.column}: ${this.message}`;
  }
}
