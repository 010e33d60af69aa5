/** One piece of an `Fn::Sub` template: literal text, or a `${Name}` / `${Resource.Attribute}` variable. */
export type SubToken = { literal: string } | { variable: string };

/**
 * Splits an `Fn::Sub` template. `${!Literal}` stands for the text `${Literal}`; a `${` with no
 * closing brace is literal text, as CloudFormation treats it.
 */
export function parseSubTemplate(template: string): SubToken[] {
  const out: SubToken[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) break;
    const end = template.indexOf('}', start + 2);
    if (end < 0) break;
    literal += template.slice(i, start);
    const inner = template.slice(start + 2, end);
    if (inner.startsWith('!')) {
      literal += '${' + inner.slice(1) + '}';
    } else {
      if (literal) out.push({ literal });
      literal = '';
      out.push({ variable: inner.trim() });
    }
    i = end + 1;
  }
  literal += template.slice(i);
  if (literal) out.push({ literal });
  return out;
}
