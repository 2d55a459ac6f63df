// fast-xml-parser (validator + parser) as the oracle of the kit's strict reader: on the golden MM7 and
// MAS documents and on generated well-formed documents both must give the same element tree (names,
// attributes, text), in both whitespace modes; and whatever the strict reader accepts, the validator
// accepts too (the reader is never the laxer of the two).
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readStrictXml, StrictXmlError, type StrictXmlElement } from '../../../gateways/kit/strict-xml-reader.ts';
import { masToXml } from '../../../gateways/xroshot/codec/mas-encoder.ts';
import { DELIVERY_REPORT_XML, FAULT_DEFAULT_NS_XML, SUBMIT_RSP_XML, SUBMIT_TEXT_ONLY_XML } from '../gmmsc/codec/gmmsc-fixtures.ts';

const SEED = 20261121;

interface Tree {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Tree[];
}
type Ordered = Record<string, unknown>[];

const oracle = (trim: boolean) =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: true,
    htmlEntities: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: trim,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
const KEEP = oracle(false);
const TRIM = oracle(true);

function fromOracle(node: Record<string, unknown>): Tree {
  const name = Object.keys(node).find((k) => k !== ':@') as string;
  const tree: Tree = { name, attrs: { ...((node[':@'] as Record<string, string> | undefined) ?? {}) }, text: '', children: [] };
  for (const item of node[name] as Ordered) {
    if ('#text' in item) tree.text += String(item['#text']);
    else tree.children.push(fromOracle(item));
  }
  return tree;
}

function oracleTree(xml: string, trim: boolean): Tree {
  expect(XMLValidator.validate(xml)).toBe(true);
  // Outside the root the oracle may list what it was told to ignore (PIs, whitespace): only elements count.
  const isElement = (n: Record<string, unknown>) => Object.keys(n).some((k) => k !== ':@' && k !== '#text' && !k.startsWith('?'));
  const roots = ((trim ? TRIM : KEEP).parse(xml) as Ordered).filter(isElement);
  expect(roots.length).toBe(1);
  return fromOracle(roots[0]);
}

const plain = (e: StrictXmlElement): Tree => ({ name: e.name, attrs: { ...e.attrs }, text: e.text, children: e.children.map(plain) });

function sameTreeBothWays(xml: string): void {
  expect(plain(readStrictXml(xml))).toEqual(oracleTree(xml, false));
  expect(plain(readStrictXml(xml, { whitespace: 'trim' }))).toEqual(oracleTree(xml, true));
}

const golden = {
  'MM7 SubmitReq': SUBMIT_TEXT_ONLY_XML,
  'MM7 SubmitRsp': SUBMIT_RSP_XML,
  'MM7 Fault': FAULT_DEFAULT_NS_XML,
  'MM7 DeliveryReportReq': DELIVERY_REPORT_XML,
  'MAS req_auth': masToXml({ method: 'req_auth', serviceProviderId: 'sp01' }),
  'MAS req_send_message_2': masToXml({ method: 'req_send_message_2', messageType: 4, messageSubType: 3, callbackNumber: '0212345678', customMessageId: 'a&b <1>', reserveType: 2, reserveTime: '20261120093000', recipients: [{ seqNo: 1, number: 'bnVtYmVy' }, { seqNo: 2, number: 'bnVtYmVy' }], subject: '제목 "s"', content: "안녕 'hi'", attachments: [{ attachId: 1, fileName: 'a.jpg', data: 'AAAA' }] }),
  'MAS res_report': masToXml({ method: 'res_report', result: 0, jobId: '77' }),
  'MAS as public clients lay it out': "<?xml version='1.0' encoding='UTF-8'?>\r<MAS method=\"req_send_message_2\">\r  <MessageType>1</MessageType>\r  <Message>\r    <ReceiveNumber seqNo=\"1\">n1</ReceiveNumber>\r    <Content>body &amp; more</Content>\r  </Message>\r</MAS>",
};

// Generated documents: prefixed names (declared on the root), attributes in either quote, text with
// every predefined entity, character references, CR LF, non-ASCII; CDATA, comments; PIs outside the
// root only (the oracle trims text on both sides of a PI, the reader, like the MAS codec before it,
// lets a PI inside text interrupt it no more than a comment does).
const NAMES = ['a', 'B', 'c.d', 'e-f', '_g', 'h1', 'p:i', 'q:j'];
const ATTR_NAMES = ['x', 'y', 'z-1', 'p:w'];
const CHUNKS = ['a', 'Z', '0', ' ', '  ', '\n', '\r\n', '\t', '>', '"', "'", '한', '😀', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#xAC00;', '&#x1F600;', '&amp;lt;'];
const textArb = fc.array(fc.constantFrom(...CHUNKS), { maxLength: 8 }).map((a) => a.join(''));
const attrValueArb = textArb.map((t) => t.replace(/\r\n|[\n\t"']/g, ' '));
const cdataArb = fc.array(fc.constantFrom('x', ' ', '<', '&amp;', '>', '\n'), { maxLength: 6 }).map((a) => `<![CDATA[${a.join('')}]]>`);
const attrsArb = fc.uniqueArray(fc.tuple(fc.constantFrom(...ATTR_NAMES), attrValueArb, fc.boolean()), { selector: (a) => a[0], maxLength: 3 });
const showAttrs = (attrs: [string, string, boolean][]) => attrs.map(([n, v, dq]) => ` ${n}=${dq ? `"${v}"` : `'${v}'`}`).join('');

const { element } = fc.letrec<{ element: string; item: string }>((tie) => ({
  element: fc
    .tuple(fc.constantFrom(...NAMES), attrsArb, fc.array(tie('item'), { maxLength: 4 }), fc.boolean())
    .map(([name, attrs, items, empty]) => (items.length === 0 && empty ? `<${name}${showAttrs(attrs)}/>` : `<${name}${showAttrs(attrs)}>${items.join('')}</${name} >`)),
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, textArb, textArb, cdataArb, fc.constant('<!-- c -->'), tie('element'), tie('element'), tie('element')),
}));
const documentArb = fc
  .tuple(fc.boolean(), attrsArb, fc.array(fc.oneof(textArb, element), { maxLength: 5 }))
  .map(([decl, attrs, items]) => `${decl ? '<?xml version="1.0" encoding="UTF-8"?>\n<?pi x?>' : ''}<r xmlns="urn:d" xmlns:p="urn:p" xmlns:q="urn:q"${showAttrs(attrs)}>${items.join('')}</r>\n`);

describe('strict XML reader against fast-xml-parser', () => {
  it.each(Object.entries(golden))('reads the golden %s as the oracle does', (_name, xml) => {
    sameTreeBothWays(xml);
  });

  it('reads generated well-formed documents as the oracle does', () => {
    fc.assert(fc.property(documentArb, (xml) => sameTreeBothWays(xml)), { numRuns: 2000, seed: SEED });
  });

  it('resolves the generated prefixes to their namespaces and keeps local names', () => {
    const uri: Record<string, string> = { '': 'urn:d', p: 'urn:p', q: 'urn:q' };
    const check = (e: StrictXmlElement, t: Tree): void => {
      const colon = t.name.indexOf(':');
      expect([e.ns, e.name]).toEqual([uri[colon < 0 ? '' : t.name.slice(0, colon)], t.name.slice(colon + 1)]);
      expect(Object.keys(e.attrs).filter((k) => k.startsWith('xmlns'))).toEqual([]);
      e.children.forEach((c, k) => check(c, t.children[k]));
    };
    fc.assert(
      fc.property(documentArb, (xml) => check(readStrictXml(xml, { namespaces: true }), oracleTree(xml, false))),
      { numRuns: 500, seed: SEED },
    );
  });

  it('accepts nothing the validator refuses, on mutated documents', () => {
    const mutation = fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom('', '<', '>', '&', '/', '"', "'", '=', ' ', '<!--', ']]>', '&#0;', 'a'));
    fc.assert(
      fc.property(documentArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (xml, muts) => {
        let s = xml;
        for (const [at, del, ins] of muts) s = s.slice(0, at % (s.length + 1)) + ins + s.slice((at % (s.length + 1)) + del);
        try {
          readStrictXml(s, { unknownEntities: 'keep' });
        } catch (e) {
          if (e instanceof StrictXmlError) return;
          throw e;
        }
        expect(XMLValidator.validate(s), s).toBe(true);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});
