// MM7 address elements (<Number>, <RFC2822Address>, <ShortCode>) with their attributes, inside a
// wrapper element (SenderAddress, Recipient, Sender, To, Cc, Bcc).
import { GmmscError } from '../gmmsc-errors.ts';
import type { Mm7Address, Mm7AddressKind, Mm7Recipients } from './mm7-message.ts';
import { attrByLocalName, type StrictXmlElement as XmlElement } from '../../kit/strict-xml-reader.ts';
import type { XmlNode } from './xml-writer.ts';

export const ADDRESS_KINDS: readonly Mm7AddressKind[] = ['Number', 'RFC2822Address', 'ShortCode'];

function isAddressKind(name: string): name is Mm7AddressKind {
  return (ADDRESS_KINDS as readonly string[]).includes(name);
}

export function writeAddress(a: Mm7Address): XmlNode {
  if (!isAddressKind(a.kind)) throw new GmmscError('GMMSC_ERR_ENCODE', `address kind must be Number, RFC2822Address or ShortCode, got ${String(a.kind)}`);
  return {
    name: a.kind,
    attrs: {
      displayOnly: a.displayOnly === undefined ? undefined : String(a.displayOnly),
      addressCoding: a.addressCoding,
      id: a.id,
    },
    children: [a.value],
  };
}

/** A wrapper holding exactly one address (SenderAddress, Recipient, Sender). */
export function writeWrappedAddress(wrapper: string, a: Mm7Address | undefined): XmlNode | null {
  return a ? { name: wrapper, children: [writeAddress(a)] } : null;
}

export function writeRecipients(r: Mm7Recipients): XmlNode {
  const group = (name: string, list: Mm7Address[]): XmlNode | null => (list.length ? { name, children: list.map(writeAddress) } : null);
  return { name: 'Recipients', children: [group('To', r.to), group('Cc', r.cc), group('Bcc', r.bcc)] };
}

export function readAddress(e: XmlElement): Mm7Address {
  if (!isAddressKind(e.name)) throw new GmmscError('GMMSC_ERR_BAD_BODY', `<${e.name}> is not an address element (Number, RFC2822Address, ShortCode)`);
  const value = e.text.trim();
  if (value === '') throw new GmmscError('GMMSC_ERR_BAD_BODY', `<${e.name}> is empty`, { mm7Status: 2002 });
  const a: Mm7Address = { kind: e.name, value };
  const displayOnly = attrByLocalName(e, 'displayOnly');
  if (displayOnly !== undefined) a.displayOnly = readBoolean(displayOnly, 'displayOnly');
  const coding = attrByLocalName(e, 'addressCoding');
  if (coding !== undefined) {
    const c = coding.toLowerCase();
    if (c !== 'encrypted' && c !== 'obfuscated') throw new GmmscError('GMMSC_ERR_BAD_BODY', `addressCoding '${coding}' is neither encrypted nor obfuscated`);
    a.addressCoding = c;
  }
  const id = attrByLocalName(e, 'id');
  if (id !== undefined) a.id = id;
  return a;
}

export function readWrappedAddress(wrapper: XmlElement): Mm7Address {
  const inner = wrapper.children.filter((c) => isAddressKind(c.name));
  if (inner.length !== 1) throw new GmmscError('GMMSC_ERR_BAD_BODY', `<${wrapper.name}> must hold exactly one address, found ${inner.length}`);
  return readAddress(inner[0]);
}

export function readRecipients(e: XmlElement): Mm7Recipients {
  const r: Mm7Recipients = { to: [], cc: [], bcc: [] };
  for (const group of e.children) {
    const list = group.name === 'To' ? r.to : group.name === 'Cc' ? r.cc : group.name === 'Bcc' ? r.bcc : null;
    if (list === null) throw new GmmscError('GMMSC_ERR_BAD_BODY', `<Recipients> holds <${group.name}>; only To, Cc and Bcc are allowed`);
    for (const a of group.children) list.push(readAddress(a));
  }
  return r;
}

export function readBoolean(v: string, what: string): boolean {
  const t = v.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new GmmscError('GMMSC_ERR_BAD_BODY', `${what} must be a boolean (true, false, 1, 0), got '${v.slice(0, 40)}'`);
}
