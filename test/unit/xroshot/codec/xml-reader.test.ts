import { describe, expect, it } from 'vitest';
import { readXmlElements, XmlSyntaxError } from '../../../../gateways/xroshot/codec/xml-reader.ts';

const read = (xml: string) => readXmlElements(xml, 9);
const refuses = (xml: string) => {
  try {
    read(xml);
    return false;
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    return true;
  }
};

describe('MAS XML reader', () => {
  it('reads elements, attributes and text the way MAS clients write them', () => {
    const [root] = read(`<?xml version='1.0' encoding="UTF-8"?>\r\n<MAS method = "req_x">\r\n  <A seqNo='1' name=" a b ">  x &amp; y &#65;&#x42; &unknown; </A>\r\n  <B/><C x="1" /></MAS>\n`);
    expect(root.name).toBe('MAS');
    expect(root.attrs.method).toBe('req_x');
    expect(root.children.map((c) => c.name)).toEqual(['A', 'B', 'C']);
    expect(root.children[0]).toMatchObject({ attrs: { seqNo: '1', name: 'a b' }, text: 'x & y AB &unknown;' });
    expect(root.children[2].attrs.x).toBe('1');
    expect(root.text).toBe('');
  });

  it('skips comments and processing instructions, keeps CDATA as written', () => {
    const [root] = read('<!-- c --><MAS><?pi data?><A> x <!-- note --> y </A><B><![CDATA[ <&amp;> ]]></B></MAS><!-- end -->');
    expect(root.children[0].text).toBe('x  y');
    expect(root.children[1].text).toBe(' <&amp;> ');
  });

  it('returns every top-level element, so the caller can refuse a second root', () => {
    expect(read('<MAS/> <MAS/>').length).toBe(2);
  });

  it.each([
    ['a mismatched end tag', '<MAS><A>1</B></MAS>'],
    ['a truncated document', '<MAS><A>1</A>'],
    ['a truncated end tag', '<MAS><A>1</A></MA'],
    ['text after the root', '<MAS/>x'],
    ['text before the root', 'x<MAS/>'],
    ['a bare ampersand', '<MAS>a & b</MAS>'],
    ['a reference without a name', '<MAS>&;</MAS>'],
    ['an unquoted attribute', '<MAS method=req/>'],
    ['an attribute without a value', '<MAS method/>'],
    ['attributes run together', '<MAS a="1"b="2"/>'],
    ['a repeated attribute', '<MAS a="1" a="2"/>'],
    ['a space after <', '< MAS/>'],
    ['a name starting with a digit', '<1MAS/>'],
    ['a declaration not at the start', ' <?xml version="1.0"?><MAS/>'],
    ['a malformed declaration', '<?xml version=1.0?><MAS/>'],
    ['an unclosed comment', '<MAS><!-- x</MAS>'],
    ['an unclosed CDATA section', '<MAS><![CDATA[x</MAS>'],
    ['markup that is neither comment nor CDATA', '<MAS><!x></MAS>'],
    ['no element at all', '  <!-- only a comment --> '],
    ['an empty document', ''],
  ])('refuses %s', (_why, xml) => {
    expect(refuses(xml)).toBe(true);
  });

  it('bounds nesting', () => {
    expect(refuses(`${'<a>'.repeat(9)}${'</a>'.repeat(9)}`)).toBe(false);
    expect(refuses(`${'<a>'.repeat(10)}${'</a>'.repeat(10)}`)).toBe(true);
  });
});
