// The engine's configuration (YAML for `msgsim engine --config FILE`): gateway endpoints and
// credentials, TPS contracts and dispatch policies, route plans with fallback, tenants, store.
// Everything has a default that matches `msgsim up` (the simulators on their default ports), so an
// empty file is a working config. Output is normalised: durations in ms.
import { z } from 'zod';
import { configDuration } from '../gateways/kit/simulator-config-file.ts';
import { GATEWAY_NAMES } from './channel.ts';
import { FALLBACK_TRIGGERS } from './message.ts';

const gatewayName = z.enum(GATEWAY_NAMES as ['smsvas', 'gmmsc', 'rcs', 'xroshot']);
const contentKind = z.enum(['sms', 'lms', 'mms', 'rcs']);

export const dispatchPolicySchema = z.strictObject({
  /** Contracted messages per second to this gateway (the engine paces itself below it). */
  tps: z.number().positive().default(1000),
  /** Sends awaiting their synchronous answer. */
  window: z.number().int().positive().default(200),
  /** No answer within this -> outcome timeout (transient). */
  timeout: configDuration.default(10_000),
  retry: z
    .strictObject({
      /** Attempts per leg, first one included. */
      attempts: z.number().int().min(1).default(4),
      initialDelay: configDuration.default(500),
      maxDelay: configDuration.default(30_000),
      multiplier: z.number().min(1).default(2),
      /** Full jitter fraction 0..1 of each delay. */
      jitter: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  circuitBreaker: z
    .strictObject({
      /** Open after this many consecutive transient failures (timeout, unavailable, system-error, service-unavailable). */
      failures: z.number().int().positive().default(20),
      /** Stay open this long, then let one probe through (half-open). */
      openFor: configDuration.default(30_000),
    })
    .prefault({}),
  /** No final report within this after acceptance -> trigger no-report (fallback where the plan says, else expired). */
  reportTimeout: configDuration.default(86_400_000),
});
export type DispatchPolicy = z.infer<typeof dispatchPolicySchema>;

const gatewayBase = { enabled: z.boolean().default(true), policy: dispatchPolicySchema.prefault({}) };

export const gatewaysSchema = z
  .strictObject({
    smsvas: z
      .strictObject({ ...gatewayBase, target: z.string().default('smpp://msgsim:secret@127.0.0.1:2775'), binds: z.number().int().positive().default(2) })
      .prefault({}),
    gmmsc: z
      .strictObject({
        ...gatewayBase,
        target: z.string().default('http://msgsim:secret@127.0.0.1:8081/mm7'),
        vaspId: z.string().default('msgsim'),
        vasId: z.string().default('msgsim-vas'),
        /** Where the MMSC posts DeliveryReportReq/DeliverReq; port 0 = any free port. */
        callback: z.strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).default(0) }).prefault({}),
      })
      .prefault({}),
    rcs: z
      .strictObject({
        ...gatewayBase,
        target: z.string().default('http://127.0.0.1:8082'),
        clientId: z.string().default('msgsim'),
        clientSecret: z.string().default('secret'),
        botId: z.string().default('15880000'),
        webhook: z.strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).default(0) }).prefault({}),
        /** How long a capability answer is trusted. */
        capabilityTtl: configDuration.default(3_600_000),
      })
      .prefault({}),
    xroshot: z
      .strictObject({
        ...gatewayBase,
        target: z.string().default('tcp://msgsim:secret@127.0.0.1:8083'),
        certificate: z.string().optional(),
        sessions: z.number().int().positive().default(2),
      })
      .prefault({}),
  })
  .prefault({});

/** One leg of a route plan: which gateway, as which content kind, and what moves the message on to the next leg. */
export const routeLegSchema = z.strictObject({
  gateway: gatewayName,
  /** Content kind sent on this leg; 'same' keeps the composed kind. */
  as: z.union([contentKind, z.literal('same')]).default('same'),
  /** Transformation for a replacement message (rcs -> mms/lms). */
  transform: z.enum(['none', 'rcs-to-mms', 'rcs-to-lms']).default('none'),
  /** Ask RCS capability before sending (not capable -> trigger not-capable). */
  checkCapability: z.boolean().default(false),
  /** Triggers that move the message to the next leg; any other failure is final. */
  fallbackOn: z.array(z.enum(FALLBACK_TRIGGERS)).default([]),
  /** No final report within this -> trigger no-report; default: the gateway policy's reportTimeout. */
  reportTimeout: configDuration.optional(),
});
export type RouteLeg = z.infer<typeof routeLegSchema>;

export const routePlanSchema = z.strictObject({
  name: z.string().min(1),
  /** Own-network ('on-net') or other carriers ('off-net') as the number-portability lookup says. */
  network: z.enum(['on-net', 'off-net', 'any']).default('any'),
  kinds: z.array(contentKind).min(1),
  legs: z.array(routeLegSchema).min(1),
});
export type RoutePlan = z.infer<typeof routePlanSchema>;

export const tenantSchema = z.strictObject({
  id: z.string().min(1),
  apiKeys: z.array(z.string().min(8)).min(1),
  /** Intake quota: messages per second accepted for this tenant (batch recipients count one each). */
  quota: z.strictObject({ rate: z.number().positive().default(20_000), burst: z.number().positive().default(100_000) }).prefault({}),
  /** Registered callback numbers (Korean anti-spoofing rule); empty = any. */
  senders: z.array(z.string()).default([]),
  /** Default status webhook. */
  webhookUrl: z.string().url().optional(),
  /** Where MO messages are posted. */
  moWebhookUrl: z.string().url().optional(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const engineConfigSchema = z.strictObject({
  api: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Largest request body. */
      bodyLimit: z.number().int().positive().default(32 * 1024 * 1024),
      maxBatch: z.number().int().positive().max(10_000).default(10_000),
    })
    .prefault({}),
  /** The number-portability lookup (gateways/network np-api). */
  network: z.strictObject({ npUrl: z.string().default('http://127.0.0.1:8090'), ownCarrier: z.string().default('KT'), cacheTtl: configDuration.default(86_400_000) }).prefault({}),
  gateways: gatewaysSchema,
  routes: z.array(routePlanSchema).optional(), // default: engine/routing/default-routes.yaml
  tenants: z.array(tenantSchema).default([{ id: 'demo', apiKeys: ['demo-key-0001'], quota: { rate: 20_000, burst: 100_000 }, senders: [] }]),
  store: z
    .strictObject({
      kind: z.enum(['sqlite', 'memory']).default('sqlite'),
      path: z.string().default('./data/msgsim.db'),
      /** Longest wait before a group commit is written. */
      flushInterval: configDuration.default(5),
    })
    .prefault({}),
  compliance: z
    .strictObject({
      /** Korean ad night window (KST): ad messages are held until it ends. */
      adNightWindow: z.strictObject({ start: z.string().default('21:00'), end: z.string().default('08:00'), action: z.enum(['hold', 'block']).default('hold') }).prefault({}),
      timezone: z.string().default('Asia/Seoul'),
    })
    .prefault({}),
  /** Tenant status webhooks. */
  webhooks: z.strictObject({ attempts: z.number().int().min(1).default(6), initialDelay: configDuration.default(1000), timeout: configDuration.default(5000), concurrency: z.number().int().positive().default(64) }).prefault({}),
});
export type EngineConfig = z.infer<typeof engineConfigSchema>;
export type EngineConfigInput = z.input<typeof engineConfigSchema>;
