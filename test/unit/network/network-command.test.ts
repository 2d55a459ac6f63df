import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createNetworkCommand } from '../../../gateways/network/network-command.ts';
import { KNOWN_SUBSCRIBERS, KNOWN_SUBSCRIBER_PROFILES } from '../../../gateways/network/known-subscribers.ts';
import { isNetworkError } from '../../../gateways/network/network-errors.ts';

function run(args: string[]) {
  const out: string[] = [];
  let app: FastifyInstance | undefined;
  let url: string | undefined;
  const cmd = createNetworkCommand({
    out: (l) => out.push(l),
    err: () => {},
    handleSignals: false,
    onListening: (a, u) => {
      app = a;
      url = u;
    },
  });
  cmd.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  const done = cmd.parseAsync(args, { from: 'user' });
  return { out, done, app: () => app, url: () => url };
}

describe('msgsim network', () => {
  it('--lookup --json prints the subscriber as JSON', async () => {
    const r = run(['--lookup', '010-1234-0001', '--json']);
    await r.done;
    expect(JSON.parse(r.out[0])).toEqual(KNOWN_SUBSCRIBER_PROFILES.ktAndroidRcs);
  });

  it('--lookup prints one readable line', async () => {
    const r = run(['--lookup', KNOWN_SUBSCRIBERS.sktAndroid]);
    await r.done;
    expect(r.out).toEqual([`${KNOWN_SUBSCRIBERS.sktAndroid} carrier=SKT mvno=- device=android rcs=yes mms=yes reachability=on portedFrom=- language=ko`]);
  });

  it('--lookup of a non-mobile number fails with NETWORK_ERR_BAD_MSISDN', async () => {
    const err = await run(['--lookup', '0212345678']).done.catch((e: unknown) => e);
    expect(isNetworkError(err, 'NETWORK_ERR_BAD_MSISDN')).toBe(true);
  });

  it('--config reads another network file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'msgsim-network-'));
    const file = join(dir, 'net.yaml');
    writeFileSync(file, "version: 1\nownCarrier: SKT\nrules:\n  - match: '*'\n    set: { device: feature, mms: false }\n");
    const r = run(['--config', file, '--lookup', '01055556666', '--json']);
    await r.done;
    expect(JSON.parse(r.out[0])).toMatchObject({ carrier: 'SKT', device: 'feature', mms: false });
  });

  it('--config with a broken file fails naming the file', async () => {
    const err = await run(['--config', '/nonexistent/net.yaml', '--lookup', '01055556666']).done.catch((e: unknown) => e);
    expect(isNetworkError(err, 'NETWORK_ERR_FILE')).toBe(true);
    expect((err as Error).message).toContain('/nonexistent/net.yaml');
  });

  it('--port 0 serves the NP API and prints the real port', async () => {
    const r = run(['--port', '0']);
    await r.done;
    try {
      expect(r.out[0]).toMatch(/^network np-api listening on http:\/\/127\.0\.0\.1:(\d+)$/);
      expect(r.out[0]).not.toMatch(/:0$/);
      const res = await fetch(`${r.url()}/np/v1/${KNOWN_SUBSCRIBERS.lguIos}`);
      expect(await res.json()).toMatchObject({ carrier: 'LGU+', ported: false });
    } finally {
      await r.app()?.close();
    }
  });

  it('refuses a port that is not a number', async () => {
    const err = await run(['--port', 'http']).done.catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('commander.invalidArgument');
  });
});
