import { describe, expect, it } from 'vitest';
import { GmmscError } from '../../../../gateways/gmmsc/gmmsc-errors.ts';
import { parseContentType } from '../../../../gateways/gmmsc/codec/content-type.ts';
import { parseMm7Envelope, parseSoapEnvelope } from '../../../../gateways/gmmsc/codec/mm7-envelope.ts';
import { decodeMm7Http } from '../../../../gateways/gmmsc/codec/mm7-http.ts';
import { parseMultipart } from '../../../../gateways/gmmsc/codec/mime-multipart.ts';
import { ENV, NS, SUBMIT_RSP_XML, SUBMIT_TEXT_ONLY_XML } from './gmmsc-fixtures.ts';

function failure(fn: () => unknown): GmmscError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GmmscError) return e;
    throw e;
  }
  throw new Error('expected a GmmscError');
}

const envelope = (body: string, header = `<mm7:TransactionID xmlns:mm7="${NS}" env:mustUnderstand="1">t</mm7:TransactionID>`) =>
  `<env:Envelope xmlns:env="${ENV}"><env:Header>${header}</env:Header><env:Body>${body}</env:Body></env:Envelope>`;

// The reader itself is tested in test/unit/kit/strict-xml-reader*.test.ts; here, what its refusals become.
describe('hardened XML answers', () => {
  it('refuses a DOCTYPE with internal entities (billion laughs) before parsing, with 2007', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    const e = failure(() => parseSoapEnvelope(bomb));
    expect([e.code, e.mm7Status, e.httpStatus]).toEqual(['GMMSC_ERR_BAD_XML', 2007, 500]);
  });

  it('refuses an external entity declaration and an undeclared entity reference with 2007', () => {
    expect(failure(() => parseSoapEnvelope('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).code).toBe('GMMSC_ERR_BAD_XML');
    expect(failure(() => parseSoapEnvelope(envelope(`<CancelReq xmlns="${NS}">&x;</CancelReq>`))).code).toBe('GMMSC_ERR_BAD_XML');
  });

  it('refuses malformed XML, two roots, undeclared prefixes and deep nesting with 2007', () => {
    for (const xml of ['<a><b></a>', '<a/><b/>', '<p:a/>', '<a>'.repeat(40) + '</a>'.repeat(40), '<a x="1" x="2"/>', '<a/>text', '']) {
      const e = failure(() => parseSoapEnvelope(xml));
      expect([e.code, e.mm7Status], xml).toEqual(['GMMSC_ERR_BAD_XML', 2007]);
    }
  });

  it('refuses a document over the size or element limit with 2004 and HTTP 413', () => {
    const big = failure(() => parseSoapEnvelope(`<a>${'x'.repeat(100)}</a>`, { maxChars: 50 }));
    expect([big.code, big.mm7Status, big.httpStatus]).toEqual(['GMMSC_ERR_TOO_LARGE', 2004, 413]);
    const many = failure(() => parseSoapEnvelope(`<a>${'<b/>'.repeat(20)}</a>`, { maxElements: 10 }));
    expect([many.code, many.mm7Status, many.httpStatus]).toEqual(['GMMSC_ERR_TOO_LARGE', 2004, 413]);
  });

  it('reads prefixes, the default namespace and CRLF line ends', () => {
    const env = parseSoapEnvelope(envelope(`<CancelReq xmlns="${NS}">\r\n<MM7Version>6.8.0</MM7Version></CancelReq>`).replace('<env:Header>', '<env:Header>\r\n'));
    expect([env.transactionId, env.namespace, env.body.name, env.body.text]).toEqual(['t', NS, 'CancelReq', '\n']);
  });
});

describe('MM7 envelope errors carry the StatusCode to answer', () => {
  it('an unknown MM7 schema release is 4002', () => {
    const xml = SUBMIT_RSP_XML.replaceAll('REL-6-MM7-1-4', 'REL-9-MM7-1-0');
    expect(failure(() => parseMm7Envelope(xml)).mm7Status).toBe(4002);
  });

  it('a body outside any MM7 namespace is 2007', () => {
    const e = failure(() => parseMm7Envelope(envelope('<SubmitReq xmlns="urn:other"><MM7Version>6.8.0</MM7Version></SubmitReq>')));
    expect([e.code, e.mm7Status]).toEqual(['GMMSC_ERR_BAD_ENVELOPE', 2007]);
  });

  it('an unknown operation is 4003', () => {
    expect(failure(() => parseMm7Envelope(envelope(`<FetchReq xmlns="${NS}"><MM7Version>6.8.0</MM7Version></FetchReq>`))).mm7Status).toBe(4003);
  });

  it('a missing MM7Version or recipient list is 2007, an empty recipient list 2002', () => {
    expect(failure(() => parseMm7Envelope(SUBMIT_TEXT_ONLY_XML.replace('<MM7Version>6.8.0</MM7Version>', ''))).mm7Status).toBe(2007);
    expect(failure(() => parseMm7Envelope(SUBMIT_TEXT_ONLY_XML.replace(/<Recipients>[\s\S]*<\/Recipients>/, ''))).mm7Status).toBe(2007);
    expect(failure(() => parseMm7Envelope(SUBMIT_TEXT_ONLY_XML.replace(/<Recipients>[\s\S]*<\/Recipients>/, '<Recipients><To/></Recipients>'))).mm7Status).toBe(2002);
  });

  it('a root that is not a SOAP 1.1 Envelope, or a Body with two elements, is 2007', () => {
    expect(failure(() => parseMm7Envelope(`<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body/></Envelope>`)).code).toBe('GMMSC_ERR_BAD_ENVELOPE');
    expect(failure(() => parseMm7Envelope(envelope(`<CancelRsp xmlns="${NS}"/><CancelRsp xmlns="${NS}"/>`))).code).toBe('GMMSC_ERR_BAD_ENVELOPE');
  });

  it('reads a missing TransactionID as null', () => {
    const xml = envelope(`<CancelReq xmlns="${NS}"><MM7Version>6.8.0</MM7Version><MessageID>1</MessageID></CancelReq>`, '');
    expect(parseMm7Envelope(xml).transactionId).toBeNull();
  });

  it('a bad boolean or StatusCode is 2007', () => {
    expect(failure(() => parseMm7Envelope(SUBMIT_TEXT_ONLY_XML.replace('<DeliveryReport>true', '<DeliveryReport>yes'))).mm7Status).toBe(2007);
    expect(failure(() => parseMm7Envelope(SUBMIT_RSP_XML.replace('<StatusCode>1000', '<StatusCode>OK'))).mm7Status).toBe(2007);
  });
});

describe('strict MIME', () => {
  const soap = SUBMIT_TEXT_ONLY_XML;
  const related = 'multipart/related; boundary="b1"; type="text/xml"; start="<soap>"';
  const part = (headers: string[], body: string) => [...headers, '', body].join('\r\n');
  const wire = (...parts: string[]) => Buffer.from(parts.map((p) => `--b1\r\n${p}\r\n`).join('') + '--b1--\r\n');
  const soapPart = part(['Content-Type: text/xml; charset=utf-8', 'Content-ID: <soap>'], soap);
  const contentPart = part(['Content-Type: text/plain', 'Content-ID: <mms-content>'], 'hello');

  it('accepts a well-formed request', () => {
    expect(decodeMm7Http(related, wire(soapPart, contentPart)).content?.body.toString()).toBe('hello');
  });

  it('refuses a body without the close delimiter', () => {
    const body = Buffer.from(`--b1\r\n${soapPart}\r\n--b1\r\n${contentPart}`);
    expect(failure(() => decodeMm7Http(related, body)).code).toBe('GMMSC_ERR_BAD_MIME');
  });

  it('refuses a line that merely starts with the delimiter', () => {
    const body = Buffer.from(`--b1\r\n${soapPart}\r\n--b1x\r\n${contentPart}\r\n--b1--\r\n`);
    expect(failure(() => decodeMm7Http(related, body)).code).toBe('GMMSC_ERR_BAD_MIME');
  });

  it('refuses LF-only line ends', () => {
    expect(failure(() => decodeMm7Http(related, Buffer.from(wire(soapPart, contentPart).toString().replaceAll('\r\n', '\n')))).code).toBe('GMMSC_ERR_BAD_MIME');
  });

  it('refuses a missing, invalid or absent boundary', () => {
    expect(failure(() => decodeMm7Http('multipart/related; type="text/xml"', wire(soapPart))).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => decodeMm7Http(`multipart/related; boundary="${'x'.repeat(71)}"`, wire(soapPart))).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => decodeMm7Http('multipart/related; boundary=zz', wire(soapPart))).code).toBe('GMMSC_ERR_BAD_MIME');
  });

  it('refuses a start that names no part, and a Content href that names no part', () => {
    expect(failure(() => decodeMm7Http(related.replace('<soap>', '<nope>'), wire(soapPart, contentPart))).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => decodeMm7Http(related, wire(soapPart))).code).toBe('GMMSC_ERR_NO_CONTENT');
  });

  it('answers wrong media types with HTTP 415', () => {
    for (const ct of ['application/json', 'multipart/form-data; boundary=b1', 'multipart/related; boundary=b1; type="application/xop+xml"', undefined]) {
      const e = failure(() => decodeMm7Http(ct, wire(soapPart)));
      expect(e.httpStatus).toBe(415);
    }
  });

  it('limits part size and part count with 413', () => {
    const big = part(['Content-Type: image/jpeg', 'Content-ID: <mms-content>'], 'x'.repeat(2000));
    expect(failure(() => decodeMm7Http(related, wire(soapPart, big), { maxPartBytes: 1000 })).httpStatus).toBe(413);
    const many = Array.from({ length: 10 }, (_, i) => part([`Content-ID: <p${i}>`], 'x'));
    expect(failure(() => decodeMm7Http(related, wire(soapPart, contentPart, ...many), { maxParts: 5 })).httpStatus).toBe(413);
  });

  it('refuses broken part headers and transfer encodings', () => {
    expect(failure(() => decodeMm7Http(related, wire(soapPart, part(['Content-Type: text/plain', 'Content-ID: <mms-content>', 'Content-Transfer-Encoding: base64'], '*not base64*')))).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => decodeMm7Http(related, wire(soapPart, part(['Content-Type: text/plain', 'Content-Type: image/jpeg'], 'x')))).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => decodeMm7Http(related, wire(soapPart, part(['no colon here'], 'x')))).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => decodeMm7Http(related, wire(soapPart, part(['Content-Transfer-Encoding: x-uue'], 'x')))).code).toBe('GMMSC_ERR_BAD_MIME');
  });

  it('parses quoted Content-Type parameters and refuses broken ones', () => {
    expect(parseContentType('Multipart/Related; Boundary="a \\"b\\""; start=<x>'.replace('<x>', '"<x>"'))).toEqual({ mediaType: 'multipart/related', params: { boundary: 'a "b"', start: '<x>' } });
    expect(failure(() => parseContentType('text/xml; charset="utf-8')).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => parseContentType('text/xml; charset=a; charset=b')).code).toBe('GMMSC_ERR_BAD_MIME');
    expect(failure(() => parseContentType('textxml')).code).toBe('GMMSC_ERR_BAD_MIME');
  });

  it('accepts a preamble before the first delimiter', () => {
    const body = Buffer.from(`This is a preamble\r\n--b1\r\n${part(['Content-Type: text/plain'], 'a')}\r\n--b1--`);
    expect(parseMultipart(body, parseContentType('multipart/mixed; boundary=b1')).map((p) => p.body.toString())).toEqual(['a']);
  });
});
