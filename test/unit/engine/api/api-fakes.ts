// Fakes behind the engine API for its tests and its fuzz: an Intake and a template service that record
// what they were called with, and the app factory the fuzz test takes as a parameter.
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { createApiServer } from '../../../../engine/api/api-server.ts';
import type { TemplateApi } from '../../../../engine/api/template-routes.ts';
import { engineConfigSchema, type EngineConfig, type EngineConfigInput, type Tenant } from '../../../../engine/engine-config.ts';
import { EngineError } from '../../../../engine/engine-errors.ts';
import type { CancelResult, FieldError, Intake, SubmitResult } from '../../../../engine/intake/intake.ts';
import type { TemplateRegistration } from '../../../../engine/intake/request-schema.ts';
import type { MessageRecord, MessageRequest } from '../../../../engine/message.ts';
import type { Template, TemplateState } from '../../../../engine/templates/template.ts';

export const KEY_A = 'tenant-a-key-0001';
export const KEY_B = 'tenant-b-key-0001';

export const TEST_CONFIG: EngineConfigInput = {
  tenants: [
    { id: 'tenant-a', apiKeys: [KEY_A, 'tenant-a-key-0002'], quota: { rate: 1000, burst: 20_000 } },
    { id: 'tenant-b', apiKeys: [KEY_B], quota: { rate: 10, burst: 20 } },
  ],
};

export interface SubmitCall {
  tenant: string;
  requests: readonly MessageRequest[];
  prefixes: string[];
}

export interface FakeIntake extends Intake {
  calls: SubmitCall[];
  records: Map<string, MessageRecord>;
  /** Answer the next submit with these errors instead of accepting. */
  failNext(errors: FieldError[]): void;
  /** Make the next submit throw (an engine bug). */
  throwNext(err: unknown): void;
}

export function createFakeIntake(): FakeIntake {
  const calls: SubmitCall[] = [];
  const records = new Map<string, MessageRecord>();
  const byKey = new Map<string, string>();
  let next = 0;
  let failure: FieldError[] | null = null;
  let thrown: { err: unknown } | null = null;
  return {
    calls,
    records,
    failNext(errors) {
      failure = errors;
    },
    throwNext(err) {
      thrown = { err };
    },
    async submit(tenant: Tenant, requests: readonly MessageRequest[], fieldPrefix: (i: number) => string): Promise<SubmitResult> {
      calls.push({ tenant: tenant.id, requests, prefixes: requests.slice(0, 3).map((_, i) => fieldPrefix(i)) });
      if (thrown !== null) {
        const e = thrown.err;
        thrown = null;
        throw e;
      }
      if (failure !== null) {
        const errors = failure;
        failure = null;
        return { ok: false, errors };
      }
      const items = requests.map((r) => {
        const k = r.idempotencyKey === undefined ? undefined : `${tenant.id}\u0000${r.idempotencyKey}`;
        const seen = k === undefined ? undefined : byKey.get(k);
        if (seen !== undefined) return { id: seen, state: 'accepted' as const, duplicate: true };
        const id = `msg-${++next}`;
        if (k !== undefined) byKey.set(k, id);
        return { id, state: 'accepted' as const, duplicate: false };
      });
      return { ok: true, items };
    },
    async get(tenant, id) {
      const r = records.get(id);
      return r !== undefined && r.tenant === tenant.id ? r : null;
    },
    async cancel(tenant, id): Promise<CancelResult> {
      const r = records.get(id);
      if (r === undefined || r.tenant !== tenant.id) return { kind: 'not-found' };
      if (r.state !== 'accepted' && r.state !== 'held') return { kind: 'too-late', record: r };
      const cancelled: MessageRecord = { ...r, state: 'cancelled', reason: 'cancelled' };
      records.set(id, cancelled);
      return { kind: 'cancelled', record: cancelled };
    },
    async findByClientRef(tenant, clientRef, limit) {
      return [...records.values()].filter((r) => r.tenant === tenant.id && r.request.clientRef === clientRef).slice(0, limit);
    },
  };
}

const NEXT_STAGE: Partial<Record<TemplateState, TemplateState>> = { registered: 'wording-review', 'wording-review': 'consistency-review', 'consistency-review': 'approved' };

export interface FakeTemplates extends TemplateApi {
  registered: Array<{ tenant: string; input: TemplateRegistration }>;
}

export function createFakeTemplates(clock: ManualClock): FakeTemplates {
  const registered: Array<{ tenant: string; input: TemplateRegistration }> = [];
  const store = new Map<string, Template>();
  let next = 0;
  return {
    registered,
    async register(tenant, input) {
      registered.push({ tenant, input });
      if (input.name === 'duplicate') throw new EngineError('ENGINE_ERR_CONFLICT', `tenant ${tenant} already has a template named duplicate`);
      const now = clock.now();
      const languages = Object.keys(input.bodies) as Template['defaultLanguage'][];
      const t: Template = {
        id: input.id ?? `tpl-${++next}`,
        tenant,
        name: input.name,
        kind: input.kind,
        ad: input.ad,
        bodies: input.bodies,
        defaultLanguage: input.defaultLanguage ?? languages[0],
        variables: [],
        state: 'registered',
        history: [{ state: 'registered', at: now }],
        createdAt: now,
        updatedAt: now,
      };
      store.set(`${tenant}/${t.id}`, t);
      return t;
    },
    async review(tenant, id, input) {
      const t = store.get(`${tenant}/${id}`);
      if (t === undefined) throw new EngineError('ENGINE_ERR_NOT_FOUND', `no template ${id}`);
      const next = NEXT_STAGE[t.state];
      const to = next === undefined ? undefined : input.decision === 'reject' ? 'rejected' : next;
      if (to === undefined) throw new EngineError('ENGINE_ERR_CONFLICT', `template ${id} is ${t.state}; reviews are over`);
      const now = clock.now();
      const updated: Template = { ...t, state: to, updatedAt: now, history: [...t.history, input.note === undefined ? { state: to, at: now } : { state: to, at: now, note: input.note }] };
      store.set(`${tenant}/${id}`, updated);
      return updated;
    },
    async get(tenant, id) {
      return store.get(`${tenant}/${id}`) ?? null;
    },
    async list(tenant) {
      return [...store.values()].filter((t) => t.tenant === tenant);
    },
  };
}

export function makeRecord(over: Partial<MessageRecord> & { id: string; tenant: string }): MessageRecord {
  return {
    request: { to: '01012345678', from: '0212345678', text: 'hello', priority: 'realtime', ad: false, clientRef: 'order-1' },
    content: { kind: 'sms', text: 'hello', encoding: 'euc-kr' },
    state: 'accepted',
    leg: 0,
    fallbacks: [],
    attempts: [],
    createdAt: Date.parse('2026-03-01T00:00:00Z'),
    updatedAt: Date.parse('2026-03-01T00:00:01Z'),
    dueAt: null,
    notified: false,
    ...over,
  };
}

export interface ApiHarness {
  app: FastifyInstance;
  intake: FakeIntake;
  templates: FakeTemplates;
  clock: ManualClock;
  config: EngineConfig;
  registry: Registry;
}

/** The API over fakes; `wrapIntake` lets a test watch what reaches the Intake. */
export function createApiHarness(configInput: EngineConfigInput = TEST_CONFIG, opts: { logger?: unknown; logRequests?: boolean; wrapIntake?: (i: Intake) => Intake } = {}): ApiHarness {
  const clock = createManualClock(Date.parse('2026-03-01T00:00:00Z'));
  const config = engineConfigSchema.parse(configInput);
  const intake = createFakeIntake();
  const templates = createFakeTemplates(clock);
  const registry = new Registry();
  const app = createApiServer({ intake: opts.wrapIntake?.(intake) ?? intake, templates, config, registry, clock, health: () => ({ engine: 'running' }), logger: (opts.logger ?? false) as never, logRequests: opts.logRequests });
  return { app, intake, templates, clock, config, registry };
}
