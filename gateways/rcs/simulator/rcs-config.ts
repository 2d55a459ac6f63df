// The RCS simulator's own configuration: bot accounts (OAuth2 clients owning chatbots), token lifetime,
// expiry windows, status-webhook timing and delivery, and quirks that let it play a broken MaaP.
// Behaviour (latency, rules, report mix, limits, outages) is the shared kit model under `behaviour`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { latencySchema, type Behaviour } from '../../kit/behaviour-schema.ts';
import {
  configDuration as duration,
  loadSimulatorConfig,
  parseSimulatorConfig,
  readPresetFile,
} from '../../kit/simulator-config-file.ts';
import { RcsError } from '../rcs-errors.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const PRESETS_DIR = join(here, 'presets');
export const DEFAULT_CONFIG_FILE = join(here, 'default-config.yaml');

const webhookUrl = z.url({ protocol: /^https?$/ });

const botSchema = z.strictObject({
  /** The chatbot id = its registered sender number. */
  botId: z.string().regex(/^[0-9A-Za-z._-]{1,40}$/),
  /** 'paused' bots are refused with 55808. */
  status: z.enum(['active', 'paused']).default('active'),
  webhookUrl: webhookUrl.optional(),
});

const accountSchema = z.strictObject({
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().max(200),
  /** Messages per second for this account; overrides behaviour.limits.tps. */
  tps: z.number().positive().optional(),
  /** Default webhook for the account's bots. */
  webhookUrl: webhookUrl.optional(),
  bots: z.array(botSchema).min(1),
});
export type RcsAccount = z.infer<typeof accountSchema>;
export type RcsBot = z.infer<typeof botSchema>;

const quirksSchema = z.strictObject({
  tokensNeverExpire: z.boolean().default(false),
  /** Any bearer token (even garbage) is taken as the first account's. */
  acceptAnyToken: z.boolean().default(false),
  /** Capability says RCS for every known number (iOS, feature phones, other carriers). */
  capabilityForAll: z.boolean().default(false),
  /** 'malformed' sends status webhooks without msgId and with the status in the wrong field. */
  webhookShape: z.enum(['maap', 'malformed']).default('maap'),
  /** Sends the 'sent' webhook before answering the send request. */
  webhookBeforeResponse: z.boolean().default(false),
  /** Share of status webhooks posted twice (at-least-once delivery): the copy follows the original. */
  webhookDuplicates: z.number().min(0).max(1).default(0),
  /**
   * 0: a message's statuses are posted in order. Above 0: each status webhook waits a random 0..N ms
   * (simulated) and is posted on its own, so a message's statuses can arrive in any order.
   */
  webhookReorderMs: z.number().int().min(0).max(3_600_000).default(0),
  /** Skips the messagebase limits (card counts, lengths, buttons, media). */
  skipContentLimits: z.boolean().default(false),
});
export type RcsQuirks = z.infer<typeof quirksSchema>;

const QUIRK_DEFAULTS: RcsQuirks = {
  tokensNeverExpire: false,
  acceptAnyToken: false,
  capabilityForAll: false,
  webhookShape: 'maap',
  webhookBeforeResponse: false,
  webhookDuplicates: 0,
  webhookReorderMs: 0,
  skipContentLimits: false,
};

export const rcsConfigSchema = z.strictObject({
  accounts: z.array(accountSchema).min(1),
  /** Messagebase ids whose template is paused (refused with 52023). */
  pausedMessagebases: z.array(z.string()).default([]),
  behaviour: z.unknown().optional(),
  network: z.string().optional(),
  auth: z.strictObject({ tokenTtl: duration.default(3_600_000), maxTokens: z.number().int().positive().default(10_000) }).default({ tokenTtl: 3_600_000, maxTokens: 10_000 }),
  /** How long the platform keeps trying per expiryOption before failing the message with 56007. */
  expiry: z.strictObject({ option1: duration.default(3 * 86_400_000), option2: duration.default(180_000) }).default({ option1: 3 * 86_400_000, option2: 180_000 }),
  status: z
    .strictObject({
      /** After acceptance, until the 'sent' webhook (the handset is reached later). */
      sentDelay: latencySchema.default(50),
      /** Until 'failed' for recipients RCS cannot reach (other carrier, no RCS). */
      notCapableDelay: latencySchema.default(200),
      /** Share of delivered messages the user opens ('displayed'). */
      displayedShare: z.number().min(0).max(1).default(0.5),
      displayDelay: latencySchema.default({ lognormal: { median: 30_000, p99: 600_000 } }),
    })
    .default({ sentDelay: 50, notCapableDelay: 200, displayedShare: 0.5, displayDelay: { lognormal: { median: 30_000, p99: 600_000 } } }),
  webhook: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(20).default(5),
      retryDelay: duration.default(1000),
      maxRetryDelay: duration.default(60_000),
      /** Real-time bound on one webhook POST. */
      timeout: duration.default(5000),
      maxInFlight: z.number().int().positive().default(64),
      queueLimit: z.number().int().positive().default(100_000),
    })
    .default({ maxAttempts: 5, retryDelay: 1000, maxRetryDelay: 60_000, timeout: 5000, maxInFlight: 64, queueLimit: 100_000 }),
  limits: z
    .strictObject({ maxBodyBytes: z.number().int().min(1024).default(262_144), retainMessages: z.number().int().positive().default(200_000) })
    .default({ maxBodyBytes: 262_144, retainMessages: 200_000 }),
  quirks: quirksSchema.default(QUIRK_DEFAULTS),
});

export type RcsConfig = Omit<z.infer<typeof rcsConfigSchema>, 'behaviour'> & { behaviour: Behaviour };
export type RcsConfigInput = z.input<typeof rcsConfigSchema>;

/** Validates a config object (parsed YAML or a literal); relative paths resolve against `baseDir`. */
export function parseRcsConfig(input: unknown, source = 'rcs config', baseDir = process.cwd()): RcsConfig {
  return parseSimulatorConfig(rcsConfigSchema, input, {
    source,
    baseDir,
    makeError: configError,
    check: (cfg) => {
      const botIds = cfg.accounts.flatMap((a) => a.bots.map((b) => b.botId));
      const dup = botIds.find((id, i) => botIds.indexOf(id) !== i);
      if (dup !== undefined) throw configError(`${source}: accounts: bot ${dup} is listed twice`);
    },
  });
}

/** Loads a config file (default: the bundled one), then layers a named preset over it. */
export function loadRcsConfig(file?: string, preset?: string): RcsConfig {
  return loadSimulatorConfig({
    file,
    defaultFile: DEFAULT_CONFIG_FILE,
    presetsDir: PRESETS_DIR,
    preset,
    makeError: configError,
    parse: parseRcsConfig,
  });
}

export function readPreset(name: string): Record<string, unknown> {
  return readPresetFile(PRESETS_DIR, name, configError);
}

function configError(message: string): RcsError {
  return new RcsError('RCS_ERR_CONFIG', message);
}
