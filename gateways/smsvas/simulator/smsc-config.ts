// The SMSVAS simulator's own configuration: accounts, SMS rules, delivery to the ESME, and quirks
// that let it play a misbehaving SMSC. Behaviour (latency, rules, reports, limits, outages) is the
// shared kit model and lives under `behaviour`.
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
import { SmsvasError } from '../smsvas-errors.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const PRESETS_DIR = join(here, 'presets');
export const DEFAULT_CONFIG_FILE = join(here, 'default-config.yaml');

const accountSchema = z
  .object({
    systemId: z.string().min(1).max(15),
    password: z.string().max(8),
    maxBinds: z.number().int().positive().default(4),
    /** Pre-registered callback (sender) numbers; '*' allows any. */
    senders: z.array(z.string().min(1)).default([]),
    /** Submits per second for this account; overrides behaviour.limits.tps. */
    tps: z.number().positive().optional(),
  })
  .strict();
export type SmscAccount = z.infer<typeof accountSchema>;

const quirksSchema = z
  .object({
    /** Added to the sequence_number of every response: a broken SMSC answers the wrong request. */
    sequenceOffset: z.number().int().default(0),
    /** 'malformed' writes receipts that break Appendix B (bad dates, missing fields). */
    receiptFormat: z.enum(['appendix-b', 'malformed']).default('appendix-b'),
    omitReceiptTlvs: z.boolean().default(false),
    omitScInterfaceVersion: z.boolean().default(false),
    /** Answer garbage with silence instead of generic_nack. */
    ignoreGarbage: z.boolean().default(false),
  })
  .strict();
export type SmscQuirks = z.infer<typeof quirksSchema>;

export const smscConfigSchema = z
  .object({
    /** system_id the SMSC returns in bind responses. */
    smscId: z.string().max(15).default('MSGSIM'),
    accounts: z.array(accountSchema).min(1),
    behaviour: z.unknown().optional(),
    /** Network file; default: the bundled Korean market network. */
    network: z.string().optional(),
    sms: z
      .object({
        /** Single-SMS limit counted in EUC-KR bytes (Korean carriers: 90). */
        maxBytes: z.number().int().positive().default(90),
        smscDefaultAlphabet: z.enum(['gsm7', 'ascii', 'euc-kr']).default('gsm7'),
        maxSegments: z.number().int().min(1).max(255).default(16),
        reassemblyTimeout: duration.default(60_000),
        defaultValidity: duration.optional(),
        maxValidity: duration.default(7 * 86_400_000),
      })
      .strict()
      .default({ maxBytes: 90, smscDefaultAlphabet: 'gsm7', maxSegments: 16, reassemblyTimeout: 60_000, maxValidity: 7 * 86_400_000 }),
    delivery: z
      .object({
        /** Unacknowledged deliver_sm allowed per receiver session. */
        window: z.number().int().positive().default(10),
        responseTimeout: duration.default(30_000),
        retryDelay: duration.default(10_000),
        maxAttempts: z.number().int().positive().default(5),
        /** Receipts and MO held per account while no receiver is bound. */
        queueLimit: z.number().int().positive().default(200_000),
      })
      .strict()
      .default({ window: 10, responseTimeout: 30_000, retryDelay: 10_000, maxAttempts: 5, queueLimit: 200_000 }),
    receipts: z
      .object({
        timezone: z.string().default('Asia/Seoul'),
        /** Kept for query_sm after the final state. */
        retainFinal: z.number().int().positive().default(500_000),
      })
      .strict()
      .default({ timezone: 'Asia/Seoul', retainFinal: 500_000 }),
    quirks: quirksSchema.default({
      sequenceOffset: 0,
      receiptFormat: 'appendix-b',
      omitReceiptTlvs: false,
      omitScInterfaceVersion: false,
      ignoreGarbage: false,
    }),
    maxPduLength: z.number().int().min(256).default(65_536),
  })
  .strict();

export type SmscConfig = Omit<z.infer<typeof smscConfigSchema>, 'behaviour'> & { behaviour: Behaviour };

/** Validates a config object (already parsed YAML); relative paths resolve against `baseDir`. */
export function parseSmscConfig(input: unknown, source = 'smsvas config', baseDir = process.cwd()): SmscConfig {
  return parseSimulatorConfig(smscConfigSchema, input, { source, baseDir, makeError: configError });
}

/** Loads a config file (default: the bundled one), then layers a named preset over it. */
export function loadSmscConfig(file?: string, preset?: string): SmscConfig {
  return loadSimulatorConfig({
    file,
    defaultFile: DEFAULT_CONFIG_FILE,
    presetsDir: PRESETS_DIR,
    preset,
    makeError: configError,
    parse: parseSmscConfig,
  });
}

export function readPreset(name: string): Record<string, unknown> {
  return readPresetFile(PRESETS_DIR, name, configError);
}

function configError(message: string): SmsvasError {
  return new SmsvasError('SMSVAS_ERR_CONFIG', message);
}
