// The scenario file (YAML, `version: 1`): the world a run sets up (network, gateways with presets or
// inline behaviour, engine overrides, templates), the traffic it submits on the scenario clock, the
// faults it injects and what it expects at the end. One zod schema validates it; its input side is
// published as scenarios/scenario.schema.json for editors (write-scenario-schema.ts).
import { readdirSync } from 'node:fs';
import { z } from 'zod';
import { behaviourSchema } from '../gateways/kit/behaviour-schema.ts';
import { PRESETS_DIR as GMMSC_PRESETS } from '../gateways/gmmsc/simulator/mmsc-config.ts';
import { PRESETS_DIR as RCS_PRESETS } from '../gateways/rcs/simulator/rcs-config.ts';
import { PRESETS_DIR as SMSVAS_PRESETS } from '../gateways/smsvas/simulator/smsc-config.ts';
import { PRESETS_DIR as XROSHOT_PRESETS } from '../gateways/xroshot/simulator/xroshot-config.ts';
import { networkSpecSchema } from '../gateways/network/network-schema.ts';
import { engineConfigSchema } from '../engine/engine-config.ts';
import type { EngineConfigInput } from '../engine/engine-config.ts';
import type { GatewayName } from '../engine/channel.ts';
import { LANGUAGES } from '../gateways/network/subscriber.ts';
import { durationField, instantField, strictShape } from './scenario-fields.ts';
import { CONTENT_KINDS, trafficSchema } from './scenario-traffic-schema.ts';
import type { ParsedTrafficStep, TrafficStep } from './scenario-traffic-schema.ts';
import { expectSchema, faultSchema } from './scenario-expect-schema.ts';
import type { When } from './scenario-fields.ts';

export const SCENARIO_SCHEMA_ID = 'https://msgsim.dev/schemas/scenario-v1.schema.json';
export const SCENARIO_SCHEMA_TITLE = 'msgsim scenario (version 1)';

function presetNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Presets bundled with each gateway simulator (`gateways/<gw>/simulator/presets/<name>.yaml`). */
export const GATEWAY_PRESETS: Readonly<Record<GatewayName, readonly string[]>> = {
  smsvas: presetNames(SMSVAS_PRESETS),
  gmmsc: presetNames(GMMSC_PRESETS),
  rcs: presetNames(RCS_PRESETS),
  xroshot: presetNames(XROSHOT_PRESETS),
};

// Named once in the JSON Schema ($defs) instead of inlined at every use.
const behaviourDef = behaviourSchema.meta({ id: 'ScenarioBehaviour', title: 'Gateway behaviour (gateways/kit behaviour file)' });
const engineConfigDef = engineConfigSchema.meta({ id: 'ScenarioEngineConfig', title: 'Engine config (msgsim engine --config)' });

function gatewaySetup(gateway: GatewayName) {
  const presets = GATEWAY_PRESETS[gateway] as [string, ...string[]];
  return strictShape({
    preset: z
      .enum(presets, { error: (iss) => `unknown preset '${String(iss.input)}' for ${gateway} (valid presets: ${presets.join(', ')})` })
      .optional()
      .describe(`A bundled ${gateway} simulator preset, layered over its default config.`),
    behaviour: behaviourDef.optional().describe("Inline behaviour (the kit's behaviour file format); replaces the preset's behaviour."),
    url: z.url({ error: 'expected a URL of an external gateway' }).optional().describe('Use this external gateway instead of starting a simulator.'),
    enabled: z.boolean().default(true).describe('false: no simulator, the engine has no such channel.'),
  }).superRefine((g, ctx) => {
    if (g.url !== undefined && g.preset !== undefined) ctx.addIssue({ code: 'custom', path: ['preset'], message: 'an external gateway (url) takes no preset' });
    if (g.url !== undefined && g.behaviour !== undefined) ctx.addIssue({ code: 'custom', path: ['behaviour'], message: 'an external gateway (url) takes no behaviour' });
    if (!g.enabled && (g.url !== undefined || g.preset !== undefined || g.behaviour !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['enabled'], message: 'a disabled gateway takes no preset, behaviour or url' });
    }
  });
}
export type GatewaySetup = z.output<ReturnType<typeof gatewaySetup>>;

const networkShape = networkSpecSchema.shape;
const inlineSubscribers = strictShape({
  ownCarrier: networkShape.ownCarrier.removeDefault().optional(),
  seed: networkShape.seed.removeDefault().optional(),
  pinned: networkShape.pinned.removeDefault().optional(),
  rules: networkShape.rules.removeDefault().optional(),
}).superRefine((s, ctx) => {
  // Cross-field checks of the network schema (pinned numbers well-formed and distinct, porting).
  const full = networkSpecSchema.safeParse({ version: 1, ...s });
  if (!full.success) {
    for (const issue of full.error.issues) if (issue.code === 'custom') ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
  }
});

const templateBody = strictShape({ text: z.string().min(1), subject: z.string().optional() });
const templateSchema = strictShape({
  id: z.string().min(1).describe('Referenced by traffic steps as template.id.'),
  name: z.string().min(1).optional(),
  kind: z.enum(CONTENT_KINDS),
  ad: z.boolean().default(false),
  bodies: strictShape(Object.fromEntries(LANGUAGES.map((l) => [l, templateBody.optional()])) as Record<(typeof LANGUAGES)[number], z.ZodOptional<typeof templateBody>>, 'language').refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    { message: 'give at least one body (ko, en, zh, vi, ru)' },
  ),
  defaultLanguage: z.enum(LANGUAGES).optional(),
  approve: z.boolean().default(true).describe('Pass every review stage before traffic starts; false leaves it registered.'),
});

export const scenarioInputSchema = strictShape({
  $schema: z.string().optional().describe('Editors may point at scenario.schema.json here.'),
  version: z.literal(1, { error: 'version must be 1' }),
  name: z.string().min(1),
  description: z.string().optional(),
  seed: z.union([z.string().min(1), z.int()]).default('msgsim').transform(String).describe('Every random draw of the run derives from it.'),
  clock: strictShape({
    speed: z.number().positive().max(1_000_000).default(1).describe('Simulated ms per real ms, e.g. 600 runs 10 minutes per second.'),
    start: instantField.optional().describe('Simulated start, ISO 8601 with offset, e.g. 2026-11-20T20:50:00+09:00; default: now.'),
  }).prefault({}),
  timeout: durationField.default(600_000).describe("Wall-clock cap on the whole run; default '10m'."),
  until: durationField.optional().describe('Run until this offset on the scenario clock; default: until traffic is done and every message is final.'),
  network: strictShape({
    file: z.string().min(1).optional().describe("A network file, relative to the scenario; default: the bundled default-network.yaml."),
    subscribers: inlineSubscribers.optional().describe("Inline network in the file's own format: pinned numbers merged over the file's, rules ahead of its rules."),
  }).prefault({}),
  gateways: strictShape(
    { smsvas: gatewaySetup('smsvas').optional(), gmmsc: gatewaySetup('gmmsc').optional(), rcs: gatewaySetup('rcs').optional(), xroshot: gatewaySetup('xroshot').optional() },
    'gateway',
  ).prefault({}),
  engine: strictShape({
    url: z.url({ error: 'expected the URL of an external engine, e.g. http://127.0.0.1:8080' }).optional(),
    apiKey: z.string().min(1).optional().describe('API key for the engine; default the default tenant key.'),
    config: engineConfigDef.optional().describe('Engine config overrides (the engine YAML format).'),
  }).prefault({}),
  templates: z.array(templateSchema).default([]),
  traffic: trafficSchema,
  faults: z.array(faultSchema).default([]),
  expect: expectSchema.prefault({}),
});

/** The published JSON Schema: the input side of the schema, so editors check files as people write them. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioInputSchema, { io: 'input', target: 'draft-2020-12', reused: 'inline' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SCENARIO_SCHEMA_ID, title: SCENARIO_SCHEMA_TITLE, ...rest };
}

type ParsedScenario = z.output<typeof scenarioInputSchema>;
export type ScenarioInput = z.input<typeof scenarioInputSchema>;
export type ScenarioTemplate = ParsedScenario['templates'][number];

/** A loaded scenario: times as ms offsets on the scenario clock, recipients as numbers. */
export interface Scenario extends Omit<ParsedScenario, '$schema' | 'traffic' | 'engine' | 'clock'> {
  /** Where it came from (file path or the name given to parseScenario). */
  source: string;
  clock: { speed: number; /** Simulated start, epoch ms; undefined = when the run starts. */ start?: number };
  engine: { url?: string; apiKey?: string; /** The overrides as written (durations unparsed), to merge over the runner's config. */ config?: EngineConfigInput };
  traffic: TrafficStep[];
}

/**
 * Cross-section checks, then steps turned into { kind, ...fields } with every time an offset. A transform
 * (not a refinement) so it only ever sees a value every field schema accepted.
 */
export const scenarioSchema = scenarioInputSchema.transform((s, ctx): Omit<Scenario, 'source'> => {
  const problem = (path: PropertyKey[], message: string): void => {
    ctx.issues.push({ code: 'custom', path, message, input: s });
  };
  const templateIds = new Set<string>();
  s.templates.forEach((t, i) => {
    if (templateIds.has(t.id)) problem(['templates', i, 'id'], `duplicate template id '${t.id}'`);
    templateIds.add(t.id);
  });
  s.traffic.forEach((step, i) => {
    const [kind, body] = stepEntry(step);
    if ('template' in body && body.template !== undefined && !templateIds.has(body.template.id)) {
      const known = [...templateIds].join(', ') || 'none defined';
      problem(['traffic', i, kind, 'template', 'id'], `unknown template '${body.template.id}' (templates: ${known})`);
    }
    if ('sendAt' in body && 'instant' in body.sendAt && s.clock.start === undefined) {
      problem(['traffic', i, kind, 'sendAt'], 'an ISO sendAt needs clock.start (or give an offset such as 30m)');
    }
  });
  s.faults.forEach((f, i) => {
    const setup = s.gateways[f.gateway];
    if (setup?.enabled === false) problem(['faults', i, 'gateway'], `${f.gateway} is disabled in gateways`);
    else if (setup?.url !== undefined) problem(['faults', i, 'gateway'], `${f.gateway} is an external gateway (url); faults need a simulator`);
  });
  if (ctx.issues.length > 0) return z.NEVER;
  const { $schema: _schema, traffic, ...rest } = s;
  return { ...rest, traffic: traffic.map((step) => toStep(step, s.clock.start ?? 0)) } as Omit<Scenario, 'source'>;
});

function stepEntry(step: ParsedTrafficStep) {
  const kind = (['send', 'batch', 'scheduled', 'stream'] as const).find((k) => step[k] !== undefined) as 'send' | 'batch' | 'scheduled' | 'stream';
  return [kind, step[kind] as NonNullable<ParsedTrafficStep[typeof kind]>] as const;
}

function toStep(step: ParsedTrafficStep, clockStart: number): TrafficStep {
  const [kind, body] = stepEntry(step);
  if ('sendAt' in body) {
    const when = body.sendAt as When;
    return { kind: 'scheduled', ...body, sendAt: 'offset' in when ? when.offset : when.instant - clockStart } as TrafficStep;
  }
  return { kind, ...body } as TrafficStep;
}
