// What every simulator's config file has in common: a YAML mapping (the bundled default unless a file
// is named), a named preset from the simulator's `presets/` layered over it, a `behaviour` given inline
// or as a file, and a `network` path. Each gateway keeps its own schema and its own error code, so
// errors come from the factory it passes.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseBehaviour, type Behaviour } from './behaviour-schema.ts';
import { parseDuration } from './duration.ts';

export type ConfigErrorFactory = (message: string) => Error;

/** The sections the kit resolves; a gateway's schema must have them (both optional). */
export interface ConfigWithBehaviour {
  behaviour?: unknown;
  network?: string | undefined;
}

export type ParsedSimulatorConfig<T> = Omit<T, 'behaviour'> & { behaviour: Behaviour };

/** A duration in a config section: ms or a string such as '90s'; the output is ms. */
export const configDuration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  try {
    return parseDuration(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${String(v)}` });
    return z.NEVER;
  }
});

export interface ParseSimulatorConfigOptions<T> {
  /** Names the input in error messages (a file path or e.g. 'smsvas config'). */
  source: string;
  /** Relative `behaviour` and `network` paths resolve against it. */
  baseDir: string;
  makeError: ConfigErrorFactory;
  /** The gateway's cross-field checks, run after the schema and before the behaviour is read. */
  check?: (cfg: T) => void;
}

/** Validates a config object (already parsed YAML): the first schema issue is the error. */
export function parseSimulatorConfig<S extends z.ZodType<ConfigWithBehaviour>>(
  schema: S,
  input: unknown,
  opts: ParseSimulatorConfigOptions<z.output<S>>,
): ParsedSimulatorConfig<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw opts.makeError(`${opts.source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const cfg = parsed.data;
  opts.check?.(cfg);
  let behaviour: Behaviour;
  if (typeof cfg.behaviour === 'string') {
    const file = isAbsolute(cfg.behaviour) ? cfg.behaviour : resolve(opts.baseDir, cfg.behaviour);
    behaviour = parseBehaviour(readFileSync(file, 'utf8'), file);
  } else {
    behaviour = parseBehaviour(cfg.behaviour ?? { version: 1 }, `${opts.source}: behaviour`);
  }
  const network = cfg.network && !isAbsolute(cfg.network) ? resolve(opts.baseDir, cfg.network) : cfg.network;
  return { ...cfg, network, behaviour };
}

export interface LoadSimulatorConfigOptions<C> {
  /** The config file; default `defaultFile`. */
  file?: string;
  defaultFile: string;
  presetsDir: string;
  /** A preset name (`presetsDir/<name>.yaml`) layered over the file. */
  preset?: string;
  makeError: ConfigErrorFactory;
  /** The gateway's parser, given the merged mapping, its source (the file path) and that file's folder. */
  parse: (raw: Record<string, unknown>, source: string, baseDir: string) => C;
}

/** Loads a config file (default: the bundled one), then layers a named preset over it. */
export function loadSimulatorConfig<C>(opts: LoadSimulatorConfigOptions<C>): C {
  const path = opts.file ?? opts.defaultFile;
  const raw = readConfigYaml(path, opts.makeError);
  const merged = opts.preset ? mergePreset(raw, readPresetFile(opts.presetsDir, opts.preset, opts.makeError)) : raw;
  return opts.parse(merged, path, dirname(path));
}

/** A preset by name; a name that is not `[a-z0-9-]+` or has no readable mapping is an unknown preset. */
export function readPresetFile(presetsDir: string, name: string, makeError: ConfigErrorFactory): Record<string, unknown> {
  if (!/^[a-z0-9-]+$/.test(name)) throw makeError(`unknown preset: ${name}`);
  try {
    return readConfigYaml(join(presetsDir, `${name}.yaml`), makeError);
  } catch {
    throw makeError(`unknown preset: ${name}`);
  }
}

// One level deep: a preset's `quirks: { x }` keeps the base's other quirks. `behaviour` is one document,
// so it is replaced whole, as are lists (`accounts`); `description` only describes the preset.
export function mergePreset(base: Record<string, unknown>, preset: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(preset)) {
    if (key === 'description') continue;
    const prev = out[key];
    const bothObjects = prev && typeof prev === 'object' && !Array.isArray(prev) && value && typeof value === 'object' && !Array.isArray(value);
    out[key] = bothObjects && key !== 'behaviour' ? { ...(prev as object), ...(value as object) } : value;
  }
  return out;
}

export function readConfigYaml(path: string, makeError: ConfigErrorFactory): Record<string, unknown> {
  const doc = parseYaml(readFileSync(path, 'utf8')) as unknown;
  if (!doc || typeof doc !== 'object') throw makeError(`${path}: not a YAML mapping`);
  return doc as Record<string, unknown>;
}
