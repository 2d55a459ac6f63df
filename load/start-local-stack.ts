// The stack a load profile runs against when it names no target: startLocalStack on free ports with
// the four simulators answering at once, reporting delivered at once and never throttling, and the
// engine on a temporary SQLite store with one tenant and no intake quota — what the run measures is
// the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineService } from '../engine/engine-service.ts';
import { createSystemClock } from '../gateways/kit/clock.ts';
import type { Behaviour } from '../gateways/kit/behaviour-schema.ts';
import type { Network } from '../gateways/network/create-network.ts';
import { startLocalStack as startStack } from '../scenarios/local-stack.ts';
import { LoadError } from './load-errors.ts';

export interface LocalStackOptions {
  /** The API key of the one tenant. */
  apiKey: string;
  seed: string;
  /** Engine store: a temporary SQLite file (default, as in production) or memory. */
  store?: 'sqlite' | 'memory';
  /** Each gateway's contracted TPS in the engine's dispatch policy. */
  gatewayTps?: number;
  /** Each gateway's in-flight window in the engine's dispatch policy (default: the engine's). */
  gatewayWindow?: number;
  log?: (line: string) => void;
}

export interface LocalStack {
  /** Engine API base URL. */
  url: string;
  apiKey: string;
  service: EngineService;
  /** The network the simulators read (the default one): recipients can be drawn from it. */
  network: Network;
  stop(): Promise<void>;
}

/** High enough that the intake quota never limits a load run; the run measures the engine. */
const UNLIMITED_QUOTA = { rate: 10_000_000, burst: 10_000_000 };
/** Per-session rate the Xroshot simulator grants (and tells the client to pace itself at). */
const SIMULATOR_TPS = 1_000_000;
const INSTANT = { version: 1, latency: 0, reports: { outcomes: { delivered: 1 }, delay: 0 } } as const;

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-load-'));
  const policy = { tps: opts.gatewayTps ?? 100_000, ...(opts.gatewayWindow === undefined ? {} : { window: opts.gatewayWindow }) };
  try {
    const stack = await startStack({
      clock: createSystemClock(),
      seed: opts.seed,
      ports: 'free',
      store: opts.store === 'memory' ? 'memory' : { sqlite: join(dir, 'msgsim.db') },
      requireConnected: true,
      gateways: {
        smsvas: { preset: 'fast-receipts' },
        gmmsc: { preset: 'fast-reports' },
        rcs: {
          // RCS has no fast preset: the same instant behaviour, no throttle, status webhooks at once.
          configure: (c) => {
            c.behaviour = { ...c.behaviour, ...INSTANT, limits: {} } as Behaviour;
            c.status = { ...c.status, sentDelay: 0, notCapableDelay: 0, displayedShare: 0 };
          },
        },
        xroshot: {
          preset: 'fast-reports',
          // The bundled account is contracted at 200 recipients/s per session (also the default when
          // none is given); the run measures the engine, not that contract.
          configure: (c) => {
            for (const a of c.accounts) a.tps = SIMULATOR_TPS;
          },
        },
      },
      engine: {
        config: {
          gateways: { smsvas: { policy }, gmmsc: { policy }, rcs: { policy }, xroshot: { policy } },
          tenants: [{ id: 'load', apiKeys: [opts.apiKey], quota: UNLIMITED_QUOTA }],
        },
      },
      log: opts.log,
    });
    const stopAll = async (): Promise<void> => {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    let stopping: Promise<void> | null = null;
    return { url: stack.engineUrl, apiKey: opts.apiKey, service: stack.engine, network: stack.network, stop: () => (stopping ??= stopAll()) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new LoadError('LOAD_ERR_STACK', `cannot start the local stack: ${(err as Error).message}`, { cause: err });
  }
}
