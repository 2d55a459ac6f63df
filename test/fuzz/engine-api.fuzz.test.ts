// Fuzz the engine API's intake surface: arbitrary JSON, mutated valid bodies (dropped, extra and
// wrong-typed fields, huge strings, deep nesting, __proto__/constructor keys), raw bytes and wrong
// content types against the message and template routes. Oracle: every answer is a 2xx or a 4xx whose
// body is the one JSON error shape with a known code (never a 5xx), and every request that reaches the
// Intake is a well-formed MessageRequest (checked by a schema written from engine/message.ts, not by
// the API's own). The app is a parameter: the same fuzz runs against any Intake behind the API.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiErrorBodySchema } from '../../engine/api/api-error.ts';
import { ENGINE_ERROR_CODES } from '../../engine/engine-errors.ts';
import type { Intake } from '../../engine/intake/intake.ts';
import { createApiServer } from '../../engine/api/api-server.ts';
import { startE2eStack, type E2eStack } from '../e2e/support/engine-stack.ts';
import { createApiHarness, KEY_A, TEST_CONFIG } from '../unit/engine/api/api-fakes.ts';

export interface FuzzTarget {
  app: FastifyInstance;
  close(): Promise<void>;
}
/** Builds the app under test; it must put `watch(intake)` between the API and its Intake. */
export type FuzzAppFactory = (watch: (intake: Intake) => Intake) => Promise<FuzzTarget>;

// What a MessageRequest may be (engine/message.ts), independent of the API's request schemas.
const text = z.string();
const button = z.strictObject({ label: text, url: text.optional(), postback: text.optional(), dial: text.optional() });
const messageRequest = z
  .strictObject({
    to: text.min(1),
    from: text.min(1),
    type: z.enum(['sms', 'lms', 'mms', 'rcs']).optional(),
    text: text.optional(),
    template: z.strictObject({ id: text.min(1), variables: z.record(text, text), language: z.enum(['ko', 'en', 'zh', 'vi', 'ru']).optional() }).optional(),
    subject: text.optional(),
    media: z.array(z.strictObject({ contentType: text, name: text, data: text })).optional(),
    rcs: z
      .strictObject({
        messagebaseId: text,
        text: text.optional(),
        cards: z
          .array(
            z.strictObject({
              title: text.optional(),
              description: text.optional(),
              media: z.strictObject({ url: text, contentType: text.optional(), height: z.enum(['SHORT_HEIGHT', 'MEDIUM_HEIGHT', 'TALL_HEIGHT']).optional() }).optional(),
              buttons: z.array(button).optional(),
            }),
          )
          .optional(),
        buttons: z.array(button).optional(),
      })
      .optional(),
    priority: z.enum(['realtime', 'scheduled']),
    sendAt: z.number().finite().optional(),
    ad: z.boolean(),
    optOut: text.optional(),
    clientRef: text.optional(),
    idempotencyKey: text.min(1).optional(),
    webhookUrl: text.optional(),
  })
  .refine((r) => (r.priority === 'scheduled') === (r.sendAt !== undefined), 'sendAt exactly when scheduled');

// Objects reaching the engine must be plain data: nothing may have swapped a prototype on the way.
function plainData(v: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return Object.getPrototypeOf(v) === Array.prototype && v.every((x) => plainData(x, depth + 1));
  return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every((x) => plainData(x, depth + 1));
}

const VALID_MESSAGES: object[] = [
  { to: '01012345678', from: '0212345678', text: '안녕하세요' },
  { to: '+821012345678', from: '0212345678', template: { id: 'tpl-1', variables: { name: '김' }, language: 'ko' }, clientRef: 'c-1' },
  { to: '01012345678', from: '0212345678', subject: '사진', text: 'x', media: [{ contentType: 'image/jpeg', name: 'a.jpg', data: 'AAAA' }], ad: true, optOut: '0801234567' },
  { to: '01012345678', from: '0212345678', rcs: { messagebaseId: 'SS000000', cards: [{ title: 't', media: { url: 'https://x/a.jpg' }, buttons: [{ label: 'go', url: 'https://x' }] }] } },
  { to: '01012345678', from: '0212345678', text: 'later', kind: 'scheduled', sendAt: '2026-03-02T09:00:00+09:00', webhookUrl: 'https://t.example/h' },
];
const VALID_BATCHES: object[] = [
  { from: '0212345678', text: 'hi', recipients: [{ to: '01011110001' }, { to: '01011110002', clientRef: 'b' }] },
  { from: '0212345678', template: { id: 'tpl-1', variables: { shop: 'A' } }, recipients: [{ to: '01011110001', variables: { name: '김' }, idempotencyKey: 'k1' }, { to: '01011110002' }] },
];
const VALID_TEMPLATES: object[] = [{ name: '안내', kind: 'lms', bodies: { ko: { subject: 's', text: '{{name}}님' }, en: { text: '{{name}}' } } }, { id: 'promo-1', name: 'p', kind: 'sms', ad: true, bodies: { ko: { text: '세일' } } }];
const VALID_REVIEWS: object[] = [{ decision: 'pass' }, { decision: 'reject', note: 'wording' }];

const ROUTES = [
  { url: '/v1/messages', valid: VALID_MESSAGES },
  { url: '/v1/messages/batch', valid: VALID_BATCHES },
  { url: '/v1/templates', valid: VALID_TEMPLATES },
  { url: '/v1/templates/tpl-1/review', valid: VALID_REVIEWS },
];

const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', ''];

// Huge strings and deep nests are described, and built only when used, so that a counterexample prints short.
class Huge {
  constructor(readonly n: number) {}
  build(): string {
    return '가'.repeat(this.n);
  }
}
// JSON.stringify recurses and overflows long before JSON.parse does, so a deep nest goes into the body
// as a marker string that serialize() expands into the nested text.
class Deep {
  constructor(
    readonly depth: number,
    readonly asArray: boolean,
  ) {}
  build(): string {
    return `@@deep-${this.depth}-${this.asArray}@@`;
  }
}
const DEEP_MARKER = /"@@deep-(\d+)-(true|false)@@"/g;
function serialize(body: unknown): string {
  let expanded = 0;
  return (JSON.stringify(body) ?? 'null').replace(DEEP_MARKER, (m, d: string, a: string) => {
    // A repeated array may carry thousands of markers; two deep nests per body are plenty.
    if (++expanded > 2) return m;
    const n = Number(d);
    return a === 'true' ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  });
}
// A fresh copy each time (through JSON, which keeps an own "__proto__" key): a shared value inserted
// into itself would make the body circular.
const built = (v: unknown): unknown => (v instanceof Huge || v instanceof Deep ? v.build() : v === undefined ? v : JSON.parse(JSON.stringify(v)));

// A replacement value: anything JSON, a huge string, a deep nest, odd numbers, a polluting object.
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 400_000 }).map((n) => new Huge(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean()).map(([d, a]) => new Deep(d, a)) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -0, 2 ** 53 + 1, -1, 0.5, '', ' ', '\u0000', 'null', '2026-13-45T99:00:00Z') },
  { weight: 1, arbitrary: fc.constantFrom(JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }, { toString: 'x' }) },
);

type Mutation = { kind: 'drop' | 'add' | 'set' | 'repeat'; pick: number; key: string; value: unknown; times: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'add', 'set', 'set', 'repeat'),
  pick: fc.nat(),
  key: fc.oneof(fc.constantFrom(...SPECIAL_KEYS), fc.string({ maxLength: 8 }), fc.constantFrom('to', 'from', 'text', 'variables', 'recipients', 'kind', 'sendAt')),
  value: replacement,
  times: fc.integer({ min: 2, max: 12_000 }),
});

// Every object and array in the body, so a mutation can land at any depth.
function containers(v: unknown, out: Array<Record<string, unknown> | unknown[]> = [], depth = 0): Array<Record<string, unknown> | unknown[]> {
  if (v !== null && typeof v === 'object' && depth < 10) {
    out.push(v as Record<string, unknown>);
    for (const x of Object.values(v)) containers(x, out, depth + 1);
  }
  return out;
}

function mutate(body: object, mutations: Mutation[]): unknown {
  const root = structuredClone(body);
  // One repeat, applied last: it shares one element many times, and a later mutation of that element
  // (or a second repeat inside it) would multiply the body past any bound.
  const repeat = mutations.find((m) => m.kind === 'repeat');
  const ms = [...mutations.filter((m) => m.kind !== 'repeat'), ...(repeat === undefined ? [] : [repeat])];
  for (const m of ms) {
    const all = containers(root);
    const target = all[m.pick % all.length];
    const keys = Object.keys(target);
    const key = keys.length === 0 ? m.key : keys[m.pick % keys.length];
    if (m.kind === 'drop' && keys.length > 0) {
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
    } else if (m.kind === 'add') {
      // defineProperty, so that "__proto__" becomes a key of the JSON and not this object's prototype.
      Object.defineProperty(target, Array.isArray(target) ? String(target.length) : m.key, { value: built(m.value), enumerable: true, writable: true, configurable: true });
    } else if (m.kind === 'set' && keys.length > 0) {
      Object.defineProperty(target, key, { value: built(m.value), enumerable: true, writable: true, configurable: true });
    } else if (m.kind === 'repeat' && Array.isArray(target) && target.length > 0) {
      // Bounded to about 1 MB of JSON, so that repeats of repeats cannot grow without limit.
      const first = target[0];
      const size = Math.max(1, (JSON.stringify(first) ?? '').length) * (target.length + 1);
      const times = Math.min(m.times, Math.floor(1_000_000 / size));
      for (let i = 0; i < times; i++) target.push(first);
    }
  }
  return root;
}

const CONTENT_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/jsonx', 'application/octet-stream', 'JSON', 'application/json;;', ''];

export function describeEngineApiFuzz(label: string, factory: FuzzAppFactory, opts: { budgetMs: number; seed: number }): void {
  describe(`engine API fuzz (${label})`, () => {
    let target: FuzzTarget;
    const violations: string[] = [];
    const tally = new Map<number, number>();
    const watch = (intake: Intake): Intake => ({
      ...intake,
      submit(tenant, requests, prefix) {
        requests.forEach((r, i) => {
          const ok = messageRequest.safeParse(r);
          if (!ok.success) violations.push(`request ${i}: ${ok.error.issues[0]?.message} at ${ok.error.issues[0]?.path.join('.')}: ${JSON.stringify(r).slice(0, 300)}`);
          else if (!plainData(r)) violations.push(`request ${i} is not plain data`);
        });
        return intake.submit(tenant, requests, prefix);
      },
    });

    beforeAll(async () => {
      target = await factory(watch);
      await target.app.ready();
    });
    afterAll(async () => {
      console.log(`engine API fuzz (${label}) answers: ${[...tally].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}x${n}`).join(' ')}`);
      await target.close();
    });

    async function send(url: string, payload: string | Buffer, contentType: string | null, extra: Record<string, string> = {}): Promise<void> {
      const headers: Record<string, string> = { authorization: `Bearer ${KEY_A}`, ...extra };
      if (contentType !== null) headers['content-type'] = contentType;
      const res = await target.app.inject({ method: 'POST', url, headers, payload });
      tally.set(res.statusCode, (tally.get(res.statusCode) ?? 0) + 1);
      const where = `POST ${url} [${contentType}] ${String(payload).slice(0, 200)}`;
      if (res.statusCode >= 500 || res.statusCode < 200 || (res.statusCode >= 300 && res.statusCode < 400)) throw new Error(`${where}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        const parsed = apiErrorBodySchema.safeParse(JSON.parse(res.body));
        if (!parsed.success) throw new Error(`${where}: not the error body: ${res.body.slice(0, 300)}`);
        if (!(parsed.data.error.code in ENGINE_ERROR_CODES)) throw new Error(`${where}: unknown code ${parsed.data.error.code}`);
      }
      if (violations.length > 0) throw new Error(`${where}: the Intake saw an invalid request: ${violations.splice(0).join('; ')}`);
    }

    const run = <T extends [unknown]>(prop: fc.IAsyncProperty<T>, share: number) =>
      fc.assert(prop, { numRuns: 100_000, seed: opts.seed, interruptAfterTimeLimit: opts.budgetMs * share, markInterruptAsFailure: false, endOnFailure: true });

    it('mutated valid bodies: 2xx, or 4xx with the error body; the Intake only sees valid requests', async () => {
      await run(
        fc.asyncProperty(fc.record({ route: fc.nat(), pick: fc.nat(), ms: fc.array(mutation, { minLength: 0, maxLength: 3 }), key: fc.option(fc.string({ minLength: 0, maxLength: 240 }).filter((s) => /^[\x21-\x7e]*$/.test(s)), { nil: undefined }) }), async (c) => {
          const route = ROUTES[c.route % ROUTES.length];
          const body = mutate(route.valid[c.pick % route.valid.length], c.ms);
          await send(route.url, serialize(body), 'application/json', c.key === undefined ? {} : { 'idempotency-key': c.key });
        }),
        0.45,
      );
      expect(tally.get(202) ?? 0).toBeGreaterThan(20);
      expect(tally.get(400) ?? 0).toBeGreaterThan(100);
    });

    it('arbitrary JSON values and raw bytes under any content type never get a 5xx; a 4xx carries the error body', async () => {
      await run(
        fc.asyncProperty(
          fc.record({
            route: fc.nat(),
            body: fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'), fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)), fc.string({ maxLength: 300 })),
            type: fc.oneof({ weight: 3, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.constant(null) }),
          }),
          async (c) => {
            await send(ROUTES[c.route % ROUTES.length].url, c.body, c.type);
          },
        ),
        0.3,
      );
    });

    it('odd ids, queries and URLs on the read and cancel routes get a 2xx or a 4xx with the error body', async () => {
      const segment = fc.oneof(fc.string({ maxLength: 300 }).map(encodeURIComponent), fc.constantFrom('%zz', '%E0%A4%A', '..', '%00', '__proto__', 'constructor', '', 'a/b'));
      await run(
        fc.asyncProperty(fc.record({ route: fc.nat(3), id: segment, ref: segment, limit: fc.oneof(fc.integer().map(String), segment) }), async (c) => {
          const url = [`/v1/messages/${c.id}`, `/v1/messages/${c.id}/cancel`, `/v1/messages?clientRef=${c.ref}&limit=${c.limit}`, `/v1/templates/${c.id}`][c.route];
          const res = await target.app.inject({ method: c.route === 1 ? 'POST' : 'GET', url, headers: { authorization: `Bearer ${KEY_A}` } });
          tally.set(res.statusCode, (tally.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500 || res.statusCode < 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
          if (res.statusCode >= 400 && !apiErrorBodySchema.safeParse(JSON.parse(res.body)).success) throw new Error(`${url}: not the error body: ${res.body.slice(0, 300)}`);
        }),
        0.1,
      );
    });

    it('valid bodies under a wrong content type get 415', async () => {
      for (const route of ROUTES) {
        for (const type of CONTENT_TYPES.filter((t) => t !== '' && !t.startsWith('application/json'))) {
          await send(route.url, JSON.stringify(route.valid[0]), type);
        }
      }
      expect(tally.get(415) ?? 0).toBeGreaterThan(20);
    });

    it('leaves Object.prototype untouched', () => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
  });
}

describeEngineApiFuzz(
  'fake Intake',
  async (watch) => {
    // A small body limit so that huge strings and long batches also reach the 413 path; a quota that
    // the manual clock never has to refill, so that bodies are judged and not throttled.
    const tenants = [{ id: 'tenant-a', apiKeys: [KEY_A], quota: { rate: 1e9, burst: 1e9 } }];
    const h = createApiHarness({ ...TEST_CONFIG, tenants, api: { bodyLimit: 512 * 1024, maxBatch: 10_000 } }, { wrapIntake: watch });
    return { app: h.app, close: () => h.app.close() };
  },
  { budgetMs: 10_000, seed: 20260301 },
);

// The same fuzz against the real engine: memory store, the real composer and template service, and
// the whole simulated stack behind it (network, NP API, the four simulators at 20x). Besides never
// answering a 5xx, nothing the API accepted may be lost: every id of a 202 must read back.
let realStack: E2eStack | null = null;
const acceptedIds: string[] = [];

describeEngineApiFuzz(
  'real engine',
  async (watch) => {
    const stack = await startE2eStack({
      speed: 20,
      seed: 'engine-api-fuzz',
      engine: { api: { bodyLimit: 512 * 1024, maxBatch: 10_000 }, tenants: [{ id: 'tenant-a', apiKeys: [KEY_A], quota: { rate: 1e9, burst: 1e9 } }] },
    });
    realStack = stack;
    const engine = stack.service.engine;
    const recording: Intake = {
      ...engine,
      async submit(tenant, requests, prefix) {
        const res = await engine.submit(tenant, requests, prefix);
        if (res.ok) for (const item of res.items) acceptedIds.push(item.id);
        return res;
      },
    };
    const app = createApiServer({ intake: watch(recording), templates: engine.templates, config: stack.config, registry: engine.metrics, clock: stack.clock });
    // The stack outlives the fuzz: the check below reads every accepted id back first.
    return { app, close: () => app.close() };
  },
  { budgetMs: 10_000, seed: 20260302 },
);

describe('engine API fuzz (real engine): accepted messages', () => {
  afterAll(async () => {
    await realStack?.stop();
  });

  it('every id the API answered 202 for reads back through GET /v1/messages/:id', async () => {
    const stack = realStack;
    expect(stack).not.toBeNull();
    expect(acceptedIds.length).toBeGreaterThan(20);
    const app = createApiServer({ intake: stack!.service.engine, templates: stack!.service.engine.templates, config: stack!.config, registry: stack!.service.engine.metrics, clock: stack!.clock });
    const missing: string[] = [];
    for (const id of new Set(acceptedIds)) {
      const res = await app.inject({ method: 'GET', url: `/v1/messages/${id}`, headers: { authorization: `Bearer ${KEY_A}` } });
      if (res.statusCode !== 200 || (JSON.parse(res.body) as { id?: string }).id !== id) missing.push(`${id}: ${res.statusCode}`);
    }
    await app.close();
    console.log(`engine API fuzz (real engine): ${acceptedIds.length} accepted, ${new Set(acceptedIds).size} distinct ids, ${missing.length} missing`);
    expect(missing).toEqual([]);
  });
});
