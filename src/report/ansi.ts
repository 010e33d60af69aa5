// A tiny ANSI styler. The CLI decides whether colour is wanted (TTY, NO_COLOR, --no-color);
// when it is not, every style is the identity so the text stays byte-for-byte plain.

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;

export type Style = keyof typeof CODES;
export type Styler = Record<Style, (text: string) => string>;

export function styler(color: boolean): Styler {
  const entries = (Object.keys(CODES) as Style[]).map((name) => {
    const [open, close] = CODES[name];
    const apply = color ? (text: string) => (text ? `\x1b[${open}m${text}\x1b[${close}m` : text) : (text: string) => text;
    return [name, apply] as const;
  });
  return Object.fromEntries(entries) as Styler;
}

// C0 and C1 controls, DEL, and the bidirectional overrides/isolates ("Trojan Source").
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text from inputs (resource ids, messages quoting template values, file names) safe to
 * print on a terminal: a template must not be able to move the cursor or recolour the report.
 * Line breaks and tabs become spaces so one finding stays on its lines.
 */
export function clean(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : '\ufffd'));
}
