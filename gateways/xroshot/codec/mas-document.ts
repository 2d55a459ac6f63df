// One frame <-> a small element tree. Parsing is defensive: UTF-8 checked, DOCTYPE/ENTITY refused
// before the kit's strict reader sees the text, no entity expansion, nesting bounded, exactly one
// <MAS method> root. Serialising writes the compact form this codec sends: declaration, then the elements with
// no whitespace between them.
import { readStrictXml, StrictXmlError, type StrictXmlElement, type StrictXmlOptions } from '../../kit/strict-xml-reader.ts';
import { XroshotError } from '../xroshot-errors.ts';
import { escapeXml } from './xml-text.ts';

export interface MasElement {
  name: string;
  attrs: Record<string, string>;
  /** Character data directly inside the element (trimmed, entities resolved); '' when none. */
  text: string;
  children: MasElement[];
}

export interface MasDocument {
  method: string;
  root: MasElement;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
// Elements inside the root; MAS itself uses three levels.
const MAX_DEPTH = 8;
// Text is read as the fast-xml-parser set-up the codec once used read it (each text run and attribute
// value trimmed, references to unknown entities kept as written, never expanded). The frame splitter
// bounds a frame's size, so the reader does not bound characters again; the element bound is far above
// what any MAS message holds.
const READ_OPTIONS: StrictXmlOptions = {
  maxDepth: MAX_DEPTH + 1,
  maxChars: Number.POSITIVE_INFINITY,
  maxElements: 100_000,
  whitespace: 'trim',
  unknownEntities: 'keep',
};

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const DECLARATIONS = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
// Read from raw text only to name the method in an error, so a server can still answer it.
const METHOD_HINT = /<MAS\s[^>]{0,200}?method\s*=\s*["']([A-Za-z0-9_]{1,40})["']/;

/** The method a broken frame seems to name, or null. Never throws. */
export function sniffMethod(text: string): string | null {
  // A DOCTYPE may come first, so the root is looked for, within a bound, rather than expected at the start.
  const at = text.indexOf('<MAS', 0);
  if (at < 0 || at > 65_536) return null;
  return METHOD_HINT.exec(text.slice(at, at + 512))?.[1] ?? null;
}

export function parseMasDocument(frame: Buffer | string): MasDocument {
  let text: string;
  if (typeof frame === 'string') text = frame;
  else {
    try {
      text = utf8.decode(frame);
    } catch (e) {
      // The method name is ASCII, so it is still readable when other octets are not UTF-8.
      throw new XroshotError('XROSHOT_ERR_BAD_ENCODING', undefined, { method: sniffMethod(frame.subarray(0, 66_000).toString('latin1')), cause: e });
    }
  }
  // Only a failure needs the method named, so the raw text is searched for it only then.
  if (DECLARATIONS.test(text)) throw new XroshotError('XROSHOT_ERR_DOCTYPE', undefined, { method: sniffMethod(text) });

  let root: StrictXmlElement;
  try {
    root = readStrictXml(text, READ_OPTIONS);
  } catch (e) {
    if (!(e instanceof StrictXmlError)) throw e;
    if (e.kind === 'extra-root') throw new XroshotError('XROSHOT_ERR_NOT_MAS', 'expected one root element, found more', { method: sniffMethod(text), cause: e });
    throw new XroshotError('XROSHOT_ERR_BAD_XML', `not well-formed XML: ${e.message}`, { method: sniffMethod(text), cause: e });
  }
  if (root.name !== 'MAS') throw new XroshotError('XROSHOT_ERR_NOT_MAS', `root element is <${root.name}>`, { method: sniffMethod(text) });
  const method = root.attrs.method ?? '';
  if (!/^[A-Za-z0-9_]{1,40}$/.test(method)) throw new XroshotError('XROSHOT_ERR_NOT_MAS', 'the MAS element has no usable method attribute');
  return { method, root };
}

/** An element to serialise: text, or children (in order). */
export interface XmlNode {
  name: string;
  attrs?: Record<string, string | number>;
  text?: string | number;
  children?: XmlNode[];
}

export function el(name: string, content?: string | number | XmlNode[], attrs?: Record<string, string | number>): XmlNode {
  if (Array.isArray(content)) return { name, attrs, children: content };
  return { name, attrs, text: content };
}

/** A document with the declaration; `root` is MAS on the TCP wire (the HTTP catalog answers in RCP). */
export function writeMasXml(method: string, children: XmlNode[], root = 'MAS'): string {
  return `${XML_DECLARATION}<${root} method="${escapeXml(method)}">${children.map(writeNode).join('')}</${root}>`;
}

function writeNode(n: XmlNode): string {
  const attrs = n.attrs ? Object.entries(n.attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('') : '';
  const inner = n.children ? n.children.map(writeNode).join('') : n.text === undefined ? '' : escapeXml(String(n.text));
  return `<${n.name}${attrs}>${inner}</${n.name}>`;
}

/** First child element with this name, or undefined. */
export function child(e: MasElement, name: string): MasElement | undefined {
  for (const c of e.children) if (c.name === name) return c;
  return undefined;
}

export function childrenNamed(e: MasElement, name: string): MasElement[] {
  const out: MasElement[] = [];
  for (const c of e.children) if (c.name === name) out.push(c);
  return out;
}
