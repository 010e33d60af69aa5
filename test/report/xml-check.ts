// A minimal XML well-formedness checker for the JUnit tests, written as a character tokenizer
// (no regular expressions): tags must balance, attributes must be quoted and unique, `<` and `&`
// may only start markup or a known entity, and there must be exactly one root element.
// It returns the element tree with attribute values and text decoded, so tests can compare
// what a parser would see with what was written.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c === '.' || c === ':';
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r';
}

/** XML 1.0 `Char`: what may appear in a document at all. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`not well-formed at offset ${i}: ${what}`);
  };

  for (const ch of xml) {
    const cp = ch.codePointAt(0)!;
    // A lone surrogate comes out of the iterator as itself: one unit in the surrogate range.
    if (!isXmlChar(cp)) fail(`character U+${cp.toString(16).padStart(4, '0')} is not allowed in XML`);
  }

  const decode = (end: string): string => {
    let out = '';
    while (i < xml.length && !end.includes(xml[i]!)) {
      const c = xml[i]!;
      if (c === '<') fail('raw < in text or attribute');
      if (c === '&') {
        const semi = xml.indexOf(';', i);
        if (semi < 0) fail('unterminated entity');
        const name = xml.slice(i + 1, semi);
        if (name.startsWith('#x')) out += String.fromCodePoint(parseInt(name.slice(2), 16));
        else if (name.startsWith('#')) out += String.fromCodePoint(parseInt(name.slice(1), 10));
        else if (name in NAMED) out += NAMED[name];
        else fail(`unknown entity &${name};`);
        i = semi + 1;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };

  const readName = (): string => {
    const start = i;
    while (i < xml.length && isNameChar(xml[i]!)) i++;
    if (i === start) fail('expected a name');
    return xml.slice(start, i);
  };

  const skipSpace = (): void => {
    while (isSpace(xml[i])) i++;
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const text = decode('<');
      if (stack.length) stack[stack.length - 1]!.text += text;
      else {
        for (const c of text) if (!isSpace(c)) fail('text outside the root element');
      }
      continue;
    }
    i++;
    if (xml[i] === '/') {
      i++;
      const name = readName();
      skipSpace();
      if (xml[i] !== '>') fail('expected > after closing tag name');
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> does not close <${open?.name ?? '(nothing)'}>`);
      continue;
    }
    const el: XmlElement = { name: readName(), attrs: {}, children: [], text: '' };
    if (root && stack.length === 0) fail('a second root element');
    let selfClosing = false;
    for (;;) {
      const hadSpace = isSpace(xml[i]);
      skipSpace();
      if (xml[i] === '/' && xml[i + 1] === '>') {
        i += 2;
        selfClosing = true;
        break;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (!hadSpace) fail('attributes must be separated by white space');
      const name = readName();
      if (name in el.attrs) fail(`duplicate attribute ${name}`);
      if (xml[i] !== '=') fail('expected = after attribute name');
      i++;
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('attribute value must be quoted');
      i++;
      el.attrs[name] = decode(quote);
      if (xml[i] !== quote) fail('unterminated attribute value');
      i++;
    }
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) fail('no root element');
  return root!;
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
