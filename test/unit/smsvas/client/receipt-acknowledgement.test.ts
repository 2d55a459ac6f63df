// The deliver_sm_resp of a receipt or MO waits for the promise onReport / onMo returned: ESME_ROK once
// it resolves, ESME_RX_T_APPN when it rejects (the SMSC delivers it again), nothing when the session
// is lost first (the SMSC keeps it for the next bind); reading goes on meanwhile.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng } from '../../../../gateways/kit/rng.ts';
import type { SmsvasReport } from '../../../../gateways/smsvas/client/deliver-reader.ts';
import { createSmsvasClient, type SmsvasClient } from '../../../../gateways/smsvas/client/smsvas-client.ts';
import { COMMAND_STATUS as S } from '../../../../gateways/smsvas/codec/command-status.ts';
import { loadSmscConfig } from '../../../../gateways/smsvas/simulator/smsc-config.ts';
import { createSmscSimulator, type SmscSimulator } from '../../../../gateways/smsvas/simulator/smsc-simulator.ts';
import { SENDER, SUBSCRIBER } from './sim-harness.ts';

let sims: SmscSimulator[] = [];
let clients: SmsvasClient[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await Promise.all(sims.map((s) => s.close()));
  clients = [];
  sims = [];
});

/** Instant receipts; a deliver_sm answered with a temporary error is sent again 20 ms later. */
async function startSim(): Promise<{ sim: SmscSimulator; target: string }> {
  const config = loadSmscConfig(undefined, 'fast-receipts');
  config.delivery.retryDelay = 20;
  const sim = createSmscSimulator({ config, seed: 'ack-test' });
  sims.push(sim);
  const { port } = await sim.listen(0, '127.0.0.1');
  return { sim, target: `smpp://msgsim:secret@127.0.0.1:${port}` };
}

function client(opts: Parameters<typeof createSmsvasClient>[0]): SmsvasClient {
  const c = createSmsvasClient({ rng: createRng('ack-test'), ...opts });
  clients.push(c);
  return c;
}

const answers = (sim: SmscSimulator, status: number) => sim.context.log.list().filter((e) => e.command === 'deliver_sm_resp' && e.dir === 'in' && e.command_status === status).length;
const inFlight = (sim: SmscSimulator) => sim.context.accounts.get('msgsim')!.queue.inFlight();

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SMSVAS client: deliver_sm_resp after the handler settled', () => {
  it('answers a receipt whose promise rejects with ESME_RX_T_APPN; the SMSC sends it again and it is handled again', async () => {
    const { sim, target } = await startSim();
    const seen: SmsvasReport[] = [];
    const c = client({
      target,
      onReport: (r) => {
        seen.push(r);
        return seen.length === 1 ? Promise.reject(new Error('store down')) : Promise.resolve();
      },
    });
    await c.connect();
    const out = await c.submit({ source: SENDER, destination: SUBSCRIBER, text: 'again', reference: 'ref-1' });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    const id = out.kind === 'accepted' ? out.messageIds[0] : 'not accepted';
    expect(seen.map((r) => r.messageId)).toEqual([id, id]);
    // The reference went out with the first copy; the engine finds the second by message id.
    expect(seen.map((r) => r.reference)).toEqual(['ref-1', undefined]);
    await vi.waitFor(() => expect(answers(sim, S.ESME_ROK)).toBe(1));
    expect(answers(sim, S.ESME_RX_T_APPN)).toBe(1);
    expect(inFlight(sim)).toBe(0);
  });

  it('answers a receipt only once its promise resolves, reading and answering later receipts meanwhile', async () => {
    const { sim, target } = await startSim();
    const slow = deferred();
    const seen: string[] = [];
    const c = client({
      target,
      onReport: (r) => {
        seen.push(r.messageId);
        return seen.length === 1 ? slow.promise : Promise.resolve();
      },
    });
    await c.connect();
    await c.submit({ source: SENDER, destination: SUBSCRIBER, text: 'first' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await Promise.all([c.submit({ source: SENDER, destination: SUBSCRIBER, text: 'second' }), c.submit({ source: SENDER, destination: SUBSCRIBER, text: 'third' })]);
    await vi.waitFor(() => expect(answers(sim, S.ESME_ROK)).toBe(2));
    expect(seen).toHaveLength(3);
    expect(inFlight(sim)).toBe(1);
    slow.resolve();
    // Answered after the later ones: the SMSC matches it by sequence_number.
    await vi.waitFor(() => expect(answers(sim, S.ESME_ROK)).toBe(3));
    expect(inFlight(sim)).toBe(0);
    expect(answers(sim, S.ESME_RX_T_APPN)).toBe(0);
  });

  it('answers receipts that share one promise together once it resolves', async () => {
    const { sim, target } = await startSim();
    const commit = deferred();
    let seen = 0;
    const c = client({ target, onReport: () => (seen++, commit.promise) });
    await c.connect();
    await Promise.all(['a', 'b', 'c'].map((text) => c.submit({ source: SENDER, destination: SUBSCRIBER, text })));
    await vi.waitFor(() => expect(seen).toBe(3));
    expect(answers(sim, S.ESME_ROK)).toBe(0);
    commit.resolve();
    await vi.waitFor(() => expect(answers(sim, S.ESME_ROK)).toBe(3));
  });

  it('never answers a receipt whose session is gone first: the SMSC delivers it on the next bind', async () => {
    const { sim, target } = await startSim();
    const first: string[] = [];
    const a = client({ target, closeTimeoutMs: 500, onReport: (r) => (first.push(r.messageId), new Promise<void>(() => {})) });
    await a.connect();
    await a.submit({ source: SENDER, destination: SUBSCRIBER, text: 'kept' });
    await vi.waitFor(() => expect(first).toHaveLength(1));
    await a.close();
    const again: string[] = [];
    const b = client({ target, onReport: (r) => void again.push(r.messageId) });
    await b.connect();
    await vi.waitFor(() => expect(again).toEqual(first));
    await vi.waitFor(() => expect(answers(sim, S.ESME_ROK)).toBe(1));
  });

  it('answers an MO whose promise rejects with ESME_RX_T_APPN and takes it again when the SMSC resends it', async () => {
    const { sim, target } = await startSim();
    const texts: string[] = [];
    const c = client({
      target,
      onMo: (m) => {
        texts.push(m.text);
        return texts.length === 1 ? Promise.reject(new Error('not forwarded')) : undefined;
      },
    });
    await c.connect();
    sim.injectMo({ source: SUBSCRIBER, destination: SENDER, text: '네' });
    await vi.waitFor(() => expect(texts).toEqual(['네', '네']));
    await vi.waitFor(() => expect(answers(sim, S.ESME_ROK)).toBe(1));
    expect(answers(sim, S.ESME_RX_T_APPN)).toBe(1);
  });
});
