import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { jpeg, mmsParts, startHarness, statusOf, submitReq, type Harness } from './gmmsc-sim-harness.ts';

let h: Harness;
afterEach(async () => h?.close());

describe('GMMSC SubmitReq', () => {
  it('accepts an LMS (no media) with SubmitRsp 1000 and a MessageID, echoing TransactionID, namespace and MM7Version', async () => {
    h = await startHarness();
    const ns5 = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-5-MM7-1-3';
    const res = await h.post(submitReq({ mm7Version: '5.6.0' }), { namespace: ns5, transactionId: 'lms-1', parts: [{ contentType: 'text/plain; charset=utf-8', contentId: 'text', body: '장문 메시지 본문' }] });
    expect(res.status).toBe(200);
    expect(res.envelope.transactionId).toBe('lms-1');
    expect(res.envelope.namespace).toBe(ns5);
    expect(res.raw).toContain('env:mustUnderstand="1"');
    expect(res.envelope.message).toMatchObject({ kind: 'SubmitRsp', mm7Version: '5.6.0', status: { code: 1000 } });
    expect((res.envelope.message as { messageId?: string }).messageId).toMatch(/^MSGSIM\d+$/);
    expect(h.sim.context.stats.snapshot()['submit:LMS']).toBe(1);
  });

  it('accepts an MMS with SMIL, text and three JPEGs of 300 KB', async () => {
    h = await startHarness();
    const res = await h.post(submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([jpeg(300 * 1024), jpeg(250 * 1024), jpeg(250 * 1024)]) });
    expect(statusOf(res.envelope)).toBe(1000);
    expect(h.sim.context.stats.snapshot()['submit:MMS']).toBe(1);
  });

  const refused: Array<[string, Parameters<Harness['post']>[0], Parameters<Harness['post']>[1]]> = [
    ['four images', submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([jpeg(100), jpeg(100), jpeg(100), jpeg(100)]) }],
    ['an image over 300 KB', submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([jpeg(300 * 1024 + 1)]) }],
    ['images over 800 KB together', submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([jpeg(290 * 1024), jpeg(290 * 1024), jpeg(290 * 1024)]) }],
    ['a GIF', submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([Buffer.from('GIF89a')], 'x', 'image/gif') }],
    ['bytes that are not a JPEG', submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([Buffer.from('not a jpeg at all')]) }],
    ['a subject of 41 EUC-KR bytes', submitReq({ subject: '가'.repeat(20) + 'a' }), undefined],
    ['text of 2002 EUC-KR bytes', submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([], '한'.repeat(1001)) }],
    ['audio', submitReq({ content: { href: 'cid:mms-content' } }), { parts: [{ contentType: 'audio/amr', contentId: 'a', body: 'x' }] }],
  ];
  it.each(refused)('refuses %s with a Fault 2004 Multimedia content refused', async (_name, message, opts) => {
    h = await startHarness();
    const res = await h.post(message, opts);
    expect(res.status).toBe(500);
    expect(res.envelope.message).toMatchObject({ kind: 'Fault', faultCode: 'Client', detail: { kind: 'RSErrorRsp', status: { code: 2004 } } });
  });

  it('takes a subject of exactly 40 EUC-KR bytes', async () => {
    h = await startHarness();
    expect(statusOf((await h.post(submitReq({ subject: '가'.repeat(20) }))).envelope)).toBe(1000);
  });

  it('answers wrong credentials with HTTP 401 and a Fault 4001, and a foreign VASPID with 4001', async () => {
    h = await startHarness();
    const bad = await h.post(submitReq(), { auth: 'Basic ' + Buffer.from('vasp1:nope').toString('base64') });
    expect(bad.status).toBe(401);
    expect(bad.headers['www-authenticate']).toContain('Basic');
    expect(statusOf(bad.envelope)).toBe(4001);
    expect(statusOf((await h.post(submitReq(), { transactionId: 'x' })).envelope)).toBe(1000);
    expect(statusOf((await h.post(submitReq({ vaspId: 'vasp2' }))).envelope)).toBe(4001);
    expect(statusOf((await h.post(submitReq({ vasId: 'other' }))).envelope)).toBe(4001);
  });

  it('refuses an unregistered callback number with 2001', async () => {
    h = await startHarness();
    const res = await h.post(submitReq({ senderAddress: { kind: 'Number', value: '0299998888' } }));
    expect(res.envelope.message).toMatchObject({ detail: { status: { code: 2001, text: expect.stringContaining('not registered') } } });
  });

  it('refuses a recipient that is not a mobile number with 2002 and an off-net recipient with 2001', async () => {
    h = await startHarness();
    expect(statusOf((await h.post(submitReq({}, ['0212345678']))).envelope)).toBe(2002);
    const off = await h.post(submitReq({}, [K.sktAndroid]));
    expect(off.envelope.message).toMatchObject({ detail: { status: { code: 2001, text: expect.stringContaining('not a subscriber of this network') } } });
  });

  it('answers 1100 Partial success when only some recipients fail, naming them in Details', async () => {
    h = await startHarness();
    const res = await h.post(submitReq({}, [K.ktIos, K.lguIos, '0212345678']));
    expect(res.envelope.message).toMatchObject({ kind: 'SubmitRsp', status: { code: 1100 } });
    const details = (res.envelope.message as { status: { details?: string } }).status.details ?? '';
    expect(details).toContain(`${K.lguIos}: 2001`);
    expect(details).toContain('0212345678: 2002');
  });

  it('refuses more recipients than configured with 3003', async () => {
    h = await startHarness({ recipients: { max: 2 } });
    expect(statusOf((await h.post(submitReq({}, [K.ktIos, K.ktAndroidRcs, K.ktAndroidNoRcs]))).envelope)).toBe(3003);
  });

  it('throttles a burst over the TPS limit with Fault 4006 and takes submits again once tokens refill', async () => {
    h = await startHarness({ behaviour: { version: 1, latency: 0, limits: { tps: { rate: 2, burst: 2 } } } });
    const codes: Array<number | undefined> = [];
    for (let i = 0; i < 4; i++) codes.push(statusOf((await h.post(submitReq())).envelope));
    expect(codes).toEqual([1000, 1000, 4006, 4006]);
    await h.advance(1000);
    expect(statusOf((await h.post(submitReq())).envelope)).toBe(1000);
  });

  it('answers with the behaviour latency in simulated time', async () => {
    h = await startHarness({ behaviour: { version: 1, latency: 500 } });
    let done = false;
    const pending = h.post(submitReq()).then((r) => ((done = true), r));
    await h.advance(0, () => h.clock.pending() > 0);
    await h.advance(499);
    expect(done).toBe(false);
    await h.advance(1, () => done);
    expect(statusOf((await pending).envelope)).toBe(1000);
  });

  it('maps a behaviour reject to its StatusCode (spam -> 3002)', async () => {
    h = await startHarness({ behaviour: { version: 1, rules: [{ when: { content: '대출' }, then: { reject: 'spam' } }] } });
    expect(statusOf((await h.post(submitReq({ subject: '대출 안내' }))).envelope)).toBe(3002);
  });
});

describe('GMMSC request errors', () => {
  it('answers a request without TransactionID with 2007', async () => {
    h = await startHarness();
    const res = await h.post(submitReq(), { transactionId: null });
    expect(statusOf(res.envelope)).toBe(2007);
  });

  it('answers an unsupported MM7Version with 4002 in the request namespace', async () => {
    h = await startHarness();
    const res = await h.post(submitReq({ mm7Version: '7.0.0' }), { transactionId: 'v7' });
    expect(res.envelope.transactionId).toBe('v7');
    expect(res.envelope.message).toMatchObject({ faultCode: 'Server', detail: { mm7Version: '7.0.0', status: { code: 4002 } } });
  });

  it('answers a VASP-bound operation sent to the relay with 4003', async () => {
    h = await startHarness();
    const res = await h.post({ kind: 'DeliveryReportReq', mm7Version: '6.8.0', messageId: '1', recipient: { kind: 'Number', value: K.ktIos }, sender: { kind: 'Number', value: '15880000' }, date: '2026-01-01T00:00:00Z', mmStatus: 'Retrieved' });
    expect(statusOf(res.envelope)).toBe(4003);
  });

  it('answers malformed XML, a DOCTYPE and a wrong content type with Faults, never a crash', async () => {
    h = await startHarness();
    const send = (payload: string, contentType = 'text/xml') =>
      h.sim.app.inject({ method: 'POST', url: '/mm7', headers: { 'content-type': contentType, authorization: 'Basic ' + Buffer.from('vasp1:pw1').toString('base64') }, payload });
    const broken = await send('<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>');
    expect(broken.statusCode).toBe(500);
    expect(broken.body).toContain('<StatusCode>2007</StatusCode>');
    const doctype = await send('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
    expect(doctype.body).toContain('<StatusCode>2007</StatusCode>');
    const json = await send('{}', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.body).toContain('<StatusCode>2007</StatusCode>');
  });

  it('answers a body over the limit with HTTP 413 and Fault 2004', async () => {
    h = await startHarness({ limits: { bodyBytes: 4096 } });
    const res = await h.post(submitReq({ content: { href: 'cid:mms-content' } }), { parts: mmsParts([jpeg(8000)]) });
    expect(res.status).toBe(413);
    expect(statusOf(res.envelope)).toBe(2004);
  });

  it('answers every request with 4006 during a refuse outage', async () => {
    h = await startHarness();
    await h.sim.admin.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'refuse', duration: '1m' } });
    expect(statusOf((await h.post(submitReq())).envelope)).toBe(4006);
    await h.advance(60_000);
    expect(statusOf((await h.post(submitReq())).envelope)).toBe(1000);
  });

  it('answers a header entry it must understand but does not with a MustUnderstand Fault, and other paths with 404', async () => {
    h = await startHarness();
    const env = 'http://schemas.xmlsoap.org/soap/envelope/';
    const ns = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4';
    const xml = `<env:Envelope xmlns:env="${env}"><env:Header><mm7:TransactionID xmlns:mm7="${ns}" env:mustUnderstand="1">mu</mm7:TransactionID><x:Billing xmlns:x="urn:x" env:mustUnderstand="1">1</x:Billing></env:Header><env:Body><CancelReq xmlns="${ns}"><MM7Version>6.8.0</MM7Version><MessageID>1</MessageID></CancelReq></env:Body></env:Envelope>`;
    const auth = 'Basic ' + Buffer.from('vasp1:pw1').toString('base64');
    const res = await h.sim.app.inject({ method: 'POST', url: '/mm7', headers: { 'content-type': 'text/xml', authorization: auth }, payload: xml });
    expect(res.body).toContain('<faultcode>env:MustUnderstand</faultcode>');
    expect(res.body).toContain('>mu</mm7:TransactionID>');
    const other = await h.sim.app.inject({ method: 'POST', url: '/mm7/v2', headers: { 'content-type': 'text/xml', authorization: auth }, payload: xml });
    expect(other.statusCode).toBe(404);
    expect(other.body).toContain('<StatusCode>2000</StatusCode>');
  });

  it('drops the connection when a behaviour rule says so, and keeps serving', async () => {
    h = await startHarness({ behaviour: { version: 1, rules: [{ when: { destination: '01012340002' }, then: { fault: 'drop-connection' } }] } });
    await expect(h.post(submitReq({}, ['01012340002']))).rejects.toThrow();
    expect(statusOf((await h.post(submitReq())).envelope)).toBe(1000);
    expect(h.sim.context.stats.snapshot()['fault:drop-connection']).toBe(1);
  });
});
