// Options of the RCS client and their defaults.
import { createSystemClock, type Clock } from '../../kit/clock.ts';
import { RcsError } from '../rcs-errors.ts';
import type { RcsMo, RcsReport } from './rcs-report.ts';

export interface RcsWebhookOptions {
  /** Interface the receiver binds (default 127.0.0.1; 0.0.0.0 when the MaaP runs in a container). */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default /rcs/webhook. */
  path?: string;
  /** The URL the MaaP must post to, when it differs from the bound one (NAT, docker bridge). */
  publicUrl?: string;
}

export interface RcsClientOptions {
  /** MaaP base URL, e.g. http://127.0.0.1:8082 (a path prefix is kept). */
  target: string;
  clientId: string;
  clientSecret: string;
  /** Chatbot the messages are sent as (its registered number). */
  botId: string;
  /** HTTP connections kept alive to the MaaP (default 32). */
  connections?: number;
  /** A request without an answer after this long resolves as a timeout (default 10 s). */
  responseTimeoutMs?: number;
  /** Refresh the token this long before it expires (default: a tenth of its lifetime, at most 60 s). */
  tokenRefreshBeforeMs?: number;
  /** How long "capable" / "not capable" answers are reused (defaults 24 h / 1 h). */
  capabilityTtlMs?: number;
  notCapableTtlMs?: number;
  /** Run a webhook receiver for status events and MO (default on). `false`: reports come in through `handleWebhook`. */
  webhook?: RcsWebhookOptions | false;
  /** Bound on close() waiting for sends in flight (default 5 s). */
  closeTimeoutMs?: number;
  /**
   * Called for each status event worth a report. When it returns a promise, the answer to the webhook
   * POST waits for it: 200 once every event's promise resolved, 503 when one rejects (the MaaP posts
   * the body again, and a final status not taken is admitted again). Anything else returned: 200 at once.
   */
  onReport?: (report: RcsReport) => unknown;
  /** The same for a user's message or suggestion tap. */
  onMo?: (mo: RcsMo) => unknown;
  clock?: Clock;
}

export interface ResolvedRcsClientOptions {
  origin: string;
  basePath: string;
  clientId: string;
  clientSecret: string;
  botId: string;
  connections: number;
  responseTimeoutMs: number;
  tokenRefreshBeforeMs: number | undefined;
  capabilityTtlMs: number;
  notCapableTtlMs: number;
  webhook: Required<Omit<RcsWebhookOptions, 'publicUrl'>> & { publicUrl?: string } | null;
  closeTimeoutMs: number;
  clock: Clock;
}

function nonNegative(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new RcsError('RCS_ERR_CONFIG', `${name} must be a non-negative number of ms, got ${v}`);
  return v;
}

export function resolveRcsClientOptions(o: RcsClientOptions): ResolvedRcsClientOptions {
  let url: URL;
  try {
    url = new URL(o.target);
  } catch {
    throw new RcsError('RCS_ERR_CONFIG', `target '${o.target}' is not a URL such as http://127.0.0.1:8082`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RcsError('RCS_ERR_CONFIG', `target '${o.target}' is not http(s)`);
  if (!o.clientId) throw new RcsError('RCS_ERR_CONFIG', 'clientId is required');
  if (!o.botId) throw new RcsError('RCS_ERR_CONFIG', 'botId is required');
  const connections = o.connections ?? 32;
  if (!Number.isInteger(connections) || connections < 1) throw new RcsError('RCS_ERR_CONFIG', `connections must be a positive integer, got ${connections}`);
  const w = o.webhook === false ? null : (o.webhook ?? {});
  if (w?.path !== undefined && !w.path.startsWith('/')) throw new RcsError('RCS_ERR_CONFIG', `webhook.path must start with /, got ${w.path}`);
  return {
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ''),
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    botId: o.botId,
    connections,
    responseTimeoutMs: nonNegative('responseTimeoutMs', o.responseTimeoutMs ?? 10_000),
    tokenRefreshBeforeMs: o.tokenRefreshBeforeMs === undefined ? undefined : nonNegative('tokenRefreshBeforeMs', o.tokenRefreshBeforeMs),
    capabilityTtlMs: nonNegative('capabilityTtlMs', o.capabilityTtlMs ?? 86_400_000),
    notCapableTtlMs: nonNegative('notCapableTtlMs', o.notCapableTtlMs ?? 3_600_000),
    webhook: w && { host: w.host ?? '127.0.0.1', port: w.port ?? 0, path: w.path ?? '/rcs/webhook', ...(w.publicUrl ? { publicUrl: w.publicUrl } : {}) },
    closeTimeoutMs: nonNegative('closeTimeoutMs', o.closeTimeoutMs ?? 5_000),
    clock: o.clock ?? createSystemClock(),
  };
}
