import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configDuration, loadSimulatorConfig, mergePreset, parseSimulatorConfig, readPresetFile } from '../../../gateways/kit/simulator-config-file.ts';

class TestConfigError extends Error {}
const makeError = (m: string) => new TestConfigError(m);

const schema = z.strictObject({
  name: z.string(),
  behaviour: z.unknown().optional(),
  network: z.string().optional(),
  quirks: z.strictObject({ a: z.boolean().default(false), b: z.boolean().default(false) }).prefault({}),
  timeout: configDuration.default(1_000),
});
const parse = (raw: unknown, source = 'test config', baseDir = '/base') => parseSimulatorConfig(schema, raw, { source, baseDir, makeError });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'msgsim-config-'));
  mkdirSync(join(dir, 'presets'));
  writeFileSync(join(dir, 'default.yaml'), 'name: base\nquirks: { a: true }\nbehaviour: { version: 1, latency: 5 }\n');
  writeFileSync(join(dir, 'presets', 'broken-b.yaml'), 'description: only b\nquirks: { b: true }\nbehaviour: { version: 1 }\n');
  writeFileSync(join(dir, 'presets', 'scalar.yaml'), '42\n');
  writeFileSync(join(dir, 'slow.yaml'), 'version: 1\nlatency: 250\n');
});

describe('simulator config file', () => {
  it('reports the first schema issue with its source and path through the gateway factory', () => {
    expect(() => parse({ name: 'x', quirks: { c: true } })).toThrow(TestConfigError);
    expect(() => parse({ name: 'x', timeout: 'soon' })).toThrow('test config: timeout: not a duration: soon');
    expect(() => parse(null)).toThrow(/^test config: \(root\): /);
  });

  it('runs the gateway check after the schema, before the behaviour is read', () => {
    const order: string[] = [];
    expect(() =>
      parseSimulatorConfig(schema, { name: 'x', behaviour: 'missing.yaml' }, { source: 's', baseDir: dir, makeError, check: (cfg) => { order.push(cfg.name); throw makeError('dup'); } }),
    ).toThrow('dup');
    expect(order).toEqual(['x']);
  });

  it('reads an inline behaviour or a file relative to the config, and resolves the network path', () => {
    const inline = parse({ name: 'x', behaviour: { version: 1, latency: 7 }, network: 'net.yaml' });
    expect(inline.behaviour.latency).toBe(7);
    expect(inline.network).toBe('/base/net.yaml');
    expect(parse({ name: 'x', network: '/abs/net.yaml' }).network).toBe('/abs/net.yaml');
    expect(parse({ name: 'x' }).behaviour.rules).toEqual([]);
    expect(parse({ name: 'x', behaviour: 'slow.yaml' }, 's', dir).behaviour.latency).toBe(250);
  });

  it('layers a preset over the file: sections merge one level deep, behaviour is replaced whole', () => {
    const cfg = loadSimulatorConfig({ defaultFile: join(dir, 'default.yaml'), presetsDir: join(dir, 'presets'), preset: 'broken-b', makeError, parse });
    expect(cfg.quirks).toEqual({ a: true, b: true });
    expect(cfg.behaviour.latency).toBe(0);
    expect(cfg.name).toBe('base');
    expect(mergePreset({ list: [1, 2], o: { x: 1 } }, { list: [3], o: { y: 2 }, description: 'd' })).toEqual({ list: [3], o: { x: 1, y: 2 } });
  });

  it('names an unknown, malformed or non-mapping preset as unknown', () => {
    for (const name of ['nope', '../default', 'Broken', 'scalar']) {
      expect(() => readPresetFile(join(dir, 'presets'), name, makeError)).toThrow(`unknown preset: ${name}`);
    }
  });

  it('rejects a config file that is not a YAML mapping', () => {
    expect(() => loadSimulatorConfig({ file: join(dir, 'presets', 'scalar.yaml'), defaultFile: 'unused', presetsDir: dir, makeError, parse })).toThrow(
      `${join(dir, 'presets', 'scalar.yaml')}: not a YAML mapping`,
    );
  });
});
