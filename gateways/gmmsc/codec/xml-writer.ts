// A minimal XML writer for MM7 bodies: elements, attributes and escaped text, nothing else. Building
// strings directly keeps the element order exactly as the schema lists it.

export type XmlNode = { name: string; attrs?: Record<string, string | undefined>; children?: XmlChild[] };
export type XmlChild = XmlNode | string | null | undefined | false;

const SPECIAL = /[<>&"']/;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(s: string): string {
  // Most MM7 values (ids, numbers, codes) need no escaping: test once instead of always replacing.
  return SPECIAL.test(s) ? s.replace(/[<>&"']/g, (c) => ENTITY[c]) : s;
}

export function el(name: string, attrs?: Record<string, string | undefined> | null, ...children: XmlChild[]): XmlNode {
  return { name, attrs: attrs ?? undefined, children };
}

/** A leaf element with text, or nothing when the value is absent. */
export function leaf(name: string, value: string | number | boolean | undefined | null): XmlNode | null {
  if (value === undefined || value === null) return null;
  return { name, children: [String(value)] };
}

export function renderXml(node: XmlNode, indent = '', step = ''): string {
  // Plain loops instead of entries/filter/map/join: this runs for every element of every message.
  let attrs = '';
  if (node.attrs) {
    for (const k in node.attrs) {
      const v = node.attrs[k];
      if (v !== undefined) attrs += ` ${k}="${escapeXml(v)}"`;
    }
  }
  const children = node.children ?? [];
  let count = 0;
  let allText = true;
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    count++;
    if (typeof c !== 'string') allText = false;
  }
  if (count === 0) return `${indent}<${node.name}${attrs}/>`;
  let inner = '';
  if (allText) {
    for (const c of children) if (typeof c === 'string') inner += escapeXml(c);
    return `${indent}<${node.name}${attrs}>${inner}</${node.name}>`;
  }
  const nl = step === '' ? '' : '\n';
  let first = true;
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (!first) inner += nl;
    first = false;
    inner += typeof c === 'string' ? indent + step + escapeXml(c) : renderXml(c, indent + step, step);
  }
  return `${indent}<${node.name}${attrs}>${nl}${inner}${nl}${indent}</${node.name}>`;
}
