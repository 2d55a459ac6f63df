// A minimal XML writer for MM7 bodies: elements, attributes and escaped text, nothing else. Building
// strings directly keeps the element order exactly as the schema lists it.

export type XmlNode = { name: string; attrs?: Record<string, string | undefined>; children?: XmlChild[] };
export type XmlChild = XmlNode | string | null | undefined | false;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'));
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
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v as string)}"`)
    .join('');
  const kids = (node.children ?? []).filter((c): c is XmlNode | string => c !== null && c !== undefined && c !== false);
  if (kids.length === 0) return `${indent}<${node.name}${attrs}/>`;
  if (kids.every((k) => typeof k === 'string')) return `${indent}<${node.name}${attrs}>${kids.map((k) => escapeXml(k as string)).join('')}</${node.name}>`;
  const nl = step === '' ? '' : '\n';
  const inner = kids.map((k) => (typeof k === 'string' ? indent + step + escapeXml(k) : renderXml(k, indent + step, step))).join(nl);
  return `${indent}<${node.name}${attrs}>${nl}${inner}${nl}${indent}</${node.name}>`;
}
