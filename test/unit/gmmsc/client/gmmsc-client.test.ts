import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { parseMm7Envelope } from '../../../../gateways/gmmsc/codec/mm7-envelope.ts';
import type { SubmitReq } from '../../../../gateways/gmmsc/codec/mm7-message.ts';
import type { GmmscClientOptions } from '../../../../gateways/gmmsc/client/client-options.ts';
import { createGmmscClient, type GmmscClient } from '../../../../gateways/gmmsc/client/gmmsc-client.ts';
import type { GmmscMo, GmmscReport } from '../../../../gateways/gmmsc/client/callback-reader.ts';
import { accept, postCallback, startFakeMmsc, type FakeMmsc } from './fake-mmsc.ts';

const REL5 = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-5-MM7-1-3';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
let fake: FakeMmsc | null = null;
let client: GmmscClient | null = null;

afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = null;
  fake = null;
});

async function start(opts: Omit<GmmscClientOptions, 'target'> = {}, script = accept('M1')) {
  fake = await startFakeMmsc(script);
  client = createGmmscClient({ target: fake.url(), ...opts });
  await client.connect();
  return { fake, client };
}

describe('GMMSC client submit', () => {
  it('sends a text LMS as multipart/related with the SOAP part first, Basic auth and SOAPAction', async () => {
    const { fake, client } = await start({ vaspId: 'VASP1', vasId: 'SVC1', serviceCode: 'LMS' });
    const out = await client.submit({ source: '15880000', destination: '01012340001', subject: '공지', text: '안녕하세요 LMS 본문' });
    expect(out).toMatchObject({ kind: 'accepted', messageIds: ['M1'], code: 1000, partial: false });
    const req = fake.seen[0];
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('vasp:secret').toString('base64')}`);
    expect(req.headers.soapaction).toBe('""');
    expect(req.contentType).toMatch(/^multipart\/related;/);
    expect(req.contentType).toMatch(/type="?text\/xml/);
    expect(req.raw.toString('latin1').indexOf('text/xml')).toBeLessThan(req.raw.toString('latin1').indexOf('text/plain'));
    const env = req.decoded!.envelope;
    expect(env.namespace).toBe('http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4');
    const sub = env.message as SubmitReq;
    expect(sub).toMatchObject({ mm7Version: '6.8.0', vaspId: 'VASP1', vasId: 'SVC1', serviceCode: 'LMS', subject: '공지', deliveryReport: true });
    expect(sub.senderAddress).toEqual({ kind: 'Number', value: '15880000' });
    expect(sub.recipients.to).toEqual([{ kind: 'Number', value: '01012340001' }]);
    const parts = req.decoded!.content!.parts!;
    expect(parts.map((p) => p.contentType.mediaType)).toEqual(['text/plain']);
    expect(parts[0].body.toString('utf8')).toBe('안녕하세요 LMS 본문');
    expect(out.kind === 'accepted' && out.transactionId).toBe(env.transactionId);
  });

  it('sends an MMS with three JPEGs and a SMIL that is the start of the MM content', async () => {
    const { fake, client } = await start();
    const out = await client.submit({ source: '15880000', destination: '01012340001', text: '사진', images: [{ data: JPEG }, { data: JPEG }, { data: JPEG }] });
    expect(out.kind).toBe('accepted');
    const content = fake.seen[0].decoded!.content!;
    expect(content.contentType.mediaType).toBe('multipart/related');
    expect(content.contentType.params.start).toBe('<smil>');
    const parts = content.parts!;
    expect(parts.map((p) => p.contentType.mediaType)).toEqual(['application/smil', 'text/plain', 'image/jpeg', 'image/jpeg', 'image/jpeg']);
    expect(parts.slice(2).every((p) => p.body.equals(JPEG))).toBe(true);
    const smil = parts[0].body.toString('utf8');
    for (const loc of ['image1.jpg', 'image2.jpg', 'image3.jpg', 'text.txt']) expect(smil).toContain(`src="${loc}"`);
    expect(parts.slice(1).map((p) => p.contentLocation)).toEqual(['text.txt', 'image1.jpg', 'image2.jpg', 'image3.jpg']);
  });

  it('writes the configured namespace and MM7Version', async () => {
    const { fake, client } = await start({ namespace: 'REL-5-MM7-1-3' });
    await client.submit({ source: '15880000', destination: '01012340001', text: 'x' });
    expect(fake.seen[0].decoded!.envelope.namespace).toBe(REL5);
    expect((fake.seen[0].decoded!.envelope.message as SubmitReq).mm7Version).toBe('5.3.0');
  });

  it('reads a refusing SubmitRsp through the one StatusCode table (2004 -> content-refused, permanent)', async () => {
    const { client } = await start({}, () => ({ kind: 'mm7', message: { kind: 'SubmitRsp', mm7Version: '6.8.0', status: { code: 2004, text: 'too big' } } }));
    const out = await client.submit({ source: '15880000', destination: '01012340001', text: 'x' });
    expect(out).toEqual({ kind: 'rejected', reason: 'content-refused', transient: false, code: 2004, codeName: 'Multimedia content refused', text: 'too big' });
  });

  it('reads a Fault with RSErrorRsp (4006 -> service-unavailable, transient) and one without detail by its HTTP status', async () => {
    let n = 0;
    const { client } = await start({}, () =>
      n++ === 0
        ? { kind: 'mm7', message: { kind: 'Fault', faultCode: 'Server', faultString: 'busy', detail: { kind: 'RSErrorRsp', mm7Version: '6.8.0', status: { code: 4006 } } } }
        : { kind: 'mm7', http: 500, message: { kind: 'Fault', faultCode: 'Server', faultString: 'oops', detail: null } },
    );
    expect(await client.submit({ source: '1', destination: '2', text: 'x' })).toMatchObject({ kind: 'rejected', reason: 'service-unavailable', transient: true, code: 4006 });
    expect(await client.submit({ source: '1', destination: '2', text: 'x' })).toMatchObject({ kind: 'rejected', reason: 'system-error', transient: true, code: 'HTTP 500' });
  });

  it('reads HTTP 401 without a SOAP body as auth-failed', async () => {
    const { client } = await start({}, () => ({ kind: 'raw', http: 401, body: 'Unauthorized' }));
    expect(await client.submit({ source: '1', destination: '2', text: 'x' })).toMatchObject({ kind: 'rejected', reason: 'auth-failed', transient: false, code: 'HTTP 401' });
  });

  it('leaves the fate open for a 200 it cannot read, and counts a TransactionID the MMSC did not echo', async () => {
    let n = 0;
    const { client } = await start({}, () =>
      n++ === 0
        ? { kind: 'raw', http: 200, contentType: 'text/xml', body: '<nope' }
        : { kind: 'mm7', transactionId: 'someone-else', message: { kind: 'SubmitRsp', mm7Version: '6.8.0', status: { code: 1000 }, messageId: 'M2' } },
    );
    expect((await client.submit({ source: '1', destination: '2', text: 'x' })).kind).toBe('timeout');
    expect((await client.submit({ source: '1', destination: '2', text: 'x' })).kind).toBe('accepted');
    expect(client.stats()).toMatchObject({ submitted: 2, accepted: 1, timeouts: 1, transactionMismatches: 1 });
  });

  it('times out on the injected clock when the MMSC never answers', async () => {
    const clock = createManualClock(0);
    const { fake, client } = await start({ clock, responseTimeoutMs: 2000 }, () => ({ kind: 'hang' }));
    const pending = client.submit({ source: '1', destination: '2', text: 'x' });
    while (fake.seen.length === 0) await new Promise((r) => setImmediate(r));
    clock.advance(1999);
    expect(client.stats().inFlight).toBe(1);
    clock.advance(1);
    expect(await pending).toMatchObject({ kind: 'timeout' });
    expect(client.stats().inFlight).toBe(0);
  });

  it('rejects as service-unavailable (transient) when nothing listens on the target', async () => {
    fake = await startFakeMmsc();
    const url = fake.url();
    await fake.close();
    fake = null;
    client = createGmmscClient({ target: url, callback: false });
    await client.connect();
    expect(await client.submit({ source: '1', destination: '2', text: 'x' })).toMatchObject({ kind: 'rejected', reason: 'service-unavailable', transient: true });
  });

  it('refuses misuse: submit before connect, after close, and a message without content', async () => {
    fake = await startFakeMmsc();
    client = createGmmscClient({ target: fake.url() });
    await expect(client.submit({ source: '1', destination: '2', text: 'x' })).rejects.toMatchObject({ code: 'GMMSC_ERR_NOT_CONNECTED' });
    await client.connect();
    await expect(client.submit({ source: '1', destination: '2' })).rejects.toMatchObject({ code: 'GMMSC_ERR_BAD_MESSAGE' });
    await client.close();
    await expect(client.submit({ source: '1', destination: '2', text: 'x' })).rejects.toMatchObject({ code: 'GMMSC_ERR_CLOSED' });
  });
});

describe('GMMSC client callback receiver', () => {
  it('turns DeliveryReportReq into a report with the caller reference and answers DeliveryReportRsp in the request namespace and TransactionID', async () => {
    const { client } = await start({}, accept('MSG-7'));
    const reports: GmmscReport[] = [];
    client.on('report', (r) => reports.push(r));
    await client.submit({ source: '15880000', destination: '01012340001', text: 'x', reference: 'ref-1' });
    const res = await postCallback(client.callbackUrl()!, {
      kind: 'DeliveryReportReq',
      mm7Version: '5.3.0',
      messageId: 'MSG-7',
      recipient: { kind: 'Number', value: '01012340001' },
      sender: { kind: 'Number', value: '15880000' },
      date: '2026-11-20T12:00:00+09:00',
      mmStatus: 'Retrieved',
    }, { transactionId: 'DR-42', namespace: REL5 });
    expect(res.status).toBe(200);
    const rsp = parseMm7Envelope(res.body);
    expect(rsp).toMatchObject({ transactionId: 'DR-42', namespace: REL5, message: { kind: 'DeliveryReportRsp', mm7Version: '5.3.0', status: { code: 1000 } } });
    expect(reports).toEqual([
      expect.objectContaining({ type: 'delivery', messageId: 'MSG-7', outcome: 'delivered', final: true, code: 'Retrieved', reference: 'ref-1', recipient: '01012340001', at: Date.parse('2026-11-20T12:00:00+09:00') }),
    ]);
  });

  it('maps MMStatus to outcomes: Expired -> expired, Rejected -> rejected, Indeterminate -> unknown, Deferred -> not final', async () => {
    const { client } = await start();
    const reports: GmmscReport[] = [];
    client.on('report', (r) => reports.push(r));
    for (const mmStatus of ['Expired', 'Rejected', 'Indeterminate', 'Deferred']) {
      await postCallback(client.callbackUrl()!, {
        kind: 'DeliveryReportReq', mm7Version: '6.8.0', messageId: 'M', recipient: { kind: 'Number', value: '1' }, sender: { kind: 'Number', value: '2' }, date: '2026-11-20T12:00:00Z', mmStatus,
      });
    }
    expect(reports.map((r) => [r.code, r.outcome, r.final])).toEqual([['Expired', 'expired', true], ['Rejected', 'rejected', true], ['Indeterminate', 'unknown', true], ['Deferred', 'unknown', false]]);
  });

  it('answers ReadReplyReq with ReadReplyRsp and reports it as a read-reply', async () => {
    const { client } = await start();
    const reports: GmmscReport[] = [];
    client.on('report', (r) => reports.push(r));
    const res = await postCallback(client.callbackUrl()!, {
      kind: 'ReadReplyReq', mm7Version: '6.8.0', messageId: 'M9', recipient: { kind: 'Number', value: '1' }, sender: { kind: 'Number', value: '2' }, timeStamp: '2026-11-20T12:00:00Z', mmStatus: 'Read',
    });
    expect(parseMm7Envelope(res.body).message.kind).toBe('ReadReplyRsp');
    expect(reports[0]).toMatchObject({ type: 'read-reply', messageId: 'M9', outcome: 'delivered', code: 'Read' });
  });

  it('turns DeliverReq into an mo event with its parts and answers DeliverRsp', async () => {
    const { client } = await start();
    const mos: GmmscMo[] = [];
    client.on('mo', (m) => mos.push(m));
    const res = await postCallback(
      client.callbackUrl()!,
      { kind: 'DeliverReq', mm7Version: '6.8.0', sender: { kind: 'Number', value: '01012340001' }, recipients: { to: [{ kind: 'ShortCode', value: '15880000' }], cc: [], bcc: [] }, subject: '답장', content: { href: 'cid:mo' } },
      { content: { contentType: 'text/plain; charset="euc-kr"', body: iconv.encode('네 좋아요', 'euc-kr'), contentId: 'mo' } },
    );
    expect(res.status).toBe(200);
    expect(parseMm7Envelope(res.body).message).toMatchObject({ kind: 'DeliverRsp', status: { code: 1000 } });
    expect(mos[0]).toMatchObject({ sender: '01012340001', recipients: ['15880000'], subject: '답장', text: '네 좋아요' });
  });

  it('answers unreadable callbacks with a Fault carrying VASPErrorRsp, and a SubmitReq with 4003', async () => {
    const { client } = await start();
    const garbage = await fetch(client.callbackUrl()!, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<env:Envelope' });
    expect(garbage.status).toBe(500);
    const fault = parseMm7Envelope(await garbage.text()).message;
    expect(fault).toMatchObject({ kind: 'Fault', faultCode: 'Client', detail: { kind: 'VASPErrorRsp', status: { code: 2007 } } });
    const wrong = await postCallback(client.callbackUrl()!, { kind: 'SubmitReq', mm7Version: '6.8.0', recipients: { to: [{ kind: 'Number', value: '1' }], cc: [], bcc: [] } }, { transactionId: 'T-9' });
    const f2 = parseMm7Envelope(wrong.body);
    expect(f2.transactionId).toBe('T-9');
    expect(f2.message).toMatchObject({ kind: 'Fault', detail: { status: { code: 4003 } } });
    expect(client.stats().callbackFaults).toBe(2);
  });

  it('asks for HTTP Basic credentials on callbacks when configured', async () => {
    const { client } = await start({ callback: { username: 'mmsc', password: 'pw' } });
    const msg = { kind: 'DeliveryReportReq', mm7Version: '6.8.0', messageId: 'M', recipient: { kind: 'Number', value: '1' }, sender: { kind: 'Number', value: '2' }, date: '2026-11-20T12:00:00Z', mmStatus: 'Retrieved' } as const;
    expect((await postCallback(client.callbackUrl()!, msg)).status).toBe(401);
    expect((await postCallback(client.callbackUrl()!, msg, { auth: `Basic ${Buffer.from('mmsc:pw').toString('base64')}` })).status).toBe(200);
  });
});
