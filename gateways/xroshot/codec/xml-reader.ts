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
  // Position and text live in one state object handed to module-level helpers: closures made per
  // document would cost more than the reading itself.
  const st: State = { xml, n: xml.length, i: 0 };
  const roots: MasElement[] = [];
  const stack: Open[] = [];

  let textFrom = 0;
  while (st.i < st.n) {
    const lt = st.xml.indexOf('<', st.i);
    const top = stack.length > 0 ? stack[stack.length - 1] : null;
    if (lt < 0) {
      if (top) fail(st, 'unclosed element', st.n);
      outsideText(st, st.i, st.n);
      break;
    }
    if (!top) outsideText(st, textFrom, lt);
    st.i = lt + 1;
    const c = st.xml.charCodeAt(st.i);
    if (c === 63 /* ? */) {
      const end = st.xml.indexOf('?>', st.i + 1);
      if (end < 0) fail(st, 'unclosed processing instruction', lt);
      st.i++;
      const target = readName(st);
      const after = st.xml.charCodeAt(st.i);
      if (st.i !== end && !isSpace(after)) fail(st, 'processing instruction target not followed by white space', lt);
      if (target.toLowerCase() === 'xml') {
        // The declaration may only open the document, and holds nothing but its pseudo-attributes.
        if (lt !== 0 || target !== 'xml') fail(st, 'XML declaration not at the start', lt);
        if (!DECLARATION_BODY.test(st.xml.slice(st.i, end))) fail(st, 'malformed XML declaration', lt);
      }
      if (top) addSeg(st, top, lt);
      st.i = end + 2;
      if (top) top.from = st.i;
    } else if (c === 33 /* ! */) {
      if (st.xml.startsWith('--', st.i + 1)) {
        const end = st.xml.indexOf('-->', st.i + 3);
        if (end < 0) fail(st, 'unclosed comment', lt);
        if (top) addSeg(st, top, lt);
        st.i = end + 3;
        if (top) top.from = st.i;
      } else if (st.xml.startsWith('[CDATA[', st.i + 1)) {
        if (!top) fail(st, 'CDATA outside the root element', lt);
        const end = st.xml.indexOf(']]>', st.i + 8);
        if (end < 0) fail(st, 'unclosed CDATA section', lt);
        const t = top as Open;
        addText(st, t, lt);
        t.raw += st.xml.slice(st.i + 8, end).replace(/&/g, '&amp;');
        st.i = end + 3;
        t.from = st.i;
      } else fail(st, "'<!' that is neither a comment nor CDATA", lt);
    } else if (c === 47 /* / */) {
      st.i++;
      const name = readName(st);
      skipSpace(st);
      if (st.xml.charCodeAt(st.i) !== 62) fail(st, 'expected > after the end tag name');
      st.i++;
      if (!top || top.el.name !== name) fail(st, `end tag </${name}> does not match`, lt);
      const t = top as Open;
      addText(st, t, lt);
      t.el.text = unescapeXml(t.raw);
      stack.pop();
      if (stack.length > 0) stack[stack.length - 1].from = st.i;
    } else {
      const name = readName(st);
      const el: MasElement = { name, attrs: Object.create(null) as Record<string, string>, text: '', children: [] };
      let selfClosing = false;
      for (;;) {
        const spaced = skipSpace(st);
        const d = st.xml.charCodeAt(st.i);
        if (d === 62 /* > */) {
          st.i++;
          break;
        }
        if (d === 47 /* / */ && st.xml.charCodeAt(st.i + 1) === 62) {
          st.i += 2;
          selfClosing = true;
          break;
        }
        if (st.i >= st.n) fail(st, 'unclosed start tag', lt);
        if (!spaced) fail(st, 'attributes must be separated by white space');
        const attr = readName(st);
        skipSpace(st);
        if (st.xml.charCodeAt(st.i) !== 61 /* = */) fail(st, `attribute ${attr} has no value`);
        st.i++;
        skipSpace(st);
        const q = st.xml.charCodeAt(st.i);
        if (q !== 34 && q !== 39) fail(st, `attribute ${attr} is not quoted`);
        const end = st.xml.indexOf(q === 34 ? '"' : "'", st.i + 1);
        if (end < 0) fail(st, `attribute ${attr} is not closed`);
        if (attr in el.attrs) fail(st, `attribute ${attr} repeated`);
        el.attrs[attr] = unescapeXml(st.xml.slice(st.i + 1, end).trim());
        st.i = end + 1;
      }
      if (top) {
        addText(st, top, lt);
        top.el.children.push(el);
      } else roots.push(el);
      if (selfClosing) {
        if (top) top.from = st.i;
      } else {
        if (stack.length >= maxDepth) fail(st, `elements nested deeper than ${maxDepth}`, lt);
        stack.push({ el, raw: '', seg: '', from: st.i });
      }
    }
    textFrom = st.i;
  }
  if (stack.length > 0) fail(st, 'unclosed element', st.n);
  if (roots.length === 0) fail(st, 'no root element', 0);
  return roots;
}

interface State {
  xml: string;
  n: number;
  i: number;
}

function fail(st: State, why: string, at = st.i): never {
  throw new XmlSyntaxError(why, at);
}

function readName(st: State): string {
  const start = st.i;
  if (st.i >= st.n || !isNameStart(st.xml.charCodeAt(st.i))) fail(st, 'expected a name');
  st.i++;
  while (st.i < st.n && isNameChar(st.xml.charCodeAt(st.i))) st.i++;
  return st.xml.slice(start, st.i);
}

function skipSpace(st: State): boolean {
  const start = st.i;
  while (st.i < st.n && isSpace(st.xml.charCodeAt(st.i))) st.i++;
  return st.i > start;
}

// Character data from `top.from` to `end` joins the segment; a comment or PI does not end it.
function addSeg(st: State, top: Open, end: number): void {
  if (end > top.from) top.seg += st.xml.slice(top.from, end);
}

// At a child element, CDATA or the end tag the segment joins the element's text, trimmed.
function addText(st: State, top: Open, end: number): void {
  addSeg(st, top, end);
  if (top.seg === '') return;
  const piece = top.seg.trim();
  top.seg = '';
  for (let amp = piece.indexOf('&'); amp >= 0; amp = piece.indexOf('&', amp + 1)) {
    REFERENCE.lastIndex = amp;
    if (!REFERENCE.test(piece)) fail(st, "'&' that does not start a reference", top.from);
  }
  top.raw += piece;
}

function outsideText(st: State, from: number, end: number): void {
  for (let k = from; k < end; k++) if (!isSpace(st.xml.charCodeAt(k))) fail(st, 'text outside the root element', k);
}
