// One strict pass over a MAS document: checks well-formedness and builds the element tree at once.
// A general-purpose validator followed by a general-purpose parser cost ~15-20 µs per small frame,
// more than everything else a relay does with a message; MAS needs elements, attributes, text,
// comments, processing instructions and CDATA, nothing more.
//
// Hardening: markup declarations (DOCTYPE, ENTITY, ...) are refused before this runs (see
// mas-document.ts) and any '<!' that is not a comment or CDATA is an error here too; no entity is
// ever expanded (text keeps its references, xml-text.ts resolves only the predefined ones and
// character references); nesting is bounded; every construct must be closed.
//
// Text is read as the fast-xml-parser set-up this replaces read it: CR LF and lone CR become LF,
// the text between two child elements is trimmed and the pieces concatenated, attribute values
// are trimmed, CDATA is kept as written (untrimmed, references not resolved).
import type { MasElement } from './mas-document.ts';
import { unescapeXml } from './xml-text.ts';

export class XmlSyntaxError extends Error {
  constructor(why: string, at: number) {
    super(`${why} at ${at}`);
    this.name = 'XmlSyntaxError';
  }
}

// A reference in text: &#digits; &#xhex; or &name; with a short ASCII name (names other than the
// predefined five are kept as written, never expanded).
const REFERENCE = /&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z0-9_]{1,20});/y;

// What may follow `<?xml`: version, encoding, standalone as quoted pseudo-attributes.
const DECLARATION_BODY = /^(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*\s*$/;

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

interface Open {
  el: MasElement;
  /** Trimmed text pieces so far, references unresolved; CDATA pieces have '&' escaped. */
  raw: string;
  /** Character data since the last child element or CDATA, untrimmed (comments and PIs cut out). */
  seg: string;
  /** Start of the character data not yet added to `seg`. */
  from: number;
}

/** The top-level elements of `xml` (a document has one; the caller decides what more means). */
export function readXmlElements(input: string, maxDepth: number): MasElement[] {
  const xml = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const n = xml.length;
  const roots: MasElement[] = [];
  const stack: Open[] = [];
  let i = 0;

  const fail = (why: string, at = i): never => {
    throw new XmlSyntaxError(why, at);
  };
  const readName = (): string => {
    const start = i;
    if (i >= n || !isNameStart(xml.charCodeAt(i))) fail('expected a name');
    i++;
    while (i < n && isNameChar(xml.charCodeAt(i))) i++;
    return xml.slice(start, i);
  };
  const skipSpace = (): boolean => {
    const start = i;
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    return i > start;
  };
  // Character data from `top.from` to `end` joins the segment; a comment or PI does not end it.
  const addSeg = (top: Open, end: number): void => {
    if (end > top.from) top.seg += xml.slice(top.from, end);
  };
  // At a child element, CDATA or the end tag the segment joins the element's text, trimmed.
  const addText = (top: Open, end: number): void => {
    addSeg(top, end);
    if (top.seg === '') return;
    const piece = top.seg.trim();
    top.seg = '';
    for (let amp = piece.indexOf('&'); amp >= 0; amp = piece.indexOf('&', amp + 1)) {
      REFERENCE.lastIndex = amp;
      if (!REFERENCE.test(piece)) fail("'&' that does not start a reference", top.from);
    }
    top.raw += piece;
  };
  const outsideText = (from: number, end: number): void => {
    for (let k = from; k < end; k++) if (!isSpace(xml.charCodeAt(k))) fail('text outside the root element', k);
  };

  let textFrom = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const top = stack.length > 0 ? stack[stack.length - 1] : null;
    if (lt < 0) {
      if (top) fail('unclosed element', n);
      outsideText(i, n);
      break;
    }
    if (!top) outsideText(textFrom, lt);
    i = lt + 1;
    const c = xml.charCodeAt(i);
    if (c === 63 /* ? */) {
      const end = xml.indexOf('?>', i + 1);
      if (end < 0) fail('unclosed processing instruction', lt);
      i++;
      const target = readName();
      const after = xml.charCodeAt(i);
      if (i !== end && !isSpace(after)) fail('processing instruction target not followed by white space', lt);
      if (target.toLowerCase() === 'xml') {
        // The declaration may only open the document, and holds nothing but its pseudo-attributes.
        if (lt !== 0 || target !== 'xml') fail('XML declaration not at the start', lt);
        if (!DECLARATION_BODY.test(xml.slice(i, end))) fail('malformed XML declaration', lt);
      }
      if (top) addSeg(top, lt);
      i = end + 2;
      if (top) top.from = i;
    } else if (c === 33 /* ! */) {
      if (xml.startsWith('--', i + 1)) {
        const end = xml.indexOf('-->', i + 3);
        if (end < 0) fail('unclosed comment', lt);
        if (top) addSeg(top, lt);
        i = end + 3;
        if (top) top.from = i;
      } else if (xml.startsWith('[CDATA[', i + 1)) {
        if (!top) fail('CDATA outside the root element', lt);
        const end = xml.indexOf(']]>', i + 8);
        if (end < 0) fail('unclosed CDATA section', lt);
        const t = top as Open;
        addText(t, lt);
        t.raw += xml.slice(i + 8, end).replace(/&/g, '&amp;');
        i = end + 3;
        t.from = i;
      } else fail("'<!' that is neither a comment nor CDATA", lt);
    } else if (c === 47 /* / */) {
      i++;
      const name = readName();
      skipSpace();
      if (xml.charCodeAt(i) !== 62) fail('expected > after the end tag name');
      i++;
      if (!top || top.el.name !== name) fail(`end tag </${name}> does not match`, lt);
      const t = top as Open;
      addText(t, lt);
      t.el.text = unescapeXml(t.raw);
      stack.pop();
      if (stack.length > 0) stack[stack.length - 1].from = i;
    } else {
      const name = readName();
      const el: MasElement = { name, attrs: Object.create(null) as Record<string, string>, text: '', children: [] };
      let selfClosing = false;
      for (;;) {
        const spaced = skipSpace();
        const d = xml.charCodeAt(i);
        if (d === 62 /* > */) {
          i++;
          break;
        }
        if (d === 47 /* / */ && xml.charCodeAt(i + 1) === 62) {
          i += 2;
          selfClosing = true;
          break;
        }
        if (i >= n) fail('unclosed start tag', lt);
        if (!spaced) fail('attributes must be separated by white space');
        const attr = readName();
        skipSpace();
        if (xml.charCodeAt(i) !== 61 /* = */) fail(`attribute ${attr} has no value`);
        i++;
        skipSpace();
        const q = xml.charCodeAt(i);
        if (q !== 34 && q !== 39) fail(`attribute ${attr} is not quoted`);
        const end = xml.indexOf(q === 34 ? '"' : "'", i + 1);
        if (end < 0) fail(`attribute ${attr} is not closed`);
        if (attr in el.attrs) fail(`attribute ${attr} repeated`);
        el.attrs[attr] = unescapeXml(xml.slice(i + 1, end).trim());
        i = end + 1;
      }
      if (top) {
        addText(top, lt);
        top.el.children.push(el);
      } else roots.push(el);
      if (selfClosing) {
        if (top) top.from = i;
      } else {
        if (stack.length >= maxDepth) fail(`elements nested deeper than ${maxDepth}`, lt);
        stack.push({ el, raw: '', seg: '', from: i });
      }
    }
    textFrom = i;
  }
  if (stack.length > 0) fail('unclosed element', n);
  if (roots.length === 0) fail('no root element', 0);
  return roots;
}
