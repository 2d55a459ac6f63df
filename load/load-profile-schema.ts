// A load profile: what a capacity planner runs with `msgsim load <profile>` — the traffic (phases of
// autocannon connections sending single messages or batches of a content mix to generated recipients)
// and the targets the run must meet (sustained messages per hour, intake p99, error ratio). Durations
// are written '30s', '2m', '1h' (or ms as a number); the output is normalised to ms.
import { z } from 'zod';
import { configDuration } from '../gateways/kit/simulator-config-file.ts';

export const CONTENT_KINDS = ['sms', 'lms', 'mms', 'rcs'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** The API's largest batch (POST /v1/messages/batch). */
export const MAX_BATCH = 10_000;

const mobileNumber = z
  .string({ error: "expected a Korean mobile number as a quoted string, e.g. '01050000000' (unquoted, YAML drops the leading 0)" })
  .regex(/^01[016789]\d{7,8}$/, "expected a Korean mobile number, e.g. '01050000000'");

const shareRecipients = z.strictObject({
  /** Share of recipients on the own network (KT and MVNOs on KT), 0..1; the rest are other carriers'. */
  onNet: z.number().min(0).max(1),
  /**
   * Only numbers that are in service and switched on (default): every accepted message can reach a
   * final state within the run. false draws numbers as the network has them (switched-off handsets
   * then only expire after the validity period, 24 h by default).
   */
  reachableOnly: z.boolean().default(true),
});

const rangeRecipients = z.strictObject({
  /** Numbers from..to inclusive (same length), each used once in a seeded order before any repeats. */
  range: z
    .strictObject({ from: mobileNumber, to: mobileNumber })
    .refine((r) => r.from.length === r.to.length && r.from <= r.to, { message: "'from' and 'to' must have the same length and from <= to" }),
});

export const recipientsSchema = z.union([shareRecipients, rangeRecipients], {
  error: 'expected { onNet: <share 0..1> } or { range: { from, to } }',
});
export type RecipientsSpec = z.infer<typeof recipientsSchema>;

export const contentMixSchema = z
  .strictObject({ sms: z.number().min(0).optional(), lms: z.number().min(0).optional(), mms: z.number().min(0).optional(), rcs: z.number().min(0).optional() })
  .refine((m) => Object.values(m).some((w) => (w ?? 0) > 0), { message: 'at least one content kind needs a weight > 0' });
export type ContentMix = z.infer<typeof contentMixSchema>;

export const loadRequestSchema = z
  .strictObject({
    /** batch: POST /v1/messages/batch; single: POST /v1/messages. */
    kind: z.enum(['batch', 'single']),
    /** Recipients per batch (1..10,000); a single message has one. */
    batchSize: z.number().int().min(1).max(MAX_BATCH).optional(),
    /** Callback (sender) number; registered for the simulators' accounts. */
    from: z.string().min(1).default('15880000'),
    /** Relative weights of content kinds; each request draws one kind (a batch shares its content). */
    mix: contentMixSchema.default({ sms: 1 }),
    recipients: recipientsSchema,
    /** Size of the one JPEG an MMS carries. */
    mediaBytes: z.number().int().min(64).max(300 * 1024).default(10 * 1024),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'batch' && r.batchSize === undefined) ctx.addIssue({ code: 'custom', message: 'a batch needs batchSize (1..10000)', path: ['batchSize'] });
    if (r.kind === 'single' && r.batchSize !== undefined && r.batchSize !== 1) ctx.addIssue({ code: 'custom', message: 'a single message has one recipient: leave batchSize out', path: ['batchSize'] });
  })
  .transform((r) => ({ ...r, batchSize: r.batchSize ?? 1 }));
export type LoadRequest = z.output<typeof loadRequestSchema>;

export const loadPhaseSchema = z.strictObject({
  name: z.string().min(1),
  duration: configDuration.refine((ms) => ms >= 1000, { message: 'at least 1s' }),
  /** Concurrent HTTP connections (autocannon closed loop: each sends its next request when answered). */
  connections: z.number().int().min(1).max(1000),
  /** Requests in flight per connection. */
  pipelining: z.number().int().min(1).max(100).default(1),
  /** Cap in requests/s over all connections; none: as fast as the engine answers. */
  rate: z.number().positive().optional(),
  /** false: a warm-up; its figures are reported but not compared with the targets. */
  measure: z.boolean().default(true),
  request: loadRequestSchema,
});
export type LoadPhase = z.output<typeof loadPhaseSchema>;

export const loadTargetsSchema = z.strictObject({
  /** Least messages/hour: accepted over the measured phases and, when the progress is known, reaching a final state. */
  sustainedPerHour: z.number().positive(),
  /** Most p99 intake latency (HTTP answer) in ms, in any measured phase. */
  intakeP99Ms: z.number().positive(),
  /** Most failed requests (non-2xx, socket errors, timeouts) as a share of requests, 0..1. */
  errors: z.number().min(0).max(1),
});
export type LoadTargets = z.infer<typeof loadTargetsSchema>;

export const loadProfileSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(''),
    /** Engine API base URL; none: an in-process stack on free ports. */
    target: z.url({ protocol: /^https?$/ }).optional(),
    /** Default for the in-process stack's tenant; for a target, one of its tenants' keys. */
    apiKey: z.string().min(8).default('load-key-0001'),
    /** Seeds recipients, the content draw and the simulators; default: the profile name. */
    seed: z.string().min(1).optional(),
    /** Longest wait after the last phase for accepted messages to reach a final state. */
    drainTimeout: configDuration.default(60_000),
    /** In-process stack only. */
    stack: z
      .strictObject({
        store: z.enum(['sqlite', 'memory']).default('sqlite'),
        /** Each gateway's contracted TPS in the engine's dispatch policy (the simulators never throttle). */
        gatewayTps: z.number().positive().default(100_000),
        /** Each gateway's in-flight window (default: the engine's). */
        gatewayWindow: z.number().int().positive().optional(),
      })
      .prefault({}),
    phases: z
      .array(loadPhaseSchema)
      .min(1)
      .superRefine((phases, ctx) => {
        const seen = new Set<string>();
        phases.forEach((p, i) => {
          if (seen.has(p.name)) ctx.addIssue({ code: 'custom', message: `duplicate phase name '${p.name}'`, path: [i, 'name'] });
          seen.add(p.name);
        });
        if (!phases.some((p) => p.measure)) ctx.addIssue({ code: 'custom', message: 'at least one phase must be measured (measure: true)' });
      }),
    targets: loadTargetsSchema,
  })
  .transform((p) => ({ ...p, seed: p.seed ?? p.name }));
export type LoadProfile = z.output<typeof loadProfileSchema>;
export type LoadProfileInput = z.input<typeof loadProfileSchema>;
