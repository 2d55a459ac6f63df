import { describe, expect, it } from 'vitest';
import { readStrictXml, resolveXmlReferences, StrictXmlError, type StrictXmlErrorKind, type StrictXmlOptions } from '../../../gateways/kit/strict-xml-reader.ts';

// How the two gateways read: MM7 resolves namespaces and keeps text exactly; MAS trims and keeps unknown entities.
const MM7: StrictXmlOptions = { namespaces: true };
const MAS: StrictXmlOptions = { whitespace: 'trim', unknownEntities: 'keep', maxDepth: 9 };

function refusal(xml: string, options: StrictXmlOptions = {}): StrictXmlErrorKind | 'accepted' {
  try {
    readStrictXml(xml, options);
    return 'accepted';
  } catch (e) {
    if (e instanceof StrictXmlError) return e.kind;
    throw e;
  }
}

describe('strict XML reader: hardening', () => {
  it('refuses a DOCTYPE with internal entities (billion laughs) before reading', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(refusal(bomb)).toBe('declaration');
    expect(refusal(bomb, MAS)).toBe('declaration');
  });

  it('refuses external entities and every other markup declaration, even where the document would break first', () => {
    expect(refusal('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).toBe('declaration');
    for (const decl of ['<!ELEMENT a ANY>', '<!ATTLIST a x CDATA "1">', '<!NOTATION n SYSTEM "x">', '<!x>']) {
      expect(refusal(`<a>${decl}</a>`), decl).toBe('declaration');
      expect(refusal(`<a>${decl}`), decl).toBe('declaration');
    }
  });

  it('never expands an entity: unknown ones are refused, or kept as written when asked', () => {
    expect(refusal('<a>&x;</a>')).toBe('not-well-formed');
    expect(refusal('<a b="&x;"/>')).toBe('not-well-formed');
    expect(readStrictXml('<a b="&x;">&nbsp; &x;</a>', { unknownEntities: 'keep' })).toMatchObject({ attrs: { b: '&x;' }, text: '&nbsp; &x;' });
  });

  it('resolves the predefined entities and character references, and keeps CDATA as written', () => {
    expect(readStrictXml('<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;<![CDATA[&amp;<b>]]></a>').text).toBe(`<>&"'A😀&amp;<b>`);
    expect(resolveXmlReferences('x &amp;lt; y')).toBe('x &lt; y');
  });

  it('refuses character references to what XML cannot carry', () => {
    for (const ref of ['&#0;', '&#x1;', '&#xD800;', '&#xFFFE;', '&#x110000;', '&#;', '&#x;', '&#12a;']) {
      expect(refusal(`<a>${ref}</a>`, MAS), ref).toBe('not-well-formed');
    }
  });

  it('bounds size, depth and element count', () => {
    expect(refusal(`<a>${'x'.repeat(100)}</a>`, { maxChars: 50 })).toBe('too-large');
    expect(refusal('<a>'.repeat(9) + '</a>'.repeat(9), MAS)).toBe('accepted');
    expect(refusal('<a>'.repeat(10) + '</a>'.repeat(10), MAS)).toBe('too-deep');
    expect(refusal('<a>'.repeat(9) + '<b/>' + '</a>'.repeat(9), MAS)).toBe('too-deep');
    expect(refusal('<a>'.repeat(40) + '</a>'.repeat(40))).toBe('too-deep');
    expect(refusal(`<a>${'<b/>'.repeat(9)}</a>`, { maxElements: 10 })).toBe('accepted');
    expect(refusal(`<a>${'<b/>'.repeat(10)}</a>`, { maxElements: 10 })).toBe('too-large');
  });
});

describe('strict XML reader: well-formedness', () => {
  it.each([
    ['a mismatched end tag', '<MAS><A>1</B></MAS>'],
    ['a truncated document', '<MAS><A>1</A>'],
    ['a truncated end tag', '<MAS><A>1</A></MA'],
    ['an unclosed start tag', '<a x="1>'],
    ['an end tag with junk', '<a></a x>'],
    ['an end tag without a start tag', '</a>'],
    ['text after the root', '<MAS/>x'],
    ['text before the root', 'x<MAS/>'],
    ['a bare ampersand in text', '<MAS>a & b</MAS>'],
    ['a bare ampersand in an attribute', '<a href="x&y"/>'],
    ["'<' in an attribute", '<a href="<b>"/>'],
    ['a reference without a name', '<MAS>&;</MAS>'],
    ['an unquoted attribute', '<MAS method=req/>'],
    ['an attribute without a value', '<MAS method/>'],
    ['attributes run together', '<MAS a="1"b="2"/>'],
    ['a repeated attribute', '<MAS a="1" a="2"/>'],
    ['a space after <', '< MAS/>'],
    ['a name starting with a digit', '<1MAS/>'],
    ['a declaration not at the start', ' <?xml version="1.0"?><MAS/>'],
    ['a declaration after the root', '<a/><?xml version="1.0"?>'],
    ['a malformed declaration', '<?xml version=1.0?><MAS/>'],
    ['an unclosed declaration', '<?xml version="1.0"<MAS/>'],
    ['a processing instruction without a target', '<a><? x?></a>'],
    ['an unclosed comment', '<MAS><!-- x</MAS>'],
    ['an unclosed CDATA section', '<MAS><![CDATA[x</MAS>'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>'],
    ['no element at all', '  <!-- only a comment --> '],
    ['an empty document', ''],
  ])('refuses %s', (_why, xml) => {
    expect(refusal(xml)).toBe('not-well-formed');
    expect(refusal(xml, MAS)).toBe('not-well-formed');
  });

  it('refuses a second root element as its own kind, so a caller can answer it apart', () => {
    expect(refusal('<MAS/> <MAS/>', MAS)).toBe('extra-root');
    expect(refusal('<a/><b/>', MM7)).toBe('extra-root');
  });

  it('refuses an undeclared prefix only when resolving namespaces', () => {
    expect(refusal('<p:a/>', MM7)).toBe('namespace');
    expect(refusal('<a><p:b/></a>', MM7)).toBe('namespace');
    expect(refusal('<p:a/>', MAS)).toBe('accepted');
    expect(refusal('<a xmlns:p="u" xmlns:p="v"/>', MM7)).toBe('not-well-formed');
  });
});

describe('strict XML reader: text and whitespace', () => {
  it('keeps text exactly by default, joining what comments and PIs interrupt, CRLF read as LF', () => {
    const el = readStrictXml('\uFEFF<?xml version="1.0" encoding=\'UTF-8\'?>\r\n<!-- c --><?pi data?>\r\n<a  x = "1\r\n2" >t<!-- c -->u<?pi?>\r\nv</a >\r\n<!-- after -->\r\n', MM7);
    expect(el).toEqual({ ns: '', name: 'a', attrs: { x: '1\n2' }, children: [], text: 'tu\nv' });
  });

  it('trims each text run between children and each attribute value when asked, as MAS clients expect', () => {
    const root = readStrictXml(`<?xml version='1.0' encoding="UTF-8"?>\r\n<MAS method = "req_x">\r\n  <A seqNo='1' name=" a b ">  x &amp; y &#65;&#x42; &unknown; </A>\r\n  <B/><C x="1" /></MAS>\n`, MAS);
    expect(root.name).toBe('MAS');
    expect(root.attrs.method).toBe('req_x');
    expect(root.children.map((c) => c.name)).toEqual(['A', 'B', 'C']);
    expect(root.children[0]).toMatchObject({ attrs: { seqNo: '1', name: 'a b' }, text: 'x & y AB &unknown;' });
    expect(root.children[2].attrs.x).toBe('1');
    expect(root.text).toBe('');
  });

  it('in trim mode a comment or PI does not end a text run, a child or CDATA does, and CDATA is not trimmed', () => {
    const root = readStrictXml('<!-- c --><MAS><?pi data?><A> x <!-- note --> y </A><B> a <c/> b <![CDATA[ <&amp;> ]]> c </B></MAS><!-- end -->', MAS);
    expect(root.children[0].text).toBe('x  y');
    expect(root.children[1].text).toBe('ab <&amp;> c');
  });

  it('trims before resolving, so an escaped space survives', () => {
    expect(readStrictXml('<a> &#32;x </a>', MAS).text).toBe(' x');
  });
});

describe('strict XML reader: namespaces', () => {
  it('resolves element prefixes and the default namespace by scope, and leaves declarations out of attrs', () => {
    const root = readStrictXml('<e:E xmlns:e="urn:e" xmlns="urn:d"><e:H a:x="1" xmlns:a="urn:a"><T xmlns="">t</T></e:H><B/></e:E>', MM7);
    expect(root).toMatchObject({ ns: 'urn:e', name: 'E', attrs: {} });
    expect(root.children[0]).toMatchObject({ ns: 'urn:e', name: 'H', attrs: { 'a:x': '1' } });
    expect(root.children[0].children[0]).toMatchObject({ ns: '', name: 'T', text: 't' });
    expect(root.children[1]).toMatchObject({ ns: 'urn:d', name: 'B' });
  });

  it('without namespaces keeps names as written, declarations as attributes, and ns empty', () => {
    const root = readStrictXml('<e:E xmlns:e="urn:e"/>', MAS);
    expect(root).toEqual({ ns: '', name: 'e:E', attrs: { 'xmlns:e': 'urn:e' }, children: [], text: '' });
  });

  it('takes an attribute named like an Object.prototype member as an ordinary attribute and refuses __proto__', () => {
    expect(readStrictXml('<a toString="1" constructor="2"/>').attrs).toEqual({ toString: '1', constructor: '2' });
    expect(refusal('<a __proto__="1"/>')).toBe('not-well-formed');
  });
});
