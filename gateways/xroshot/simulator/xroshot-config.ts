// The Xroshot simulator's own configuration: accounts (service providers with their end users,
// certificate, sessions, per-session TPS, pre-registered callback numbers, products), the message
// limits, sessions, report delivery and the quirks that let it play a broken relay. Behaviour
// (latency, rules, report mix, limits, outages) is the shared kit model under `behaviour`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Behaviour } from '../../kit/behaviour-schema.ts';
import {
  configDuration as duration,
  loadSimulatorConfig,
  parseSimulatorConfig,
  readPresetFile,
} from '../../kit/simulator-config-file.ts';
import { AUTH_KEY_LENGTH } from '../codec/auth-crypto.ts';
import { DEFAULT_MAX_FRAME_BYTES } from '../codec/frame-splitter.ts';
import { XroshotError } from '../xroshot-errors.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const PRESETS_DIR = join(here, 'presets');
export const DEFAULT_CONFIG_FILE = join(here, 'default-config.yaml');

const accountSchema = z.strictObject({
  serviceProviderId: z.string().min(1).max(40).regex(/^[^|]+$/, "no '|' (it separates AuthTicket fields)"),
  password: z.string().min(1).max(64).regex(/^[^|]+$/, "no '|' (it separates AuthTicket fields)"),
  /** EndUserIDs that may register under this service provider. */
  endUsers: z.array(z.string().min(1).regex(/^[^|]+$/)).min(1),
  /** Certificate text (the .cert file); the AuthKey index picks a 128-character window of it. */
  cert: z.string().min(AUTH_KEY_LENGTH),
  maxSessions: z.number().int().positive().default(4),
  /** Messages (recipients) per second per session; overrides behaviour.limits.tps. */
  tps: z.number().positive().optional(),
  /** Pre-registered callback numbers (발신번호 사전등록); '*' allows any. */
  callbackNumbers: z.array(z.string().min(1)).default([]),
  products: z.strictObject({ sms: z.boolean().default(true), lms: z.boolean().default(true), mms: z.boolean().default(true) }).prefault({}),
});
export type XroshotAccount = z.infer<typeof accountSchema>;

const quirksSchema = z.strictObject({
  /** Frames go out without their NUL terminator, so no client can split them. */
  omitTerminator: z.boolean().default(false),
  /** req_regist with a wrong password is answered Result 0. */
  acceptBadPassword: z.boolean().default(false),
  /** req_ping is never answered. */
  ignorePing: z.boolean().default(false),
  /** req_report for a message goes out before the responses that name its JobID. */
  reportBeforeResponse: z.boolean().default(false),
  /** Per-recipient res_send_message frames are left out; only res_send_message_all is sent. */
  omitPerRecipientResponses: z.boolean().default(false),
});
export type XroshotQuirks = z.infer<typeof quirksSchema>;

export const xroshotConfigSchema = z.strictObject({
  accounts: z.array(accountSchema).min(1),
  behaviour: z.unknown().optional(),
  /** Network file; default: the bundled Korean market network. */
  network: z.string().optional(),
  /** What a recipient served by the own carrier (KT) gets: 'reject' = Result 209 per recipient. */
  ownNetworkRecipients: z.enum(['reject', 'deliver']).default('reject'),
  messages: z
    .strictObject({
      maxRecipients: z.number().int().positive().default(100),
      smsMaxBytes: z.number().int().positive().default(90),
      subjectMaxBytes: z.number().int().positive().default(40),
      lmsMaxBytes: z.number().int().positive().default(2000),
      maxAttachments: z.number().int().positive().default(3),
      maxAttachmentBytes: z.number().int().positive().default(300 * 1024),
      maxTotalAttachmentBytes: z.number().int().positive().default(800 * 1024),
    })
    .prefault({}),
  session: z
    .strictObject({
      /** How far the AuthTicket's server time may be from now. */
      authTimeSkew: duration.default(5 * 60_000),
      /** A session that sends nothing (not even req_ping) for this long is closed. */
      idleTimeout: duration.default(3 * 60_000),
    })
    .prefault({}),
  reports: z
    .strictObject({
      /** req_report frames awaiting res_report per session. */
      window: z.number().int().positive().default(100),
      responseTimeout: duration.default(30_000),
      retryDelay: duration.default(10_000),
      maxAttempts: z.number().int().positive().default(5),
      /** Reports held per account while no session is registered. */
      queueLimit: z.number().int().positive().default(200_000),
    })
    .prefault({}),
  maxFrameBytes: z.number().int().min(1024).default(DEFAULT_MAX_FRAME_BYTES),
  quirks: quirksSchema.prefault({}),
});

export type XroshotConfig = Omit<z.infer<typeof xroshotConfigSchema>, 'behaviour'> & { behaviour: Behaviour };

/** Validates a config object (already parsed YAML); relative paths resolve against `baseDir`. */
export function parseXroshotConfig(input: unknown, source = 'xroshot config', baseDir = process.cwd()): XroshotConfig {
  return parseSimulatorConfig(xroshotConfigSchema, input, {
    source,
    baseDir,
    makeError: configError,
    check: (cfg) => {
      const ids = new Set<string>();
      for (const a of cfg.accounts) {
        if (ids.has(a.serviceProviderId)) throw configError(`${source}: duplicate serviceProviderId ${a.serviceProviderId}`);
        ids.add(a.serviceProviderId);
      }
    },
  });
}

/** Loads a config file (default: the bundled one), then layers a named preset over it. */
export function loadXroshotConfig(file?: string, preset?: string): XroshotConfig {
  return loadSimulatorConfig({
    file,
    defaultFile: DEFAULT_CONFIG_FILE,
    presetsDir: PRESETS_DIR,
    preset,
    makeError: configError,
    parse: parseXroshotConfig,
  });
}

export function readPreset(name: string): Record<string, unknown> {
  return readPresetFile(PRESETS_DIR, name, configError);
}

function configError(message: string): XroshotError {
  return new XroshotError('XROSHOT_ERR_CONFIG', message);
}
