import { describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS as K, NOT_A_MOBILE_NUMBER } from '../../../../gateways/network/known-subscribers.ts';
import { TELCO_INFO } from '../../../../gateways/xroshot/codec/message-type.ts';
import { startSim, until } from './sim-harness.ts';

const JPEG = { attachId: 1, fileName: 'a.jpg', data: Buffer.alloc(1000, 0xff).toString('base64') };

describe('Xroshot simulator sends and reports', () => {
  it('takes an SMS to an SKT subscriber: res_send_message, res_send_message_all, then req_report after the delay', async () => {
    const h = await startSim();
    const c = await h.registered();
    const { perRecipient, all } = await c.sendMessage({ to: [K.sktAndroid], customMessageId: 'm-1' });
    expect(perRecipient).toEqual([expect.objectContaining({ result: 0, sequenceNumber: 1, customMessageId: 'm-1', groupId: all.groupId })]);
    expect(all).toMatchObject({ result: 0, count: 1, customMessageId: 'm-1', jobIds: [{ seqNo: 1, jobId: perRecipient[0].jobId }] });
    await h.advance(999);
    expect(c.received.filter((m) => m.method === 'req_report')).toHaveLength(0);
    await h.advance(1);
    const report = await c.next('req_report');
    expect(report).toMatchObject({ result: 0, jobId: perRecipient[0].jobId, customMessageId: 'm-1', telcoInfo: TELCO_INFO.SKT, sequenceNumber: 1 });
    c.ackReport(report);
    await until(() => h.sim.context.accounts.get('sp1')!.reports.inFlight() === 0, 'the res_report to be matched');
  });

  it('takes an LMS to an LGU+ subscriber and an MMS with a JPEG to an SKT subscriber', async () => {
    const h = await startSim();
    const c = await h.registered();
    const lms = await c.sendMessage({ kind: 'LMS', to: [K.lguIos], subject: '공지', text: '가'.repeat(900) });
    const mms = await c.sendMessage({ kind: 'MMS', to: [K.sktAndroid], attachments: [JPEG] });
    expect([lms.all.result, mms.all.result]).toEqual([0, 0]);
    await h.advance(1000);
    const reports = [await c.next('req_report'), await c.next('req_report')];
    expect(reports.map((r) => [r.jobId, r.result, r.telcoInfo]).sort()).toEqual(
      [[lms.all.jobIds[0].jobId, 0, TELCO_INFO['LGU+']], [mms.all.jobIds[0].jobId, 0, TELCO_INFO.SKT]].sort(),
    );
  });

  it('reports 2103 for an MMS to an off-net handset without MMS, and delivers an SMS to it', async () => {
    const h = await startSim();
    h.network.override('01055550001', { carrier: 'SKT', device: 'feature', mms: false, rcs: false });
    const c = await h.registered();
    const mms = await c.sendMessage({ kind: 'MMS', to: ['01055550001'], attachments: [JPEG] });
    const sms = await c.sendMessage({ to: ['01055550001'] });
    await h.advance(1000);
    const results = new Map([await c.next('req_report'), await c.next('req_report')].map((r) => [r.jobId, r.result]));
    expect(results.get(mms.all.jobIds[0].jobId)).toBe(2103);
    expect(results.get(sms.all.jobIds[0].jobId)).toBe(0);
  });

  it('reports 204 (power off) once the 24 h validity runs out for a switched-off handset', async () => {
    const h = await startSim();
    h.network.override('01055550002', { carrier: 'LGU+', reachability: 'off' });
    const c = await h.registered();
    const { all } = await c.sendMessage({ to: ['01055550002'] });
    await h.advance(24 * 3_600_000 - 1);
    expect(c.received.some((m) => m.method === 'req_report')).toBe(false);
    await h.advance(1);
    expect(await c.next('req_report')).toMatchObject({ jobId: all.jobIds[0].jobId, result: 204, telcoInfo: TELCO_INFO['LGU+'] });
  });

  it('refuses an unregistered callback number with 115 and a malformed one with 2106', async () => {
    const h = await startSim();
    const c = await h.registered();
    expect((await c.sendMessage({ to: [K.sktAndroid], callback: '15779999' })).all).toMatchObject({ result: 115, count: 0, jobIds: [] });
    expect((await c.sendMessage({ to: [K.sktAndroid], callback: '12' })).all.result).toBe(2106);
  });

  it('answers each recipient: own-network (KT) numbers 209, non-mobile numbers 2107, others taken', async () => {
    const h = await startSim();
    const c = await h.registered();
    const { perRecipient, all } = await c.sendMessage({ to: [K.sktAndroid, K.ktAndroidRcs, NOT_A_MOBILE_NUMBER, K.portedFromKt] });
    expect(perRecipient.map((r) => [r.sequenceNumber, r.result, r.jobId !== ''])).toEqual([
      [1, 0, true],
      [2, 209, false],
      [3, 2107, false],
      [4, 0, true],
    ]);
    expect(all).toMatchObject({ result: 0, count: 2 });
    expect(all.jobIds.map((j) => j.seqNo)).toEqual([1, 4]);
  });

  it('delivers to KT recipients too when configured to', async () => {
    const h = await startSim({ ownNetworkRecipients: 'deliver' });
    const c = await h.registered();
    expect((await c.sendMessage({ to: [K.ktAndroidRcs] })).all).toMatchObject({ result: 0, count: 1 });
  });

  it('throttles a burst over the per-session rate with 33 and takes more once a second has passed', async () => {
    const h = await startSim({ accounts: [{ serviceProviderId: 'sp1', password: 'pw1', endUsers: ['eu1'], cert: 'C'.repeat(200), tps: 10, callbackNumbers: ['15880000'] }] });
    const c = await h.registered({ cert: 'C'.repeat(200) });
    const results: number[] = [];
    for (let i = 0; i < 15; i++) results.push((await c.sendMessage({ to: [K.sktAndroid] })).all.result);
    expect(results).toEqual([...Array(10).fill(0), ...Array(5).fill(33)]);
    await h.advance(1000);
    expect((await c.sendMessage({ to: [K.sktAndroid] })).all.result).toBe(0);
  });

  it.each([
    ['an SMS over 90 EUC-KR bytes', { to: [K.sktAndroid], text: '가'.repeat(46) }, 3],
    ['more recipients than allowed', { to: Array(101).fill(K.sktAndroid) }, 90],
    ['four attachments', { kind: 'MMS' as const, to: [K.sktAndroid], attachments: [1, 2, 3, 4].map((attachId) => ({ ...JPEG, attachId })) }, 95],
    ['an attachment over 300 KB', { kind: 'MMS' as const, to: [K.sktAndroid], attachments: [{ ...JPEG, data: Buffer.alloc(300 * 1024 + 1).toString('base64') }] }, 95],
    ['an image that is not a JPEG', { kind: 'MMS' as const, to: [K.sktAndroid], attachments: [{ ...JPEG, fileName: 'a.png' }] }, 3],
    ['an LMS subject over 40 bytes', { kind: 'LMS' as const, to: [K.sktAndroid], subject: '제'.repeat(21) }, 3],
  ])('refuses %s', async (_what, send, result) => {
    const h = await startSim();
    const c = await h.registered();
    expect((await c.sendMessage(send)).all.result).toBe(result);
  });

  it('refuses a product the provider has not subscribed with 27', async () => {
    const h = await startSim();
    const c = await h.registered({ serviceProviderId: 'sp2', password: 'pw2', endUserId: 'eu2' });
    expect((await c.sendMessage({ kind: 'MMS', callback: '15770000', to: [K.sktAndroid], attachments: [JPEG] })).all.result).toBe(27);
  });

  it('resends a report that gets no res_report, and holds reports for a provider with no session', async () => {
    const h = await startSim();
    const c = await h.registered();
    const { all } = await c.sendMessage({ to: [K.sktAndroid] });
    await h.advance(1000);
    const first = await c.next('req_report');
    await h.advance(5000 + 1000);
    const again = await c.next('req_report');
    expect(again).toEqual(first);
    c.close();
    const queue = h.sim.context.accounts.get('sp1')!.reports;
    await until(() => queue.depth() === 1, 'the lost session to give its report back');
    const d = await h.registered();
    expect((await d.next('req_report')).jobId).toBe(all.jobIds[0].jobId);
  });

  it('follows behaviour rules: a spam rule answers 101 for the matching recipient only', async () => {
    const h = await startSim({
      behaviour: { version: 1, latency: 0, rules: [{ when: { content: '대출' }, then: { reject: 'spam' } }], reports: { outcomes: { delivered: 1 }, delay: 10 } },
    });
    const c = await h.registered();
    expect((await c.sendMessage({ to: [K.sktAndroid], text: '(광고) 대출 안내' })).all.result).toBe(101);
    expect((await c.sendMessage({ to: [K.sktAndroid], text: '예약 안내' })).all.result).toBe(0);
  });

  it('answers after the behaviour latency, reports only after that', async () => {
    const h = await startSim({ behaviour: { version: 1, latency: 500, reports: { outcomes: { delivered: 1 }, delay: 0 } } });
    const c = await h.registered();
    c.send(c.buildSend({ to: [K.sktAndroid] }));
    await until(() => h.sim.context.stats.snapshot()['in:req_send_message_2'] === 1, 'the request to arrive');
    await h.advance(499);
    expect(c.received).toHaveLength(0);
    await h.advance(1);
    const all = await c.next('res_send_message_all');
    const report = await c.next('req_report');
    expect(report.jobId).toBe(all.jobIds[0].jobId);
  });
});
