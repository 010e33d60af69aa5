// XML 1.0 text and attribute escaping. Findings quote template values, so anything may arrive
// here, including characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
// U+FFFE/U+FFFF); those are dropped rather than producing a document no parser accepts.

// Everything outside the XML 1.0 `Char` production. With the `u` flag a lone surrogate is one
// code point outside every allowed range, so it is matched too.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Element content. `>` is escaped too, so `]]>` can never appear. */
export function escapeText(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);
}

const ATTR_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Attribute-value normalisation would turn raw line breaks and tabs into spaces.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** An attribute value, for either quote style. */
export function escapeAttr(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\n\r\t]/g, (c) => ATTR_ESCAPES[c]!);
}

/** `name="value"` pairs; undefined values are left out. */
export function attrs(pairs: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(pairs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
}
