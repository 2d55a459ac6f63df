// The `faults` the runner injects into gateways during a run, and the `expect` section it checks after.
import { z } from 'zod';
import { latencySchema, OUTAGE_MODES } from '../gateways/kit/behaviour-schema.ts';
import { REJECT_REASONS } from '../gateways/kit/canonical-reason.ts';
import { GATEWAY_NAMES } from '../engine/channel.ts';
import type { GatewayName } from '../engine/channel.ts';
import { FALLBACK_TRIGGERS, FINAL_STATES } from '../engine/message.ts';
import type { MessageState } from '../engine/message.ts';
import { durationField, nonNegativeInt, offsetField, share, strictShape } from './scenario-fields.ts';

const GATEWAYS = GATEWAY_NAMES as [GatewayName, ...GatewayName[]];
export const gatewayField = z.enum(GATEWAYS, {
  error: (iss) => `unknown gateway '${String(iss.input)}' (valid gateways: ${GATEWAYS.join(', ')})`,
});

export const FAULT_KINDS = ['outage', 'latency-spike', 'error-burst', 'webhook-down'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Gateways that call the engine back over HTTP (status webhooks, MM7 DeliveryReportReq). */
export const WEBHOOK_GATEWAYS: readonly GatewayName[] = ['gmmsc', 'rcs'];

const latencyDef = latencySchema.meta({ id: 'ScenarioLatency', title: 'Latency in ms: a number, fixed, uniform, normal or lognormal' });

const faultBase = {
  at: offsetField.describe('When the fault starts (offset on the scenario clock).'),
  for: durationField.optional().describe('How long it lasts; default: to the end of the run.'),
  gateway: gatewayField,
};

export const faultSchema = z.discriminatedUnion(
  'kind',
  [
    strictShape({ ...faultBase, kind: z.literal('outage'), mode: z.enum(OUTAGE_MODES), latency: latencyDef.optional().describe("Only for mode 'slow'.") }).superRefine((f, ctx) => {
      if (f.mode === 'slow' && f.latency === undefined) ctx.addIssue({ code: 'custom', path: ['latency'], message: "mode 'slow' needs a latency" });
      if (f.mode !== 'slow' && f.latency !== undefined) ctx.addIssue({ code: 'custom', path: ['latency'], message: "latency only applies to mode 'slow'" });
    }),
    strictShape({ ...faultBase, kind: z.literal('latency-spike'), latency: latencyDef.describe('Response latency while the spike lasts.') }),
    strictShape({ ...faultBase, kind: z.literal('error-burst'), reason: z.enum(REJECT_REASONS), ratio: share.describe('Share of requests rejected with reason.') }),
    strictShape({ ...faultBase, kind: z.literal('webhook-down') }).superRefine((f, ctx) => {
      if (!WEBHOOK_GATEWAYS.includes(f.gateway)) {
        ctx.addIssue({ code: 'custom', path: ['gateway'], message: `webhook-down needs a gateway that calls back over HTTP (${WEBHOOK_GATEWAYS.join(', ')}), not ${f.gateway}` });
      }
    }),
  ],
  { error: `expected kind: ${FAULT_KINDS.join(' | ')}` },
);
export type Fault = z.output<typeof faultSchema>;

/** count is exact; min/max bound it. At least one is given. */
const countBounds = {
  count: nonNegativeInt.optional(),
  min: nonNegativeInt.optional(),
  max: nonNegativeInt.optional(),
};

function checkBounds(b: { count?: number; min?: number; max?: number; ratio?: unknown }, ctx: z.RefinementCtx, ratioAllowed = false): void {
  const given = b.count !== undefined || b.min !== undefined || b.max !== undefined || b.ratio !== undefined;
  if (!given) ctx.addIssue({ code: 'custom', message: `give count, min or max${ratioAllowed ? ' (or ratio)' : ''}` });
  if (b.count !== undefined && (b.min !== undefined || b.max !== undefined)) ctx.addIssue({ code: 'custom', path: ['count'], message: 'give count alone, or min/max' });
  if (b.min !== undefined && b.max !== undefined && b.min > b.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be >= min' });
}

const finalStates = [...FINAL_STATES] as [MessageState, ...MessageState[]];

const finalStateExpectation = strictShape({
  channel: gatewayField.optional().describe('The gateway of the final attempt; omit for every channel.'),
  state: z.enum(finalStates),
  ...countBounds,
  ratio: strictShape({ min: share.optional(), max: share.optional() }).optional().describe('Share of all messages of the scenario.'),
}).superRefine((e, ctx) => checkBounds(e, ctx, true));

const fallbackExpectation = strictShape({
  from: gatewayField,
  to: gatewayField,
  reason: z.enum(FALLBACK_TRIGGERS).optional(),
  ...countBounds,
}).superRefine((e, ctx) => checkBounds(e, ctx));

const percentiles = strictShape({ p50: durationField.optional(), p95: durationField.optional(), p99: durationField.optional() }).describe(
  'Upper bounds of intake -> final state latency percentiles.',
);
const latencyExpectation = strictShape(
  { all: percentiles.optional(), smsvas: percentiles.optional(), gmmsc: percentiles.optional(), rcs: percentiles.optional(), xroshot: percentiles.optional() },
  'channel',
);

const countExpectation = z.union([nonNegativeInt, strictShape({ ...countBounds }).superRefine((e, ctx) => checkBounds(e, ctx))], {
  error: 'expected a count or { count?, min?, max? }',
});

export const expectSchema = strictShape({
  finalStates: z.array(finalStateExpectation).optional(),
  fallbacks: z.array(fallbackExpectation).optional(),
  deliveryRatio: strictShape({ min: share }).optional().describe('delivered / all messages.'),
  latency: latencyExpectation.optional(),
  throughput: strictShape({
    perHour: z.number().positive().describe('Lowest acceptable rate, messages per simulated hour.'),
    over: durationField.describe('Window length: every full window while traffic flows must reach perHour.'),
    of: z.enum(['submitted', 'delivered']).default('delivered'),
  }).optional(),
  noMessageLost: z.boolean().optional().describe('Every accepted message reaches a final state, none is duplicated.'),
  compliance: strictShape({ held: countExpectation.optional(), blocked: countExpectation.optional() }).optional(),
});
export type Expectations = z.output<typeof expectSchema>;
