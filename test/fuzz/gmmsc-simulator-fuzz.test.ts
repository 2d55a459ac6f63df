// Thousands of hostile MM7 requests against one GMMSC simulator (fastify inject, no sockets): XML bombs,
// external entities, mutated SOAP and MIME, huge and deeply nested bodies, wrong content types. Every
// request gets an HTTP 4xx/5xx SOAP Fault with RSErrorRsp (or, for a mutation that stayed valid, an
// MM7 response); nothing crashes; the heap stays bounded; a well-formed submit still works at the end.
// Replay with GMMSC_FUZZ_SEED=<seed>; scale with GMMSC_FUZZ_CASES=<n>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../gateways/kit/clock.ts';
import { createRng } from '../../gateways/kit/rng.ts';
import { parseMm7Envelope } from '../../gateways/gmmsc/codec/mm7-envelope.ts';
import { parseMmscConfig } from '../../gateways/gmmsc/simulator/mmsc-config.ts';
import { createMmscSimulator, type MmscSimulator } from '../../gateways/gmmsc/simulator/mmsc-simulator.ts';
import { hostileRequest, seedRequest, type FuzzRequest } from './gmmsc-corpus.ts';
import { createHeapProbe } from './heap-probe.ts';

const SEED = Number(process.env.GMMSC_FUZZ_SEED ?? 20261120);
const CASES = Number(process.env.GMMSC_FUZZ_CASES ?? 3000);
const TIME_BUDGET_MS = 15_000;
const MIB = 1024 * 1024;
const AUTH = 'Basic ' + Buffer.from('fuzz:pw').toString('base64');

let sim: MmscSimulator;
const processErrors: string[] = [];
const onError = (err: unknown) => processErrors.push((err as Error)?.stack ?? String(err));
beforeAll(() => {
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  sim = createMmscSimulator({
    config: parseMmscConfig({
      accounts: [{ vaspId: 'fuzz', password: 'pw', senders: ['15880000'] }],
      behaviour: { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 1000 } },
    }),
    clock: createManualClock(Date.UTC(2026, 10, 20)),
    seed: SEED,
  });
});
afterAll(async () => {
  process.off('uncaughtException', onError);
  process.off('unhandledRejection', onError);
  await sim.close();
});

async function send(r: FuzzRequest) {
  const headers: Record<string, string> = { authorization: AUTH };
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  return sim.app.inject({ method: 'POST', url: '/mm7', headers, payload: r.body });
}

describe('GMMSC simulator under fuzzing', () => {
  it(`answers ${CASES} hostile requests with Faults or MM7 responses, bounded in memory`, async () => {
    const rng = createRng(SEED);
    const heap = createHeapProbe();
    // Warm up code paths and caches so the baseline is not the cost of first use.
    for (let i = 0; i < 200; i++) await send(hostileRequest(rng.fork(`warm${i}`)));
    const before = await heap.settledHeap();

    const kinds = new Map<string, number>();
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    const started = performance.now();
    let done = 0;
    for (; done < CASES && performance.now() - started < TIME_BUDGET_MS; done++) {
      const r = hostileRequest(rng);
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
      const res = await send(r);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const oracle = judge(res.statusCode, res.headers['content-type'], res.body);
      if (oracle !== null && problems.length < 10) problems.push(`${r.kind} #${done}: ${oracle}`);
    }
    const after = await heap.settledHeap();

    expect(problems).toEqual([]);
    expect(processErrors).toEqual([]);
    expect(done).toBeGreaterThanOrEqual(Math.min(CASES, 2000));
    for (const k of ['billion-laughs', 'external-entity', 'huge-body', 'many-parts', 'wrong-content-type', 'mutated-seed-mms']) expect(kinds.get(k) ?? 0).toBeGreaterThan(0);
    for (const s of [413, 415, 500]) expect(statuses.get(s) ?? 0).toBeGreaterThan(0);
    // Accepted mutations keep a message each (reports pending on the frozen clock): allow for those.
    const stored = sim.context.store.size();
    expect(after - before).toBeLessThan(24 * MIB + stored * 4096);

    // The canary: a well-formed submit from the seed set is still answered 1000.
    const canary = await send(seedRequest(createRng('canary')));
    expect(canary.statusCode).toBe(200);
    expect(canary.body).toContain('<StatusCode>1000</StatusCode>');
  });
});

/** null when the answer is what MM7 requires of a relay, else what is wrong with it. */
function judge(status: number, contentType: unknown, body: string): string | null {
  if (![200, 401, 404, 413, 415, 500].includes(status)) return `HTTP ${status}`;
  if (typeof contentType !== 'string' || !contentType.startsWith('text/xml')) return `content-type ${String(contentType)}`;
  let env;
  try {
    env = parseMm7Envelope(body);
  } catch (e) {
    return `answer does not parse: ${(e as Error).message}`;
  }
  const m = env.message;
  if (status === 200) return m.kind === 'SubmitRsp' || m.kind === 'CancelRsp' || m.kind === 'ReplaceRsp' ? null : `HTTP 200 with ${m.kind}`;
  if (m.kind !== 'Fault') return `HTTP ${status} with ${m.kind}`;
  if (!m.detail || !/^[234]\d{3}$/.test(String(m.detail.status.code))) return 'Fault without RSErrorRsp StatusCode';
  return null;
}
