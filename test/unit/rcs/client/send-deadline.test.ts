// The RCS client with its only connection busy: a send waiting in the pool whose notAfter passes is
// never written (the simulator counts no sendMessage for it), one within its deadline still goes out.
// Client and simulator share a manual clock, so the simulator's latency holds the connection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { KNOWN_SUBSCRIBERS as K } from '../../../../gateways/network/known-subscribers.ts';
import { createRcsClient, NOT_SENT_LATE, type RcsClient } from '../../../../gateways/rcs/client/rcs-client.ts';
import type { RcsSubmitMessage } from '../../../../gateways/rcs/client/rcs-message.ts';
import { parseRcsConfig } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../../gateways/rcs/simulator/rcs-simulator.ts';

const LATENCY_MS = 1_000;
let sim: RcsSimulator | null = null;
let client: RcsClient | null = null;

afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = sim = null;
});

async function start() {
  const clock = createManualClock(Date.now());
  const config = parseRcsConfig({
    accounts: [{ clientId: 'msgsim', clientSecret: 'secret', bots: [{ botId: '15880000' }] }],
    behaviour: { version: 1, latency: LATENCY_MS, reports: { outcomes: { delivered: 1 }, delay: 1000 } },
  });
  const s = createRcsSimulator({ config, clock, seed: 'deadline-test' });
  sim = s;
  const { port } = await s.listen(0, '127.0.0.1');
  const c = createRcsClient({ target: `http://127.0.0.1:${port}`, clientId: 'msgsim', clientSecret: 'secret', botId: '15880000', connections: 1, responseTimeoutMs: 60_000, webhook: false, clock });
  client = c;
  const count = (key: string) => s.context.stats.snapshot()[key] ?? 0;
  const connecting = c.connect();
  await vi.waitFor(() => expect(count('token')).toBe(1));
  clock.advance(LATENCY_MS);
  await connecting;
  return { c, clock, sends: () => count('sendMessage') };
}

const text = (body: string, notAfter?: number): RcsSubmitMessage => ({
  destination: K.ktAndroidRcs,
  messagebaseId: 'SS000000',
  content: { kind: 'text', text: body },
  ...(notAfter !== undefined ? { notAfter } : {}),
});

describe('RCS client: sends with a deadline', () => {
  it('never writes one whose notAfter passed while it waited for a connection, and still writes the one within its deadline', async () => {
    const { c, clock, sends } = await start();
    const first = c.submit(text('first'));
    await vi.waitFor(() => expect(sends()).toBe(1));
    const late = c.submit(text('late', clock.now() + 500));
    const timely = c.submit(text('timely', clock.now() + 5_000));
    // Past the token lookup: both wait in the pool for the one connection.
    await new Promise((r) => setImmediate(r));
    clock.advance(LATENCY_MS);
    expect(await first).toMatchObject({ kind: 'accepted' });
    await expect(late).resolves.toEqual({ kind: 'timeout', why: NOT_SENT_LATE });
    await vi.waitFor(() => expect(sends()).toBe(2));
    clock.advance(LATENCY_MS);
    expect(await timely).toMatchObject({ kind: 'accepted' });
    expect(sends()).toBe(2);
    expect(c.stats()).toMatchObject({ expired: 1, accepted: 2, timeouts: 0, inFlight: 0 });
  });

  it('answers at once, without a request, for a message whose notAfter has already passed', async () => {
    const { c, clock, sends } = await start();
    await expect(c.submit(text('too late', clock.now()))).resolves.toEqual({ kind: 'timeout', why: NOT_SENT_LATE });
    expect(sends()).toBe(0);
    expect(c.stats().expired).toBe(1);
  });
});
