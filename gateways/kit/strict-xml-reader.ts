// The project's one XML reader, for every gateway that speaks XML (MM7/SOAP, MAS). It checks
// well-formedness and builds the element tree in a single pass: a general-purpose validator followed
// by a general-purpose parser cost more than everything else a simulator does with a request (see
// README.md, "Reading XML").
//
// Hardening, whatever the options: any markup declaration (<!DOCTYPE, <!ENTITY, <!ELEMENT, ...) is
// refused before reading starts, so there is no DTD, no "billion laughs" and no external entity; only
// the five predefined entities and character references are resolved, nothing is ever expanded; input
// size, nesting depth and element count are bounded; one root element.
//
// Both gateways' text rules are kept: CR LF and lone CR become LF everywhere. 'keep' whitespace
// (MM7) gives an element's character data exactly, comments and PIs cut out; 'trim' whitespace (MAS,
// as the fast-xml-parser set-up it replaced read it) trims each run of text between child elements
// and CDATA sections and trims attribute values. CDATA is always kept as written.

export interface StrictXmlElement {
  /** Namespace URI of the element with `namespaces: true`; always '' without. */
  ns: string;
  /** Local name with `namespaces: true`; the name as written (prefix kept) without. */
  name: string;
  /** Attributes by the name as written (prefix kept); with `namespaces: true` xmlns declarations are left out. */
  attrs: Record<string, string>;
  children: StrictXmlElement[];
  /** Character data directly inside the element, references resolved (see the whitespace option). */
  text: string;
}

export interface StrictXmlOptions {
  /** Longest document accepted, in UTF-16 code units (default 256 KiB). */
  maxChars?: number;
  /** Deepest element nesting accepted, the root counting 1 (default 32). */
  maxDepth?: number;
  /** Most elements accepted (default 5000). */
  maxElements?: number;
  /** Resolve prefixes to namespace URIs (an undeclared prefix is an error). Default false: costs nothing then. */
  namespaces?: boolean;
  /** 'keep' (default): text exactly as written; 'trim': each text run and each attribute value trimmed. */
  whitespace?: 'keep' | 'trim';
  /** A reference to an entity other than the five predefined ones: 'refuse' (default, as XML 1.0 without a
   *  DTD requires) or 'keep' it as written (never expanded). */
  unknownEntities?: 'refuse' | 'keep';
}

/** declaration: a DOCTYPE, ENTITY, ELEMENT, ATTLIST or NOTATION declaration; too-large: over maxChars or
 *  maxElements; too-deep: over maxDepth; extra-root: a second top-level element; namespace: an element
 *  prefix no declaration in scope names (namespaces: true only); not-well-formed: anything else XML 1.0 forbids. */
export type StrictXmlErrorKind = 'declaration' | 'too-large' | 'too-deep' | 'extra-root' | 'namespace' | 'not-well-formed';

export class StrictXmlError extends Error {
  readonly kind: StrictXmlErrorKind;
  /** Offset in the (line-end normalised) input where the problem was found. */
  readonly at: number;
  constructor(kind: StrictXmlErrorKind, why: string, at: number) {
    super(`${why} at ${at}`);
    this.name = 'StrictXmlError';
    this.kind = kind;
    this.at = at;
  }
}

export const STRICT_XML_DEFAULTS = { maxChars: 256 * 1024, maxDepth: 32, maxElements: 5000 } as const;

// Any '<!' that opens neither a comment nor CDATA. Searched in the raw input, so also inside comments
// and CDATA: refusing a little too much there is the price of never letting a DTD reach the reader.
const MARKUP_DECLARATION = /<!(?!--|\[CDATA\[)/;
// What may follow `<?xml`: version, encoding, standalone as quoted pseudo-attributes.
const DECLARATION_BODY = /^(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*\s*$/;
const ENTITY_NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_SCOPE: ReadonlyMap<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

// XML Name characters: ASCII exactly, everything from U+00C0 up accepted (non-ASCII names are rare on these wires).
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const bad = (why: string, at: number) => new StrictXmlError('not-well-formed', why, at);

/** Resolves the five predefined entities and character references in `s`; any other '&' is an error
 *  unless `keepUnknown` and it is a well-formed `&name;`, which then stays as written. */
export function resolveXmlReferences(s: string, keepUnknown = false, at = 0): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    const ref = semi < 0 || semi - amp > 41 ? '' : s.slice(amp + 1, semi);
    let value: string | undefined = ref === '' ? undefined : PREDEFINED[ref];
    if (value === undefined && ref.length > 1 && ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120; /* x */
      const digits = ref.slice(hex ? 2 : 1);
      if (hex ? /^[0-9a-fA-F]{1,6}$/.test(digits) : /^[0-9]{1,7}$/.test(digits)) {
        const cp = parseInt(digits, hex ? 16 : 10);
        if (isXmlChar(cp)) value = String.fromCodePoint(cp);
      }
    } else if (value === undefined && keepUnknown && ENTITY_NAME.test(ref)) value = `&${ref};`;
    if (value === undefined) throw bad(`undeclared or invalid reference ${JSON.stringify(s.slice(amp, Math.min(semi < 0 ? s.length : semi + 1, amp + 16)))}`, at + amp);
    out += s.slice(from, amp) + value;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

interface Open {
  el: StrictXmlElement;
  qname: string;
  scope: ReadonlyMap<string, string>;
  /** 'trim' only: text since the last child element or CDATA section, raw and untrimmed. */
  run: string;
  runAt: number;
}

/** Reads one XML document into its root element. Throws StrictXmlError. */
export function readStrictXml(input: string, options: StrictXmlOptions = {}): StrictXmlElement {
  const maxChars = options.maxChars ?? STRICT_XML_DEFAULTS.maxChars;
  if (input.length > maxChars) throw new StrictXmlError('too-large', `XML of ${input.length} characters is over the ${maxChars} limit`, maxChars);
  const decl = MARKUP_DECLARATION.exec(input);
  if (decl) throw new StrictXmlError('declaration', 'DOCTYPE and other markup declarations are not accepted', decl.index);
  const xml = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const maxDepth = options.maxDepth ?? STRICT_XML_DEFAULTS.maxDepth;
  const maxElements = options.maxElements ?? STRICT_XML_DEFAULTS.maxElements;
  const namespaces = options.namespaces === true;
  const trim = options.whitespace === 'trim';
  const keepUnknown = options.unknownEntities === 'keep';

  const n = xml.length;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (xml.startsWith('<?xml', i) && (i + 5 >= n || isSpace(xml.charCodeAt(i + 5)) || xml.startsWith('?>', i + 5))) {
    const end = xml.indexOf('?>', i + 5);
    if (end < 0 || !DECLARATION_BODY.test(xml.slice(i + 5, end))) throw bad('the XML declaration is not closed or not name="value" pairs', i);
    i = end + 2;
  }
  const stack: Open[] = [];
  let top: Open | null = null;
  let root: StrictXmlElement | null = null;
  let elements = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (top === null) {
        for (let k = i; k < textEnd; k++) if (!isSpace(xml.charCodeAt(k))) throw bad('text outside the root element', k);
      } else if (trim) {
        if (top.run === '') top.runAt = i;
        top.run += xml.slice(i, textEnd);
      } else top.el.text += resolveXmlReferences(xml.slice(i, textEnd), keepUnknown, i);
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      let p = lt + 2;
      if (!isNameStart(xml.charCodeAt(p))) throw bad('bad end tag', lt);
      while (p < n && isNameChar(xml.charCodeAt(p))) p++;
      const name = xml.slice(lt + 2, p);
      while (p < n && isSpace(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) !== 62 /* > */) throw bad(`end tag </${name.slice(0, 40)}> is not closed`, lt);
      if (top === null) throw bad(`end tag </${name.slice(0, 40)}> without a start tag`, lt);
      if (top.qname !== name) throw bad(`end tag </${name.slice(0, 40)}> does not close <${top.qname.slice(0, 40)}>`, lt);
      if (trim) endRun(top, keepUnknown);
      stack.pop();
      top = stack.length === 0 ? null : stack[stack.length - 1];
      i = p + 1;
    } else if (c === 63 /* ? */) {
      // A processing instruction other than the declaration: checked, never kept.
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw bad('a processing instruction is not closed', lt);
      let t = lt + 2;
      if (!isNameStart(xml.charCodeAt(t))) throw bad('bad processing instruction target', lt);
      while (t < end && isNameChar(xml.charCodeAt(t))) t++;
      if (t < end && !isSpace(xml.charCodeAt(t))) throw bad('bad processing instruction target', lt);
      if (xml.slice(lt + 2, t).toLowerCase() === 'xml') throw bad('the XML declaration is allowed only at the start of the document', lt);
      i = end + 2;
    } else if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw bad('a comment is not closed', lt);
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (top === null) throw bad('CDATA outside the root element', lt);
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw bad('a CDATA section is not closed', lt);
        if (trim) endRun(top, keepUnknown);
        top.el.text += xml.slice(lt + 9, end);
        i = end + 3;
      } else throw new StrictXmlError('declaration', 'DOCTYPE and other markup declarations are not accepted', lt);
    } else {
      if (top === null && root !== null) throw new StrictXmlError('extra-root', 'a second root element', lt);
      if (stack.length >= maxDepth) throw new StrictXmlError('too-deep', `elements nested deeper than ${maxDepth}`, lt);
      if (++elements > maxElements) throw new StrictXmlError('too-large', `more than ${maxElements} elements`, lt);
      if (trim && top !== null) endRun(top, keepUnknown);

      // Start tag: <qname (S name S? = S? "value")* S? /?>
      let p = lt + 1;
      if (!isNameStart(xml.charCodeAt(p))) throw bad("'<' not followed by a name", lt);
      while (p < n && isNameChar(xml.charCodeAt(p))) p++;
      const qname = xml.slice(lt + 1, p);
      const attrs: Record<string, string> = {};
      let scope: ReadonlyMap<string, string> = top === null ? XML_SCOPE : top.scope;
      let ownScope: Map<string, string> | null = null;
      let declared: string[] | null = null;
      let selfClosing = false;
      for (;;) {
        const before = p;
        while (p < n && isSpace(xml.charCodeAt(p))) p++;
        const d = xml.charCodeAt(p);
        if (d === 62 /* > */) {
          p++;
          break;
        }
        if (d === 47 /* / */ && xml.charCodeAt(p + 1) === 62) {
          p += 2;
          selfClosing = true;
          break;
        }
        if (p >= n) throw bad(`<${qname.slice(0, 40)}> is not closed`, lt);
        if (p === before || !isNameStart(d)) throw bad(`bad attribute in <${qname.slice(0, 40)}>`, p);
        const nameStart = p;
        while (p < n && isNameChar(xml.charCodeAt(p))) p++;
        const name = xml.slice(nameStart, p);
        while (p < n && isSpace(xml.charCodeAt(p))) p++;
        if (xml.charCodeAt(p) !== 61 /* = */) throw bad(`attribute ${name.slice(0, 40)} has no value`, p);
        p++;
        while (p < n && isSpace(xml.charCodeAt(p))) p++;
        const quote = xml.charCodeAt(p);
        if (quote !== 34 && quote !== 39) throw bad(`the value of ${name.slice(0, 40)} is not quoted`, p);
        const close = xml.indexOf(quote === 34 ? '"' : "'", p + 1);
        if (close < 0) throw bad(`the value of ${name.slice(0, 40)} is not closed`, p);
        let raw = xml.slice(p + 1, close);
        if (raw.includes('<')) throw bad(`'<' in the value of ${name.slice(0, 40)}`, p);
        if (trim) raw = raw.trim();
        const value = resolveXmlReferences(raw, keepUnknown, p + 1);
        p = close + 1;
        if (namespaces && (name === 'xmlns' || name.startsWith('xmlns:'))) {
          const prefix = name === 'xmlns' ? '' : name.slice(6);
          if (ownScope === null || declared === null) {
            ownScope = new Map(scope);
            scope = ownScope;
            declared = [];
          } else if (declared.includes(prefix)) throw bad(`attribute ${name.slice(0, 40)} repeated`, nameStart);
          declared.push(prefix);
          ownScope.set(prefix, value);
        } else {
          // A plain object is several times cheaper to fill than a null-prototype one; the one name
          // that would reach its prototype is refused, and the own-property check ignores inherited names.
          if (name === '__proto__') throw bad('an attribute named __proto__', nameStart);
          if (Object.hasOwn(attrs, name)) throw bad(`attribute ${name.slice(0, 40)} repeated`, nameStart);
          attrs[name] = value;
        }
      }
      let ns = '';
      let local = qname;
      if (namespaces) {
        const colon = qname.indexOf(':');
        const prefix = colon < 0 ? '' : qname.slice(0, colon);
        const uri = scope.get(prefix);
        if (uri === undefined && prefix !== '') throw new StrictXmlError('namespace', `prefix '${prefix.slice(0, 40)}' of <${qname.slice(0, 40)}> is not declared`, lt);
        ns = uri ?? '';
        if (colon >= 0) local = qname.slice(colon + 1);
      }
      const el: StrictXmlElement = { ns, name: local, attrs, children: [], text: '' };
      if (top === null) root = el;
      else top.el.children.push(el);
      if (!selfClosing) {
        top = { el, qname, scope, run: '', runAt: 0 };
        stack.push(top);
      }
      i = p;
    }
  }
  if (top !== null) throw bad(`<${top.qname.slice(0, 40)}> is not closed`, n);
  if (root === null) throw bad('no root element', n);
  return root;
}

// 'trim': a run of text ends at a child element, a CDATA section or the end tag; comments and PIs
// inside it do not end it.
function endRun(top: Open, keepUnknown: boolean): void {
  if (top.run === '') return;
  const piece = top.run.trim();
  top.run = '';
  if (piece !== '') top.el.text += resolveXmlReferences(piece, keepUnknown, top.runAt);
}

/** Value of an attribute by local name, whatever its prefix. */
export function attrByLocalName(el: StrictXmlElement, name: string): string | undefined {
  for (const key in el.attrs) if (key === name || key.endsWith(':' + name)) return el.attrs[key];
  return undefined;
}
