import { describe, expect, it } from 'vitest';
import { buildMm7Envelope, parseMm7Envelope } from '../../../../gateways/gmmsc/codec/mm7-envelope.ts';
import { buildMmContent, decodeMm7Http, encodeMm7Http } from '../../../../gateways/gmmsc/codec/mm7-http.ts';
import type { SubmitReq } from '../../../../gateways/gmmsc/codec/mm7-message.ts';
import {
  DELIVER_REQ,
  DELIVERY_REPORT,
  DELIVERY_REPORT_XML,
  fakeJpeg,
  FAULT_DEFAULT_NS_XML,
  NS,
  NS5,
  SUBMIT_RSP_XML,
  SUBMIT_TEXT_ONLY,
  SUBMIT_TEXT_ONLY_XML,
} from './gmmsc-fixtures.ts';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('MM7 golden documents', () => {
  it('writes a text-only SubmitReq exactly, children in schema order, and reads it back', () => {
    const xml = buildMm7Envelope({ transactionId: 'vasp-0001', namespace: NS, message: SUBMIT_TEXT_ONLY }, { pretty: true });
    expect(xml).toBe(SUBMIT_TEXT_ONLY_XML);
    expect(parseMm7Envelope(xml)).toEqual({ transactionId: 'vasp-0001', namespace: NS, message: SUBMIT_TEXT_ONLY });
  });

  it('sends a text-only SubmitReq as text/xml', () => {
    const http = encodeMm7Http({ transactionId: 'vasp-0001', namespace: NS, message: { ...SUBMIT_TEXT_ONLY, content: undefined } });
    expect(http.contentType).toBe('text/xml; charset="utf-8"');
    const d = decodeMm7Http(http.contentType, http.body);
    expect(d.content).toBeNull();
    expect(d.envelope.message).toMatchObject({ kind: 'SubmitReq', subject: '공지 & 안내' });
  });

  it('writes a SubmitReq with SMIL, text and three JPEGs as nested multipart/related, byte for byte', () => {
    const jpegs = [fakeJpeg(1, 12), fakeJpeg(2, 12), fakeJpeg(3, 12)];
    const smil = '<smil><body><par dur="5s"><img src="cid:img1"/></par></body></smil>';
    const content = buildMmContent(
      [
        { contentType: 'application/smil', contentId: 'smil', body: smil },
        { contentType: 'text/plain; charset=utf-8', contentId: 'text', contentLocation: 'text.txt', body: '안녕하세요' },
        ...jpegs.map((j, i) => ({ contentType: 'image/jpeg', contentId: `img${i + 1}`, contentLocation: `img${i + 1}.jpg`, transferEncoding: 'base64' as const, body: j })),
      ],
      { start: 'smil', boundary: 'inner' },
    );
    const submit: SubmitReq = { ...SUBMIT_TEXT_ONLY, content: { href: 'cid:mms-content' } };
    const xml = buildMm7Envelope({ transactionId: 't3', namespace: NS, message: submit });
    const http = encodeMm7Http(xml, { content, boundary: 'outer' });

    expect(http.contentType).toBe('multipart/related; boundary=outer; type="text/xml"; start="<mm7-soap>"');
    const inner = crlf([
      '--inner',
      'Content-Type: application/smil',
      'Content-ID: <smil>',
      '',
      smil,
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-ID: <text>',
      'Content-Location: text.txt',
      '',
      '안녕하세요',
      ...jpegs.flatMap((j, i) => ['--inner', 'Content-Type: image/jpeg', `Content-ID: <img${i + 1}>`, `Content-Location: img${i + 1}.jpg`, 'Content-Transfer-Encoding: base64', '', j.toString('base64')]),
      '--inner--',
      '',
    ]);
    const expected = crlf([
      '--outer',
      'Content-Type: text/xml; charset="utf-8"',
      'Content-ID: <mm7-soap>',
      '',
      xml,
      '--outer',
      'Content-Type: multipart/related; boundary=inner; type="application/smil"; start="<smil>"',
      'Content-ID: <mms-content>',
      '',
      inner,
      '--outer--',
      '',
    ]);
    expect(http.body.toString('utf8')).toBe(expected);

    const d = decodeMm7Http(http.contentType, http.body);
    expect(d.envelope.message).toEqual(submit);
    expect(d.content?.contentType.mediaType).toBe('multipart/related');
    const parts = d.content?.parts ?? [];
    expect(parts.map((p) => p.contentType.mediaType)).toEqual(['application/smil', 'text/plain', 'image/jpeg', 'image/jpeg', 'image/jpeg']);
    expect(parts[1].body.toString('utf8')).toBe('안녕하세요');
    expect(parts.slice(2).map((p) => p.body)).toEqual(jpegs);
  });

  it('reads a SubmitRsp with its MessageID', () => {
    expect(parseMm7Envelope(SUBMIT_RSP_XML)).toEqual({
      transactionId: 'vasp-0001',
      namespace: NS,
      message: { kind: 'SubmitRsp', mm7Version: '6.8.0', status: { code: 1000, text: 'Success' }, messageId: 'KT20261120000001' },
    });
  });

  it('reads a Fault written with the MM7 namespace as default on the Envelope', () => {
    const env = parseMm7Envelope(FAULT_DEFAULT_NS_XML);
    expect(env.transactionId).toBe('tx-77');
    expect(env.namespace).toBe(NS);
    expect(env.message).toEqual({
      kind: 'Fault',
      faultCode: 'Client',
      faultString: 'Client error',
      detail: { kind: 'RSErrorRsp', mm7Version: '6.8.0', status: { code: 2002, text: 'Address Error', details: 'recipient 0101 is not a mobile number' } },
    });
  });

  it('writes a Fault with env:Client for 2xxx and env:Server for 4xxx, RSErrorRsp in the MM7 namespace', () => {
    const write = (code: number) =>
      buildMm7Envelope({ transactionId: 'x', namespace: NS5, message: { kind: 'Fault', faultCode: code < 3000 ? 'Client' : 'Server', faultString: 'e', detail: { kind: 'RSErrorRsp', mm7Version: '5.3.0', status: { code } } } });
    expect(write(2007)).toContain('<faultcode>env:Client</faultcode>');
    expect(write(2007)).toContain(`<detail><RSErrorRsp xmlns="${NS5}"><MM7Version>5.3.0</MM7Version><Status><StatusCode>2007</StatusCode><StatusText>Message format corrupt</StatusText></Status></RSErrorRsp></detail>`);
    expect(parseMm7Envelope(write(4006)).message).toMatchObject({ faultCode: 'Server', detail: { status: { code: 4006, text: 'Service unavailable' } } });
  });

  it('writes a DeliveryReportReq exactly in a Rel-5 namespace and reads it back', () => {
    const xml = buildMm7Envelope({ transactionId: 'rs-42', namespace: NS5, message: DELIVERY_REPORT }, { pretty: true });
    expect(xml).toBe(DELIVERY_REPORT_XML);
    expect(parseMm7Envelope(xml).message).toEqual(DELIVERY_REPORT);
  });

  it('round-trips a DeliverReq with multipart/mixed MO content referenced by cid', () => {
    const content = buildMmContent(
      [
        { contentType: 'text/plain; charset=utf-8', contentId: 'mo-text', body: '문의합니다' },
        { contentType: 'image/jpeg', contentId: 'mo-img', body: fakeJpeg(9) },
      ],
      { mediaType: 'multipart/mixed' },
    );
    const http = encodeMm7Http({ transactionId: 'mo-tx', namespace: NS, message: DELIVER_REQ }, { content: { ...content, contentId: 'mo-content' } });
    const d = decodeMm7Http(http.contentType, http.body);
    expect(d.envelope).toEqual({ transactionId: 'mo-tx', namespace: NS, message: DELIVER_REQ });
    expect(d.content?.contentType.mediaType).toBe('multipart/mixed');
    expect(d.content?.parts?.map((p) => p.contentId)).toEqual(['mo-text', 'mo-img']);
  });

  it('finds the content by Content-Location when href is not a cid: URL', () => {
    const content = buildMmContent([{ contentType: 'text/plain', body: 'hi' }], { mediaType: 'multipart/mixed' });
    const xml = buildMm7Envelope({ transactionId: 'l', namespace: NS, message: { ...SUBMIT_TEXT_ONLY, content: { href: 'mms.content' } } });
    const body = Buffer.from(
      crlf(['--b', 'Content-Type: text/xml', 'Content-ID: <soap>', '', xml, '--b', `Content-Type: ${content.contentType}`, 'Content-Location: mms.content', '', content.body.toString('latin1'), '--b--', '']),
      'latin1',
    );
    const d = decodeMm7Http('multipart/related; boundary=b; type=text/xml; start=soap', body);
    expect(d.content?.parts?.[0].body.toString()).toBe('hi');
  });
});
