import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../../../gateways/kit/canonical-reason.ts';
import { MM7_STATUS } from '../../../../gateways/gmmsc/codec/mm7-status.ts';
import { parseMm7Target, redactMm7Target, resolveClientOptions } from '../../../../gateways/gmmsc/client/client-options.ts';
import { buildMmsContent } from '../../../../gateways/gmmsc/client/mms-content.ts';
import { outcomeForMmStatus, rejectionForHttp, rejectionForStatus, REJECT_REASON_BY_STATUS } from '../../../../gateways/gmmsc/client/mm7-outcome-table.ts';

describe('MM7 outcome table', () => {
  it('maps every refusing StatusCode the codec knows, and nothing else', () => {
    const refusing = Object.keys(MM7_STATUS).map(Number).filter((c) => c >= 2000).sort();
    expect(Object.keys(REJECT_REASON_BY_STATUS).map(Number).sort()).toEqual(refusing);
    for (const reason of Object.values(REJECT_REASON_BY_STATUS)) expect(REJECT_REASONS).toContain(reason);
  });

  it('names the canonical reasons the round trips depend on', () => {
    expect(rejectionForStatus(2002)).toMatchObject({ reason: 'invalid-destination', transient: false, codeName: 'Address Error' });
    expect(rejectionForStatus(2003)).toMatchObject({ reason: 'no-subscriber', transient: false });
    expect(rejectionForStatus(2004)).toMatchObject({ reason: 'content-refused', transient: false });
    expect(rejectionForStatus(4001)).toMatchObject({ reason: 'auth-failed', transient: false });
    expect(rejectionForStatus(4002)).toMatchObject({ reason: 'unsupported', transient: false });
    expect(rejectionForStatus(4006)).toMatchObject({ reason: 'service-unavailable', transient: true });
    expect(rejectionForStatus(3000)).toMatchObject({ reason: 'system-error', transient: true });
  });

  it('judges private codes by their class: 2xxx permanent, 3xxx/4xxx retried', () => {
    expect(rejectionForStatus(2572)).toMatchObject({ reason: 'invalid-content', transient: false, code: 2572 });
    expect(rejectionForStatus(2572).codeName).toBeUndefined();
    expect(rejectionForStatus(3005)).toMatchObject({ reason: 'system-error', transient: true });
    expect(rejectionForStatus(4500)).toMatchObject({ reason: 'system-error', transient: true });
  });

  it('reads HTTP statuses without an MM7 body', () => {
    expect(rejectionForHttp(401)).toMatchObject({ reason: 'auth-failed', transient: false, code: 'HTTP 401' });
    expect(rejectionForHttp(429)).toMatchObject({ reason: 'throttled', transient: true });
    expect(rejectionForHttp(503)).toMatchObject({ reason: 'service-unavailable', transient: true });
    expect(rejectionForHttp(415)).toMatchObject({ reason: 'invalid-content', transient: false });
  });

  it('maps MMStatus of delivery and read-reply reports', () => {
    expect(outcomeForMmStatus('delivery', 'Retrieved')).toEqual({ outcome: 'delivered', final: true });
    expect(outcomeForMmStatus('delivery', 'retrieved')).toEqual({ outcome: 'delivered', final: true });
    expect(outcomeForMmStatus('delivery', 'Forwarded')).toEqual({ outcome: 'delivered', final: true });
    expect(outcomeForMmStatus('delivery', 'Unrecognised')).toEqual({ outcome: 'undeliverable', final: true });
    expect(outcomeForMmStatus('delivery', 'SomethingNew')).toEqual({ outcome: 'unknown', final: true });
    expect(outcomeForMmStatus('read-reply', 'Deleted')).toEqual({ outcome: 'delivered', final: true });
    expect(outcomeForMmStatus('read-reply', 'Retrieved')).toEqual({ outcome: 'unknown', final: true });
  });
});

describe('client options and content', () => {
  it('reads http://user:password@host:port/path, percent-decoding credentials', () => {
    expect(parseMm7Target('http://va%40sp:p%3Ass@127.0.0.1:8081/mm7?x=1')).toEqual({ origin: 'http://127.0.0.1:8081', path: '/mm7?x=1', username: 'va@sp', password: 'p:ss' });
    expect(redactMm7Target('http://u:secret@h:1/mm7')).toBe('http://u:***@h:1/mm7');
    expect(() => parseMm7Target('smpp://u:p@h:1')).toThrow(/http/);
    const o = resolveClientOptions({ target: 'http://u:p@h:1/mm7', namespace: 'REL-5-MM7-1-2' });
    expect(o).toMatchObject({ vaspId: 'u', mm7Version: '5.3.0', namespace: 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-5-MM7-1-2' });
    expect(() => resolveClientOptions({ target: 'http://u:p@h:1/mm7', connections: 0 })).toThrow(/connections/);
  });

  it('lays out one SMIL slide per image with the text on the first', () => {
    const c = buildMmsContent({ text: 'hi', images: [{ data: new Uint8Array([1]) }, { data: new Uint8Array([2]), name: 'b.jpg' }] });
    expect(c.parts.map((p) => p.contentLocation)).toEqual(['smil.xml', 'text.txt', 'image1.jpg', 'b.jpg']);
    const smil = new TextDecoder().decode(c.parts[0].body);
    expect(smil.match(/<par /g)).toHaveLength(2);
    expect(smil.indexOf('text.txt')).toBeLessThan(smil.indexOf('b.jpg'));
    expect(buildMmsContent({ text: 'only' }).smilId).toBeNull();
    expect(() => buildMmsContent({ images: [{ data: new Uint8Array(1), name: '../x' }] })).toThrow(/image name/);
  });
});
