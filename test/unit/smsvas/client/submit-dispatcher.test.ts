import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createPendingRequests } from '../../../../gateways/kit/pending-requests.ts';
import type { BindSession, ResponseHandler } from '../../../../gateways/smsvas/client/bind-session.ts';
import type { Pdu } from '../../../../gateways/smsvas/codec/pdu.ts';
import { createSubmitDispatcher, type SubmitJob } from '../../../../gateways/smsvas/client/submit-dispatcher.ts';

function fakeSession(name: string, size: number, clock = createManualClock(0)) {
  const sent: { name: string; seq: number; onResponse: ResponseHandler }[] = [];
  let seq = 0;
  const window = createPendingRequests<Pdu, number>({ size, timeoutMs: 1_000_000, clock });
  const session = {
    command: 'bind_transceiver',
    bound: true,
    canSubmit: true,
    smscId: name,
    window,
    request(_command: string, _fields: Record<string, unknown>, onResponse: ResponseHandler) {
      seq++;
      window.add(seq, onResponse);
      sent.push({ name, seq, onResponse });
    },
  } as unknown as BindSession;
  return { session, sent, answer: (s: number) => window.resolve(s, { command: 'submit_sm_resp', command_id: 0x80000004, command_status: 0, sequence_number: s }) };
}

const job = (): SubmitJob => ({ fields: {}, done: () => undefined, expired: () => undefined });

/** A job that records what became of it. */
function tracked(name: string, fate: string[], notAfter?: number): SubmitJob {
  return { fields: { short_message: name }, notAfter, done: () => fate.push(`${name}:answered`), expired: () => fate.push(`${name}:expired`) };
}

describe('submit dispatcher', () => {
  it('spreads submits round-robin and queues what no window has room for', () => {
    const clock = createManualClock(0);
    const a = fakeSession('a', 2);
    const b = fakeSession('b', 2);
    const d = createSubmitDispatcher({ clock, tps: null, tpsBurst: 1 });
    d.setSessions([a.session, b.session]);
    for (let i = 0; i < 6; i++) d.enqueue(job());
    expect([...a.sent, ...b.sent]).toHaveLength(4);
    expect(a.sent).toHaveLength(2);
    expect(d.queued).toBe(2);
    a.answer(1);
    d.pump();
    expect(a.sent).toHaveLength(3);
    expect(d.queued).toBe(1);
  });

  it('paces to the tps without refusing anything', () => {
    const clock = createManualClock(0);
    const a = fakeSession('a', 1_000);
    const d = createSubmitDispatcher({ clock, tps: 100, tpsBurst: 1 });
    d.setSessions([a.session]);
    for (let i = 0; i < 50; i++) d.enqueue(job());
    expect(a.sent).toHaveLength(1);
    clock.advance(100);
    expect(a.sent).toHaveLength(11);
    clock.advance(400);
    expect(a.sent).toHaveLength(50);
    expect(d.queued).toBe(0);
  });

  it('holds submits while no session can take them and hands back the unsent on drain', () => {
    const d = createSubmitDispatcher({ clock: createManualClock(0), tps: null, tpsBurst: 1 });
    d.enqueue(job());
    d.enqueue(job());
    expect(d.queued).toBe(2);
    expect(d.drain()).toHaveLength(2);
    expect(d.queued).toBe(0);
  });

  it('never writes a job whose notAfter has come by its turn, and still writes the ones within theirs', () => {
    const clock = createManualClock(0);
    const a = fakeSession('a', 1);
    const fate: string[] = [];
    const d = createSubmitDispatcher({ clock, tps: null, tpsBurst: 1 });
    d.enqueue(tracked('late', fate, 500));
    d.enqueue(tracked('exact', fate, 1_000));
    d.enqueue(tracked('timely', fate, 5_000));
    d.enqueue(tracked('no-deadline', fate));
    clock.advance(1_000);
    d.setSessions([a.session]);
    expect(fate).toEqual(['late:expired', 'exact:expired']);
    expect(a.sent).toHaveLength(1);
    a.answer(1);
    d.pump();
    a.answer(2);
    expect(a.sent).toHaveLength(2);
    expect(fate).toEqual(['late:expired', 'exact:expired', 'timely:answered', 'no-deadline:answered']);
    expect(d.queued).toBe(0);
  });

  it('counts only written submits as sent', () => {
    const clock = createManualClock(0);
    const a = fakeSession('a', 10);
    let sent = 0;
    const d = createSubmitDispatcher({ clock, tps: null, tpsBurst: 1, onSent: () => sent++ });
    d.enqueue(tracked('late', [], 10));
    d.enqueue(tracked('timely', [], 1_000));
    clock.advance(10);
    d.setSessions([a.session]);
    expect(sent).toBe(1);
  });

  it('does not let expired jobs use up the rate of the live ones behind them', () => {
    const clock = createManualClock(0);
    const a = fakeSession('a', 1_000);
    const fate: string[] = [];
    const d = createSubmitDispatcher({ clock, tps: 10, tpsBurst: 1 });
    for (let i = 0; i < 20; i++) d.enqueue(tracked(`old${i}`, fate, 50));
    for (let i = 0; i < 3; i++) d.enqueue(tracked(`new${i}`, fate, 10_000));
    clock.advance(100);
    d.setSessions([a.session]);
    // Twenty expired jobs went through one token; the first live job gets it.
    expect(fate.filter((f) => f.endsWith(':expired'))).toHaveLength(20);
    expect(a.sent).toHaveLength(1);
    clock.advance(200);
    expect(a.sent).toHaveLength(3);
  });
});
