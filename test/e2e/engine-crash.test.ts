// Nothing accepted is lost when the engine is killed: `msgsim engine` on a SQLite store, sending SMS
// through the SMSVAS simulator (another process, which outlives the engine), is SIGKILLed while a
// 100,000-message run is under way and started again on the same config. The client retries the
// batch the kill cut off with the same Idempotency-Key and posts the rest. Once the engine holds
// nothing unfinished, every id the API answered must read back final through GET /v1/messages/:id
// (status webhooks would double the engine's work here); the SMSC counts each text's index, so a text
// it accepted twice is a duplicate, and duplicates must stay within what the engine itself counted as
// resubmitted after the restart, which stays within the in-flight window.
// A second run kills the engine once most sends are done, while receipts are flowing: the engine
// acknowledges a receipt only after storing it, so the SMSC keeps every receipt the killed engine had
// not stored and delivers it again on the next bind; every message must end delivered, none expired
// for want of its report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../engine/api/message-view.ts';
import { startChild, type Child } from './support/child-process.ts';
import { createEngineApiClient, type EngineApiClient } from './support/engine-api-client.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BATCHES = 10;
const BATCH_SIZE = 10_000;
/** The engine is killed while this batch is being posted (4 of 10 accepted before it: 40%). */
const KILL_DURING_BATCH = 4;
/** The receipts run: 50,000 messages, killed once 80% of the sends were answered. */
const RECEIPT_BATCHES = 5;
const WINDOW = 500;
/** A guard against a hung run; a drain takes ~40 s on a busy 2-core machine. */
const DRAIN_LIMIT_MS = 150_000;
const READERS = 64;
const API_KEY = 'crash-tenant-key-0001';
const SENDER = '15880000';
const FINAL = new Set(['delivered', 'failed', 'expired', 'cancelled']);

interface GatewayInfo {
  npUrl: string;
  smsvas: string;
  counts: string;
  recipients: string[];
}
interface EngineInfo {
  engine: string;
}
interface SmscCounts {
  accepted: number;
  distinct: number;
  duplicates: number;
  duplicated: number[];
  unindexed: number;
  deliverQueue: number;
  deliverInFlight: number;
}
interface BatchAnswer {
  accepted: number;
  items: Array<{ id: string; state: string; duplicate: boolean }>;
}

const children: Array<Child<unknown>> = [];
const dir = mkdtempSync(join(tmpdir(), 'msgsim-crash-'));
const clients: EngineApiClient[] = [];

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
  for (const c of children.reverse()) await c.kill();
  rmSync(dir, { recursive: true, force: true });
});

function engineConfig(gw: GatewayInfo, db = 'engine.db', reportTimeout = '20s'): object {
  return {
    api: { host: '127.0.0.1', port: 0 },
    network: { npUrl: gw.npUrl },
    gateways: {
      // A timeout far above any answer time: a retry after a slow answer would be a duplicate the restart did not cause.
      smsvas: { target: gw.smsvas, binds: 2, policy: { tps: 50_000, window: WINDOW, timeout: '60s', reportTimeout } },
      gmmsc: { enabled: false },
      rcs: { enabled: false },
      xroshot: { enabled: false },
    },
    routes: [{ name: 'sms-over-smpp', network: 'any', kinds: ['sms'], legs: [{ gateway: 'smsvas' }] }],
    tenants: [{ id: 'crash', apiKeys: [API_KEY], quota: { rate: 1_000_000, burst: 1_000_000 } }],
    store: { kind: 'sqlite', path: join(dir, db), flushInterval: 5 },
  };
}

async function startEngine(configPath: string): Promise<{ child: Child<EngineInfo>; api: EngineApiClient }> {
  const child = await startChild<EngineInfo>(['bin/msgsim.js', 'engine', '--config', configPath, '--json', '--seed', 'crash'], { cwd: ROOT, startTimeoutMs: 60_000 });
  children.push(child as Child<unknown>);
  const api = createEngineApiClient(child.info.engine, API_KEY, { connections: 4 });
  clients.push(api);
  return { child, api };
}

function batchBody(b: number, recipients: readonly string[]): object {
  return {
    from: SENDER,
    template: { id: 'crash-index' },
    recipients: Array.from({ length: BATCH_SIZE }, (_, k) => {
      const index = b * BATCH_SIZE + k;
      return { to: recipients[index % recipients.length], variables: { n: String(index) } };
    }),
  };
}

async function postBatch(api: EngineApiClient, b: number, recipients: readonly string[]): Promise<BatchAnswer> {
  const res = await api.post<BatchAnswer>('/v1/messages/batch', batchBody(b, recipients), { 'idempotency-key': `crash-batch-${b}` });
  if (res.status !== 202) throw new Error(`batch ${b}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** A metric's value from /metrics, summed over its label sets. */
async function metric(url: string, name: string): Promise<number> {
  const res = await request(`${url}/metrics`);
  const text = await res.body.text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/** Polls until the engine holds no unfinished message (nothing queued, in flight or awaiting a report). */
async function drained(url: string, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    if ((await metric(url, 'msgsim_engine_messages_in_memory')) === 0 && (await metric(url, 'msgsim_engine_messages_queued')) === 0) return;
    if (Date.now() > until) throw new Error(`the engine still holds unfinished messages after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Reads every id back; the views by id. */
async function readAll(api: EngineApiClient, ids: readonly string[]): Promise<Map<string, MessageView>> {
  const views = new Map<string, MessageView>();
  let next = 0;
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        views.set(id, await api.message(id));
      }
    }),
  );
  return views;
}

async function approveTemplate(api: EngineApiClient): Promise<void> {
  const template = await api.post('/v1/templates', { id: 'crash-index', name: 'crash index', kind: 'sms', bodies: { ko: { text: '재시작 시험 #{{n}}' } } });
  expect(template.status).toBe(201);
  for (let i = 0; i < 3; i++) expect((await api.post('/v1/templates/crash-index/review', { decision: 'pass' })).status).toBe(200);
}

async function smscCounts(gw: GatewayInfo): Promise<SmscCounts> {
  return (await (await request(gw.counts)).body.json()) as SmscCounts;
}

describe('engine crash and restart', () => {
  it('kill -9 during a 100,000-message run: every accepted message ends final, duplicates within the counted resubmissions and the window', async () => {
    const started = Date.now();
    const gateways = await startChild<GatewayInfo>(['--import', 'tsx', 'test/e2e/fixtures/crash-gateways.ts'], { cwd: ROOT });
    children.push(gateways as Child<unknown>);
    const recipients = gateways.info.recipients;
    expect(recipients.length).toBeGreaterThan(100);
    const configPath = join(dir, 'engine.yaml');
    writeFileSync(configPath, JSON.stringify(engineConfig(gateways.info), null, 2));

    let engine = await startEngine(configPath);
    await approveTemplate(engine.api);

    // id of each text index the API answered for.
    const idOf = new Map<number, string>();
    const record = (b: number, answer: BatchAnswer): void => {
      expect(answer.items).toHaveLength(BATCH_SIZE);
      answer.items.forEach((item, k) => {
        const index = b * BATCH_SIZE + k;
        const known = idOf.get(index);
        if (known !== undefined) expect(item.id).toBe(known);
        idOf.set(index, item.id);
      });
    };
    for (let b = 0; b < KILL_DURING_BATCH; b++) record(b, await postBatch(engine.api, b, recipients));
    const acceptedBeforeKill = idOf.size;

    // The kill lands while the next batch is being taken in and the first ones are being sent.
    const cut = postBatch(engine.api, KILL_DURING_BATCH, recipients).then(
      (a) => a,
      () => null,
    );
    await new Promise((r) => setTimeout(r, 30));
    const killedAt = Date.now();
    await engine.child.kill();
    const cutAnswer = await cut;

    engine = await startEngine(configPath);
    const restartedAt = Date.now();
    // The client retries the cut-off batch with the same key: what the store had keeps its id.
    const retried = await postBatch(engine.api, KILL_DURING_BATCH, recipients);
    if (cutAnswer !== null) record(KILL_DURING_BATCH, cutAnswer);
    const keptAcrossKill = retried.items.filter((i) => i.duplicate).length;
    record(KILL_DURING_BATCH, retried);
    for (let b = KILL_DURING_BATCH + 1; b < BATCHES; b++) record(b, await postBatch(engine.api, b, recipients));
    expect(idOf.size).toBe(BATCHES * BATCH_SIZE);

    const ids = [...new Set(idOf.values())];
    expect(ids).toHaveLength(BATCHES * BATCH_SIZE);
    await drained(engine.child.info.engine, DRAIN_LIMIT_MS);
    const drainedAt = Date.now();
    const views = await readAll(engine.api, ids);
    const readAt = Date.now();

    const counts = await smscCounts(gateways.info);
    const resubmitted = await metric(engine.child.info.engine, 'msgsim_engine_resubmitted_after_restart_total');
    const states = new Map<string, number>();
    for (const v of views.values()) states.set(v.state, (states.get(v.state) ?? 0) + 1);
    // A message that ends on 'no-report' lost its receipt at the kill: the engine acknowledges a
    // receipt only once stored, so the SMSC sends an unstored one again and none should.
    const lostReceipts = [...views.values()].filter((v) => v.attempts.at(-1)?.outcome === 'no-report').length;
    const notFinal = [...views.values()].filter((v) => !FINAL.has(v.state));

    const figures = {
      accepted: ids.length,
      acceptedBeforeKill,
      cutBatchAnswered: cutAnswer !== null,
      cutBatchKeptAcrossKill: keptAcrossKill,
      states: Object.fromEntries(states),
      smscAccepted: counts.accepted,
      duplicates: counts.duplicates,
      duplicatedIndexes: counts.duplicated.slice(0, 5),
      resubmittedAfterRestart: resubmitted,
      window: WINDOW,
      receiptsLostAtKill: lostReceipts,
      killAfterMs: killedAt - started,
      restartMs: restartedAt - killedAt,
      drainAfterRestartMs: drainedAt - restartedAt,
      readBackMs: readAt - drainedAt,
      totalMs: readAt - started,
    };
    console.log(`engine crash figures: ${JSON.stringify(figures)}`);

    // Nothing lost: every id final, every index reached the SMSC.
    expect(notFinal.map((v) => `${v.id} ${v.state}`).slice(0, 10)).toEqual([]);
    expect(lostReceipts).toBe(0);
    expect(counts.unindexed).toBe(0);
    expect(counts.distinct).toBe(BATCHES * BATCH_SIZE);
    expect(counts.accepted).toBe(counts.distinct + counts.duplicates);
    // Duplicates only where the engine knew it might make one, and no more than were in flight.
    expect(counts.duplicates).toBeLessThanOrEqual(resubmitted);
    expect(resubmitted).toBeLessThanOrEqual(WINDOW);
    expect(acceptedBeforeKill).toBeGreaterThanOrEqual(0.3 * BATCHES * BATCH_SIZE);
    expect(acceptedBeforeKill).toBeLessThanOrEqual(0.6 * BATCHES * BATCH_SIZE);
  }, 240_000);
  it('kill -9 while receipts are flowing: the SMSC delivers the receipts the engine had not stored again, and every message ends delivered', async () => {
    const started = Date.now();
    const total = RECEIPT_BATCHES * BATCH_SIZE;
    const gateways = await startChild<GatewayInfo>(['--import', 'tsx', 'test/e2e/fixtures/crash-gateways.ts'], { cwd: ROOT });
    children.push(gateways as Child<unknown>);
    const recipients = gateways.info.recipients;
    const configPath = join(dir, 'engine-receipts.yaml');
    // A report timeout with room for the restart: a receipt the SMSC still holds must arrive before it.
    writeFileSync(configPath, JSON.stringify(engineConfig(gateways.info, 'engine-receipts.db', '30s'), null, 2));

    let engine = await startEngine(configPath);
    await approveTemplate(engine.api);
    const ids: string[] = [];
    for (let b = 0; b < RECEIPT_BATCHES; b++) {
      const answer = await postBatch(engine.api, b, recipients);
      expect(answer.accepted).toBe(BATCH_SIZE);
      ids.push(...answer.items.map((i) => i.id));
    }
    // Most sends done, receipts (50-300 ms behind their submits) still coming in.
    const url = engine.child.info.engine;
    const killLimit = Date.now() + 60_000;
    let sent = 0;
    while ((sent = await metric(url, 'msgsim_engine_gateway_outcomes_total')) < 0.8 * total) {
      if (Date.now() > killLimit) throw new Error(`only ${sent} of ${total} sends answered after 60 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const reportsBeforeKill = await metric(url, 'msgsim_engine_reports_total');
    const killedAt = Date.now();
    await engine.child.kill();
    // The SMSC takes back what the dead binds left unanswered and keeps what came due meanwhile.
    await new Promise((r) => setTimeout(r, 300));
    const heldAtKill = await smscCounts(gateways.info);

    engine = await startEngine(configPath);
    const restartedAt = Date.now();
    await drained(engine.child.info.engine, DRAIN_LIMIT_MS);
    const drainedAt = Date.now();
    const views = await readAll(engine.api, ids);
    const counts = await smscCounts(gateways.info);
    const resubmitted = await metric(engine.child.info.engine, 'msgsim_engine_resubmitted_after_restart_total');
    const states = new Map<string, number>();
    for (const v of views.values()) states.set(v.state, (states.get(v.state) ?? 0) + 1);
    const noReport = [...views.values()].filter((v) => v.attempts.some((a) => a.outcome === 'no-report'));

    const figures = {
      accepted: ids.length,
      sendsAnsweredAtKill: sent,
      reportsBeforeKill,
      receiptsHeldBySmscAfterKill: heldAtKill.deliverQueue + heldAtKill.deliverInFlight,
      states: Object.fromEntries(states),
      noReport: noReport.length,
      smscAccepted: counts.accepted,
      duplicates: counts.duplicates,
      resubmittedAfterRestart: resubmitted,
      killAfterMs: killedAt - started,
      drainAfterRestartMs: drainedAt - restartedAt,
      totalMs: Date.now() - started,
    };
    console.log(`engine crash (receipts) figures: ${JSON.stringify(figures)}`);

    // The kill did land while receipts were owed: the SMSC held some for the next bind.
    expect(figures.receiptsHeldBySmscAfterKill).toBeGreaterThan(0);
    expect(reportsBeforeKill).toBeLessThan(total);
    expect(new Set(ids).size).toBe(total);
    expect(noReport.map((v) => v.id).slice(0, 10)).toEqual([]);
    expect(Object.fromEntries(states)).toEqual({ delivered: total });
    expect(counts.distinct).toBe(total);
    expect(counts.duplicates).toBeLessThanOrEqual(resubmitted);
  }, 180_000);
});
