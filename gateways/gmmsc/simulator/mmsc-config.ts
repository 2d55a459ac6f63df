// The GMMSC simulator's own configuration: VASP accounts, Korean MMS content rules, request limits,
// delivery toward the VASP, and quirks that let it play a misbehaving MMSC. Behaviour (latency, rules,
// report mix, TPS, outages) is the shared kit model under `behaviour`.
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
import { GmmscError } from '../gmmsc-errors.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const PRESETS_DIR = join(here, 'presets');
export const DEFAULT_CONFIG_FILE = join(here, 'default-config.yaml');

const accountSchema = z
  .object({
    /** VASPID; also the HTTP Basic user name unless `username` is given. */
    vaspId: z.string().min(1).max(64),
    /** VASID the account sends as; a SubmitReq naming another VASID is refused (4001). */
    vasId: z.string().min(1).max(64).optional(),
    username: z.string().min(1).max(64).optional(),
    password: z.string().max(128),
    /** Where DeliveryReportReq, ReadReplyReq and DeliverReq are POSTed; none = nothing is sent. */
    callbackUrl: z.string().url().optional(),
    /** HTTP Basic credentials the relay presents to the callback, if it wants any. */
    callbackAuth: z.object({ username: z.string(), password: z.string() }).strict().optional(),
    /** Pre-registered sender numbers / short codes (발신번호 사전등록); '*' allows any. */
    senders: z.array(z.string().min(1)).default([]),
    /** SubmitReq per second for this account; overrides behaviour.limits.tps. */
    tps: z.number().positive().optional(),
  })
  .strict();
export type MmscAccount = z.infer<typeof accountSchema>;

const mmsSchema = z
  .object({
    /** Subject limit in EUC-KR bytes (Korean carriers: 40, 20 Hangul). */
    subjectMaxBytes: z.number().int().positive().default(40),
    /** Text limit over all text parts, in EUC-KR bytes (2000, 1000 Hangul). */
    textMaxBytes: z.number().int().positive().default(2000),
    imageTypes: z.array(z.string().min(3)).default(['image/jpeg']),
    maxImages: z.number().int().nonnegative().default(3),
    maxImageBytes: z.number().int().positive().default(300 * 1024),
    maxTotalBytes: z.number().int().positive().default(800 * 1024),
    /** Other media types taken besides images and text (SMIL layout). */
    otherTypes: z.array(z.string().min(3)).default(['application/smil']),
    /** Characters EUC-KR cannot hold (emoji) make the text refused instead of counted at UCS-2 size. */
    refuseNonEucKr: z.boolean().default(false),
  })
  .strict();

const recipientsSchema = z
  .object({
    /** More recipients than this in one SubmitReq is 3003. */
    max: z.number().int().positive().default(100),
    /** GMMSC serves KT subscribers only: other carriers' numbers are refused (2001) or, with 'accept', relayed. */
    offNet: z.enum(['reject', 'accept']).default('reject'),
    /** A handset without MMS gets the message refused by the network: MMStatus Rejected after this. */
    notCapableDelay: duration.default(5_000),
    /** ExpiryDate later than this is capped. */
    maxValidity: duration.default(7 * 86_400_000),
  })
  .strict();

const deliverySchema = z
  .object({
    /** Real-time wait for the VASP's answer to one POST. */
    responseTimeout: duration.default(10_000),
    /** First retry after this (simulated time), then multiplied by `backoff` per attempt up to maxRetryDelay. */
    retryDelay: duration.default(5_000),
    backoff: z.number().min(1).default(2),
    maxRetryDelay: duration.default(300_000),
    maxAttempts: z.number().int().positive().default(5),
    /** POSTs in flight per account. */
    concurrency: z.number().int().positive().default(8),
    /** Requests waiting per account; beyond it new ones are dropped (counted). */
    queueLimit: z.number().int().positive().default(100_000),
  })
  .strict();

const limitsSchema = z
  .object({
    bodyBytes: z.number().int().min(1024).default(2 * 1024 * 1024),
    partBytes: z.number().int().min(256).default(1024 * 1024),
    maxParts: z.number().int().min(2).default(16),
    xmlChars: z.number().int().min(512).default(128 * 1024),
  })
  .strict();

const quirksSchema = z
  .object({
    /** echo (correct), omit (no TransactionID header), altered (a different one). */
    transactionId: z.enum(['echo', 'omit', 'altered']).default('echo'),
    /** echo (correct) or wrong: answers in another MM7 namespace than the request's. */
    namespace: z.enum(['echo', 'wrong']).default('echo'),
    /** full (correct) or none: Faults without detail/RSErrorRsp/StatusCode. */
    faultDetail: z.enum(['full', 'none']).default('full'),
    /** same (correct) or wrong: DeliveryReportReq / ReadReplyReq carry a MessageID that was never issued. */
    reportMessageId: z.enum(['same', 'wrong']).default('same'),
    /** SubmitRsp without MessageID. */
    omitMessageId: z.boolean().default(false),
  })
  .strict();

export const mmscConfigSchema = z
  .object({
    /** MMSRelayServerID written into reports and MO. */
    relayServerId: z.string().min(1).max(64).default('KT-GMMSC'),
    accounts: z.array(accountSchema).min(1),
    behaviour: z.unknown().optional(),
    /** Network file; default: the bundled Korean market network. */
    network: z.string().optional(),
    mms: mmsSchema.prefault({}),
    recipients: recipientsSchema.prefault({}),
    delivery: deliverySchema.prefault({}),
    readReply: z
      .object({ delay: duration.default(60_000), readShare: z.number().min(0).max(1).default(0.8) })
      .strict()
      .prefault({}),
    limits: limitsSchema.prefault({}),
    quirks: quirksSchema.prefault({}),
    /** Final messages kept for CancelReq/ReplaceReq answers (2005 once forgotten). */
    retainFinal: z.number().int().positive().default(200_000),
  })
  .strict();

export type MmscConfig = Omit<z.infer<typeof mmscConfigSchema>, 'behaviour'> & { behaviour: Behaviour };

export function parseMmscConfig(input: unknown, source = 'gmmsc config', baseDir = process.cwd()): MmscConfig {
  return parseSimulatorConfig(mmscConfigSchema, input, {
    source,
    baseDir,
    makeError: configError,
    check: (cfg) => {
      const users = new Set<string>();
      for (const a of cfg.accounts) {
        const user = a.username ?? a.vaspId;
        if (users.has(user)) throw configError(`${source}: accounts: user name '${user}' is used twice`);
        users.add(user);
      }
    },
  });
}

/** Loads a config file (default: the bundled one), then layers a named preset over it. */
export function loadMmscConfig(file?: string, preset?: string): MmscConfig {
  return loadSimulatorConfig({
    file,
    defaultFile: DEFAULT_CONFIG_FILE,
    presetsDir: PRESETS_DIR,
    preset,
    makeError: configError,
    parse: parseMmscConfig,
  });
}

export function readPreset(name: string): Record<string, unknown> {
  return readPresetFile(PRESETS_DIR, name, configError);
}

// The preset tests build a harness from a preset merged over nothing.
export { mergePreset } from '../../kit/simulator-config-file.ts';

function configError(message: string): GmmscError {
  return new GmmscError('GMMSC_ERR_CONFIG', message);
}
