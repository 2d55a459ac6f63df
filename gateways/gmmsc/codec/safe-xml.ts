// XML in, a small namespace-resolved element tree out, with the hardening an Internet-facing MMSC
// needs: no DOCTYPE or entity declarations at all (they are refused before the reader sees them, so
// no "billion laughs" and no external entities), no entity processing (only the five predefined
// entities and character references are decoded, which cannot expand), a size, a nesting and an
// element-count limit. The reader checks well-formedness and builds the tree in one pass: a separate
// validation pass followed by a general-purpose parser cost more than the rest of an MM7 request.
import { GmmscError } from '../gmmsc-errors.ts';

export interface XmlElement {
  /** Namespace URI the element's prefix (or the default namespace) resolves to; '' when none. */
  ns: string;
  /** Local name, without prefix. */
  name: string;
  /** Attributes by their name as written (prefix kept, e.g. 'env:mustUnderstand'); xmlns declarations omitted. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded, not trimmed). */
  text: string;
}

export interface SafeXmlLimits {
  /** Longest document accepted, in UTF-16 code units (default 256 KiB). */
  maxChars?: number;
  /** Deepest element nesting accepted (default 32). */
  maxDepth?: number;
  /** Most elements accepted (default 5000). */
  maxElements?: number;
}

// Any markup declaration: <!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION. Comments and CDATA pass.
const DECLARATION = /<!(?!--|\[CDATA\[)/;

// What may follow `<?xml`: version, encoding, standalone as pseudo-attributes.
const DECLARATION_BODY = /^(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*\s*$/;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_SCOPE: ReadonlyMap<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

const bad = (why: string) => new GmmscError('GMMSC_ERR_BAD_XML', `not well-formed XML: ${why}`);

function isCharRef(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the predefined entities and character references; any other '&' makes the XML invalid. */
export function decodeXmlText(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    const ref = semi < 0 || semi - amp > 13 ? '' : s.slice(amp + 1, semi);
    let value = ref === '' ? undefined : PREDEFINED[ref];
    if (value === undefined && ref.length > 1 && ref[0] === '#') {
      const hex = ref[1] === 'x';
      const digits = ref.slice(hex ? 2 : 1);
      if (hex ? /^[0-9a-fA-F]{1,6}$/.test(digits) : /^[0-9]{1,7}$/.test(digits)) {
        const cp = parseInt(digits, hex ? 16 : 10);
        if (isCharRef(cp)) value = String.fromCodePoint(cp);
      }
    }
    if (value === undefined) {
      throw new GmmscError('GMMSC_ERR_BAD_XML', `undeclared or invalid entity reference ${s.slice(amp, semi < 0 ? amp + 14 : Math.min(semi + 1, amp + 14))}`);
    }
    out += s.slice(from, amp) + value;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

// XML Name characters, ASCII exactly and everything from U+00C0 up accepted (non-ASCII names are rare in MM7).
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
  el: XmlElement;
  qname: string;
  scope: ReadonlyMap<string, string>;
}

export function parseXmlSafely(xml: string, limits: SafeXmlLimits = {}): XmlElement {
  const maxChars = limits.maxChars ?? 256 * 1024;
  if (xml.length > maxChars) throw new GmmscError('GMMSC_ERR_TOO_LARGE', `XML of ${xml.length} characters is over the ${maxChars} limit`);
  if (DECLARATION.test(xml)) throw new GmmscError('GMMSC_ERR_BAD_XML', 'DOCTYPE and entity declarations are not accepted');
  // Every element costs at least one '<': counting them first refuses a flood of tiny elements
  // before the reader builds anything.
  const maxElements = limits.maxElements ?? 5000;
  let tags = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    if (++tags > 2 * maxElements + 16) throw new GmmscError('GMMSC_ERR_TOO_LARGE', `more than ${maxElements} XML elements`);
  }
  return readDocument(xml.includes('\r') ? xml.replace(/\r\n?/g, '\n') : xml, limits.maxDepth ?? 32, maxElements);
}

function readDocument(xml: string, maxDepth: number, maxElements: number): XmlElement {
  const n = xml.length;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (xml.startsWith('<?xml', i) && (i + 5 >= n || isSpace(xml.charCodeAt(i + 5)) || xml.startsWith('?>', i + 5))) {
    const end = xml.indexOf('?>', i + 5);
    if (end < 0 || !DECLARATION_BODY.test(xml.slice(i + 5, end))) throw bad('the XML declaration is not closed or not name="value" pairs');
    i = end + 2;
  }
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const top = stack.length === 0 ? null : stack[stack.length - 1].el;
      if (top) top.text += decodeXmlText(xml.slice(i, textEnd));
      else for (let k = i; k < textEnd; k++) if (!isSpace(xml.charCodeAt(k))) throw bad(`text outside the root element at ${k}`);
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47) {
      // </name>
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) throw bad('an end tag is not closed');
      let nameEnd = lt + 2;
      while (nameEnd < gt && isNameChar(xml.charCodeAt(nameEnd))) nameEnd++;
      for (let k = nameEnd; k < gt; k++) if (!isSpace(xml.charCodeAt(k))) throw bad(`bad end tag at ${lt}`);
      const name = xml.slice(lt + 2, nameEnd);
      const open = stack.pop();
      if (!open) throw bad(`end tag </${name.slice(0, 40)}> without a start tag`);
      if (open.qname !== name) throw bad(`end tag </${name.slice(0, 40)}> does not close <${open.qname.slice(0, 40)}>`);
      i = gt + 1;
    } else if (c === 63) {
      // A processing instruction other than the declaration: well-formed or refused, never kept.
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw bad('a processing instruction is not closed');
      let t = lt + 2;
      if (!isNameStart(xml.charCodeAt(t))) throw bad(`bad processing instruction at ${lt}`);
      while (t < end && isNameChar(xml.charCodeAt(t))) t++;
      if (t < end && !isSpace(xml.charCodeAt(t))) throw bad(`bad processing instruction at ${lt}`);
      if (xml.slice(lt + 2, t).toLowerCase() === 'xml') throw bad('the XML declaration is allowed only at the start of the document');
      i = end + 2;
    } else if (c === 33) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw bad('a comment is not closed');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) throw bad('CDATA outside the root element');
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw bad('a CDATA section is not closed');
        stack[stack.length - 1].el.text += xml.slice(lt + 9, end);
        i = end + 3;
      } else throw new GmmscError('GMMSC_ERR_BAD_XML', 'DOCTYPE and entity declarations are not accepted');
    } else {
      if (stack.length === 0 && root !== null) throw bad('an XML document has exactly one root element');
      if (stack.length + 1 > maxDepth) throw new GmmscError('GMMSC_ERR_BAD_XML', `elements nested deeper than ${maxDepth}`);
      if (++elements > maxElements) throw new GmmscError('GMMSC_ERR_TOO_LARGE', 'too many XML elements');
      const parent = stack.length === 0 ? null : stack[stack.length - 1];
      i = readStartTag(xml, lt, parent, stack, (el) => (root = el));
    }
  }
  if (stack.length > 0) throw bad(`<${stack[stack.length - 1].qname.slice(0, 40)}> is not closed`);
  if (root === null) throw bad('an XML document has exactly one root element, found none');
  return root;
}

/** Reads `<qname attr="v" ...>` or `.../>` at `lt`; returns the index after it. */
function readStartTag(xml: string, lt: number, parent: Open | null, stack: Open[], setRoot: (el: XmlElement) => void): number {
  const n = xml.length;
  let p = lt + 1;
  if (!isNameStart(xml.charCodeAt(p))) throw bad(`'<' not followed by a name at ${lt}`);
  while (p < n && isNameChar(xml.charCodeAt(p))) p++;
  const qname = xml.slice(lt + 1, p);
  let scope = parent ? parent.scope : XML_SCOPE;
  let scopeCopied = false;
  let attrs: Record<string, string> | null = null;
  let selfClosing = false;
  for (;;) {
    const before = p;
    while (p < n && isSpace(xml.charCodeAt(p))) p++;
    const c = xml.charCodeAt(p);
    if (c === 62) {
      p++;
      break;
    }
    if (c === 47 && xml.charCodeAt(p + 1) === 62) {
      p += 2;
      selfClosing = true;
      break;
    }
    if (p >= n) throw bad(`<${qname.slice(0, 40)}> is not closed`);
    if (p === before || !isNameStart(c)) throw bad(`bad attribute in <${qname.slice(0, 40)}> at ${p}`);
    const nameStart = p;
    while (p < n && isNameChar(xml.charCodeAt(p))) p++;
    const name = xml.slice(nameStart, p);
    if (name === '__proto__') throw bad('an attribute named __proto__');
    while (p < n && isSpace(xml.charCodeAt(p))) p++;
    if (xml.charCodeAt(p) !== 61) throw bad(`attribute ${name.slice(0, 40)} has no value`);
    p++;
    while (p < n && isSpace(xml.charCodeAt(p))) p++;
    const quote = xml.charCodeAt(p);
    if (quote !== 34 && quote !== 39) throw bad(`the value of ${name.slice(0, 40)} is not quoted`);
    const close = xml.indexOf(quote === 34 ? '"' : "'", p + 1);
    if (close < 0) throw bad(`the value of ${name.slice(0, 40)} is not closed`);
    const raw = xml.slice(p + 1, close);
    if (raw.includes('<')) throw bad(`'<' in the value of ${name.slice(0, 40)}`);
    p = close + 1;
    const value = decodeXmlText(raw);
    attrs ??= {};
    if (Object.prototype.hasOwnProperty.call(attrs, name)) throw bad(`attribute ${name.slice(0, 40)} repeated`);
    // The raw set catches a repeated xmlns declaration too; declarations leave the element's attrs below.
    attrs[name] = value;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (!scopeCopied) scope = new Map(scope);
      scopeCopied = true;
      (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value);
    }
  }
  const own: Record<string, string> = {};
  if (attrs) for (const key in attrs) if (key !== 'xmlns' && !key.startsWith('xmlns:')) own[key] = attrs[key];
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') throw new GmmscError('GMMSC_ERR_BAD_XML', `namespace prefix '${prefix.slice(0, 40)}' of <${qname.slice(0, 40)}> is not declared`);
  const el: XmlElement = { ns: ns ?? '', name: colon < 0 ? qname : qname.slice(colon + 1), attrs: own, children: [], text: '' };
  if (parent) parent.el.children.push(el);
  else setRoot(el);
  if (!selfClosing) stack.push({ el, qname, scope });
  return p;
}

/** Value of an attribute by local name, whatever its prefix. */
export function attrByLocalName(el: XmlElement, name: string): string | undefined {
  for (const key in el.attrs) if (key === name || key.endsWith(':' + name)) return el.attrs[key];
  return undefined;
}
