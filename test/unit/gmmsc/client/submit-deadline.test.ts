// The GMMSC client with every connection busy: a SubmitReq waiting in the pool whose notAfter passes is
// never written (the simulator sees no request for it), one within its deadline still goes out.
// Client and simulator share a manual clock, so the simulator's latency holds the only connection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGmmscClient, NOT_SENT_LATE, type GmmscClient } from '../../../../gateways/gmmsc/client/gmmsc-client.ts';
import type { GmmscSubmitMessage } from '../../../../gateways/gmmsc/client/submit-request.ts';
import { loadMmscConfig } from '../../../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { parseBehaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';

const LATENCY_MS = 1_000;
let sim: MmscSimulator | null = null;
let client: GmmscClient | null = null;

afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = sim = null;
});

async function start() {
  const clock = createManualClock(Date.now());
  const config = loadMmscConfig(undefined, 'fast-reports');
  config.behaviour = parseBehaviour({ version: 1, latency: LATENCY_MS, reports: { outcomes: { delivered: 1 }, delay: 0 } }, 'test');
  const s = createMmscSimulator({ config, seed: 'deadline-test', clock });
  sim = s;
  const { port } = await s.listen(0, '127.0.0.1');
  const c = createGmmscClient({ target: `http://msgsim:secret@127.0.0.1:${port}/mm7`, vasId: 'msgsim-vas', connections: 1, responseTimeoutMs: 60_000, callback: false, clock });
  client = c;
  await c.connect();
  const requests = () => s.context.stats.snapshot()['SubmitReq'] ?? 0;
  return { c, clock, requests };
}

const lms = (text: string, notAfter?: number): GmmscSubmitMessage => ({ source: '15880000', destination: K.ktAndroidRcs, text, ...(notAfter !== undefined ? { notAfter } : {}) });

describe('GMMSC client: SubmitReqs with a deadline', () => {
  it('never writes one whose notAfter passed while it waited for a connection, and still writes the one within its deadline', async () => {
    const { c, clock, requests } = await start();
    const first = c.submit(lms('first'));
    await vi.waitFor(() => expect(requests()).toBe(1));
    const late = c.submit(lms('late', clock.now() + 500));
    const timely = c.submit(lms('timely', clock.now() + 5_000));
    clock.advance(LATENCY_MS);
    expect(await first).toMatchObject({ kind: 'accepted' });
    await expect(late).resolves.toEqual({ kind: 'timeout', why: NOT_SENT_LATE });
    await vi.waitFor(() => expect(requests()).toBe(2));
    clock.advance(LATENCY_MS);
    expect(await timely).toMatchObject({ kind: 'accepted' });
    expect(requests()).toBe(2);
    expect(c.stats()).toMatchObject({ expired: 1, accepted: 2, timeouts: 0, inFlight: 0 });
  });

  it('answers at once, without a request, for a message whose notAfter has already passed', async () => {
    const { c, clock, requests } = await start();
    await expect(c.submit(lms('too late', clock.now()))).resolves.toEqual({ kind: 'timeout', why: NOT_SENT_LATE });
    expect(requests()).toBe(0);
    expect(c.stats()).toMatchObject({ expired: 1, submitted: 0 });
  });
});
