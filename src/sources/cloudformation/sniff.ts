// A cheap content test for the directory walker: is this text a CloudFormation template? It looks
// for a top-level `Resources` or `AWSTemplateFormatVersion` key without parsing the document.

const TOP_LEVEL_KEYS = new Set(['Resources', 'AWSTemplateFormatVersion']);

/** YAML: one of the keys at column 0, bare or quoted. */
const YAML_KEY = /^(["']?)(Resources|AWSTemplateFormatVersion)\1[ \t]*:/m;

export function looksLikeCloudFormation(text: string): boolean {
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return text[i] === '{' ? hasTopLevelJsonKey(text, i) : YAML_KEY.test(text);
}

/** Scans a JSON object for a depth-1 key, skipping strings; stops at the first match. */
function hasTopLevelJsonKey(text: string, start: number): boolean {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && TOP_LEVEL_KEYS.has(text.slice(i + 1, end))) {
        let j = end + 1;
        while (j < text.length && /\s/.test(text[j]!)) j++;
        if (text[j] === ':') return true;
      }
      i = end;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) return false;
    }
  }
  return false;
}

/** Index of the quote that closes the string opening at `open`. */
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let k = q - 1; text[k] === '\\'; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    i = q + 1;
  }
  return text.length;
}
