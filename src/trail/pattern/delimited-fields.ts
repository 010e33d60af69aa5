/**
 * Splits a log message into its space-delimited fields as CloudWatch Logs does: runs of spaces
 * (or tabs) separate fields, and everything between `[` and `]` or between two double quotes is
 * one field, given without its brackets or quotes.
 */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  const n = message.length;
  let i = 0;
  while (i < n) {
    const c = message.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < n && message.charCodeAt(j) !== 34) j += message.charCodeAt(j) === 92 /* \ */ ? 2 : 1;
      fields.push(message.slice(i + 1, Math.min(j, n)));
      i = j + 1;
    } else if (c === 91 /* [ */) {
      const j = message.indexOf(']', i + 1);
      const end = j < 0 ? n : j;
      fields.push(message.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = message.charCodeAt(j);
        if (d === 32 || d === 9 || d === 10 || d === 13) break;
        j++;
      }
      fields.push(message.slice(i, j));
      i = j;
    }
  }
  return fields;
}
