// XML in, a small namespace-resolved element tree out, with the hardening an Internet-facing MMSC
// needs: no DOCTYPE or entity declarations at all (they are refused before the parser sees them, so
// no "billion laughs" and no external entities), fast-xml-parser with entity processing off, a size
// and a nesting limit, well-formedness checked by its validator. Only the five predefined entities
// and character references are decoded, by hand, which cannot expand.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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

const CDATA = '#cdata';
const TEXT = '#text';
const ATTRS = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
});

// Any markup declaration: <!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION. Comments and CDATA pass.
const DECLARATION = /<!(?!--|\[CDATA\[)/;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; any other entity makes the XML invalid. */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});/g, (whole, ref: string) => {
    if (ref in PREDEFINED) return PREDEFINED[ref];
    const m = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(ref);
    if (m) {
      const cp = m[1][0] === 'x' ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
      if (cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)) {
        return String.fromCodePoint(cp);
      }
    }
    throw new GmmscError('GMMSC_ERR_BAD_XML', `undeclared or invalid entity reference ${whole}`);
  });
}

export function parseXmlSafely(xml: string, limits: SafeXmlLimits = {}): XmlElement {
  const maxChars = limits.maxChars ?? 256 * 1024;
  if (xml.length > maxChars) throw new GmmscError('GMMSC_ERR_TOO_LARGE', `XML of ${xml.length} characters is over the ${maxChars} limit`);
  if (DECLARATION.test(xml)) throw new GmmscError('GMMSC_ERR_BAD_XML', 'DOCTYPE and entity declarations are not accepted');
  // Every element costs at least one '<': counting them first refuses a flood of tiny elements
  // before the validator and the parser spend time on it.
  const maxElements = limits.maxElements ?? 5000;
  let tags = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    if (++tags > 2 * maxElements + 16) throw new GmmscError('GMMSC_ERR_TOO_LARGE', `more than ${maxElements} XML elements`);
  }
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw new GmmscError('GMMSC_ERR_BAD_XML', `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, col ${valid.err.col})`);
  let nodes: unknown[];
  try {
    nodes = parser.parse(xml) as unknown[];
  } catch (e) {
    throw new GmmscError('GMMSC_ERR_BAD_XML', `not well-formed XML: ${(e as Error).message}`, { cause: e });
  }
  const roots = nodes.filter((n) => elementName(n) !== null);
  if (roots.length !== 1) throw new GmmscError('GMMSC_ERR_BAD_XML', `an XML document has exactly one root element, found ${roots.length}`);
  const budget = { elements: maxElements, maxDepth: limits.maxDepth ?? 32 };
  return convert(roots[0] as Record<string, unknown>, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 1, budget);
}

function elementName(node: unknown): string | null {
  if (!node || typeof node !== 'object') return null;
  for (const key of Object.keys(node)) if (key !== ATTRS && key !== TEXT && key !== CDATA) return key;
  return null;
}

function convert(node: Record<string, unknown>, scope: Map<string, string>, depth: number, budget: { elements: number; maxDepth: number }): XmlElement {
  if (depth > budget.maxDepth) throw new GmmscError('GMMSC_ERR_BAD_XML', `elements nested deeper than ${budget.maxDepth}`);
  if (--budget.elements < 0) throw new GmmscError('GMMSC_ERR_TOO_LARGE', 'too many XML elements');
  const qname = elementName(node) as string;
  const rawAttrs = (node[ATTRS] ?? {}) as Record<string, string>;
  let local = scope;
  const attrs: Record<string, string> = {};
  for (const [key, raw] of Object.entries(rawAttrs)) {
    const value = decodeXmlText(String(raw));
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(key === 'xmlns' ? '' : key.slice(6), value);
    } else attrs[key] = value;
  }
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const ns = local.get(prefix);
  if (ns === undefined && prefix !== '') throw new GmmscError('GMMSC_ERR_BAD_XML', `namespace prefix '${prefix}' of <${qname}> is not declared`);
  const el: XmlElement = { ns: ns ?? '', name: colon < 0 ? qname : qname.slice(colon + 1), attrs, children: [], text: '' };
  for (const child of (node[qname] ?? []) as Record<string, unknown>[]) {
    if (TEXT in child) el.text += decodeXmlText(String(child[TEXT]));
    else if (CDATA in child) {
      for (const part of child[CDATA] as Record<string, unknown>[]) if (TEXT in part) el.text += String(part[TEXT]);
    } else if (elementName(child) !== null) el.children.push(convert(child, local, depth + 1, budget));
  }
  return el;
}

/** Value of an attribute by local name, whatever its prefix. */
export function attrByLocalName(el: XmlElement, name: string): string | undefined {
  for (const [key, value] of Object.entries(el.attrs)) if (key === name || key.endsWith(':' + name)) return value;
  return undefined;
}
