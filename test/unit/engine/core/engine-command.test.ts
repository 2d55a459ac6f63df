import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSystemClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { createChannels } from '../../../../engine/channels.ts';
import { createEngineCommand } from '../../../../engine/engine-command.ts';
import type { EngineService } from '../../../../engine/engine-service.ts';
import { isEngineError } from '../../../../engine/engine-errors.ts';
import { loadEngineConfig, parseEngineConfig } from '../../../../engine/load-engine-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'msgsim-engine-cmd-'));
const ALL_DISABLED = ['gateways:', ...['smsvas', 'gmmsc', 'rcs', 'xroshot'].map((g) => `  ${g}: { enabled: false }`), 'store: { kind: memory }', ''].join('\n');

describe('engine config file', () => {
  it('is all defaults when empty', () => {
    const c = parseEngineConfig('', 'empty.yaml');
    expect(c.api.port).toBe(8080);
    expect(c.tenants[0].apiKeys).toEqual(['demo-key-0001']);
    expect(c.store.kind).toBe('sqlite');
  });

  it('names the file, line and field of every problem', () => {
    const text = ['api:', '  port: 8080', 'gateways:', '  smsvas:', '    policy:', '      tps: -5', '    bogus: 1', ''].join('\n');
    let err: unknown;
    try {
      parseEngineConfig(text, 'engine.yaml');
    } catch (e) {
      err = e;
    }
    expect(isEngineError(err, 'ENGINE_ERR_CONFIG')).toBe(true);
    const message = (err as Error).message;
    expect(message).toContain('engine.yaml:6: gateways.smsvas.policy.tps:');
    expect(message).toContain('engine.yaml:7: gateways.smsvas.bogus: unknown field');
  });

  it('reports a YAML syntax error with its line', () => {
    expect(() => parseEngineConfig('api:\n  port: [1,\n', 'broken.yaml')).toThrow(/broken\.yaml:\d+: YAML syntax error/);
  });

  it('refuses a file it cannot read', () => {
    expect(() => loadEngineConfig(join(dir, 'missing.yaml'))).toThrow(/cannot read the engine config/);
  });
});

describe('engine channels', () => {
  it('leaves disabled and unreachable gateways out of the map and says why', async () => {
    const lines: string[] = [];
    const config = parseEngineConfig(
      ['gateways:', '  smsvas: { target: "smpp://msgsim:secret@127.0.0.1:1" }', '  gmmsc: { enabled: false }', '  rcs: { enabled: false }', '  xroshot: { enabled: false }', ''].join('\n'),
      'c.yaml',
    );
    const ch = await createChannels(config, createSystemClock(), createRng(1), { log: (l) => lines.push(l), connectTimeoutMs: 300 });
    expect([...ch.channels.keys()]).toEqual([]);
    expect(ch.connections.map((c) => [c.gateway, c.state])).toEqual([
      ['smsvas', 'unreachable'],
      ['gmmsc', 'disabled'],
      ['rcs', 'disabled'],
      ['xroshot', 'disabled'],
    ]);
    expect(ch.connections[0].target).toBe('smpp://msgsim@127.0.0.1:1');
    expect(lines).toContain('gateway gmmsc disabled');
    expect(lines.some((l) => l.startsWith('gateway smsvas unavailable (smpp://msgsim@127.0.0.1:1)'))).toBe(true);
    await ch.close();
  });
});

describe('msgsim engine', () => {
  let service: EngineService | undefined;
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  it('serves the API, prints where, and lists each gateway', async () => {
    const file = join(dir, 'engine.yaml');
    writeFileSync(file, ALL_DISABLED);
    const out: string[] = [];
    const err: string[] = [];
    const cmd = createEngineCommand({ out: (l) => out.push(l), err: (l) => err.push(l), handleSignals: false, onStarted: (s) => (service = s) });
    await cmd.parseAsync(['--config', file, '--port', '0', '--seed', 'cmd-test'], { from: 'user' });
    expect(out[0]).toMatch(/^engine api listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain('gateway smsvas disabled smpp://msgsim@127.0.0.1:2775');
    const url = out[0].slice('engine api listening on '.length);
    const health = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', gateways: { smsvas: 'disabled' } });
    const res = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key-0001', 'content-type': 'application/json' },
      body: JSON.stringify({ to: '01012340001', from: '15880000', text: 'hi', kind: 'scheduled', sendAt: new Date(Date.now() + 3_600_000).toISOString() }),
    });
    expect(res.status).toBeLessThan(300);
    expect(await res.json()).toMatchObject({ state: 'accepted', duplicate: false });
  });
});
