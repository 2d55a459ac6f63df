// Options of the Xroshot client, their defaults, and the tcp://spId:password@host:port target form.
import { createSystemClock, type Clock } from '../../kit/clock.ts';
import { createRng, type Rng } from '../../kit/rng.ts';
import { AUTH_KEY_LENGTH } from '../codec/auth-crypto.ts';
import { XroshotError } from '../xroshot-errors.ts';
import type { ReconnectOptions } from '../../kit/reconnect-policy.ts';
import type { XroshotReport } from './xroshot-report.ts';

export interface XroshotClientOptions {
  /** tcp://serviceProviderId:password@host:port (user and password percent-decoded). */
  target?: string;
  host?: string;
  port?: number;
  serviceProviderId?: string;
  password?: string;
  /** EndUserID of req_regist (default: the service provider id). */
  endUserId?: string;
  /** The account's certificate text; the AuthTicket is sealed with a 128-character window of it. */
  certificate: string;
  /** Window start sent as <AuthKey>; default drawn from the rng per session. */
  authKeyIndex?: number;
  /** <Version> of req_regist (default 1.0.15, as the public client sends). */
  version?: string;
  /** Registered sessions kept up (default 1). */
  sessions?: number;
  /** req_send_message_2 without res_send_message_all, per session (default 50). */
  window?: number;
  /** A message without res_send_message_all after this long resolves { kind: 'timeout' } (default 10 s). */
  responseTimeoutMs?: number;
  /** req_ping after this long without traffic from the server; 0 disables (default 30 s). */
  pingIntervalMs?: number;
  /** No res_ping within this long: the session is dead and is dropped (default: responseTimeoutMs). */
  deadPeerMs?: number;
  /** connect() gives up after this long without one registered session (default 30 s). */
  connectTimeoutMs?: number;
  /** Bound on close(): in-flight responses, then res_unregist (default 5 s). */
  closeTimeoutMs?: number;
  reconnect?: ReconnectOptions;
  /**
   * req_send_message_2 per second per session; excess waits. Default: the smallest SendLimitPerSecond
   * the server announces in res_regist, else 200 (the documented per-session default). null: unpaced.
   */
  tpsPerSession?: number | null;
  /** Token-bucket depth per session (default: 20 ms worth, at least 1). */
  tpsBurst?: number;
  /** Frames larger than this from the server end the session (default 4 MiB). */
  maxFrameBytes?: number;
  /**
   * Called for each req_report. When it returns a promise, the res_report waits for it (later frames
   * are read meanwhile): Result 0 once it resolves, Result 1 (system error) when it rejects, so the
   * relay sends the report again (without the reference: it was handed out once). Anything else
   * returned: answered Result 0 at once. The 'report' event is only told.
   */
  onReport?: (report: XroshotReport) => unknown;
  clock?: Clock;
  rng?: Rng;
}

export interface ResolvedClientOptions {
  host: string;
  port: number;
  serviceProviderId: string;
  password: string;
  endUserId: string;
  certificate: string;
  authKeyIndex: number | null;
  version: string;
  sessions: number;
  window: number;
  responseTimeoutMs: number;
  pingIntervalMs: number;
  deadPeerMs: number;
  connectTimeoutMs: number;
  closeTimeoutMs: number;
  reconnect: ReconnectOptions;
  /** undefined: take it from res_regist. */
  tpsPerSession: number | null | undefined;
  tpsBurst: number | undefined;
  maxFrameBytes: number;
  clock: Clock;
  rng: Rng;
}

export const DEFAULT_XROSHOT_PORT = 8083;
/** Per-session TPS when neither the options nor res_regist name one. */
export const DEFAULT_TPS_PER_SESSION = 200;

export function parseXroshotTarget(target: string): { host: string; port: number; serviceProviderId: string; password: string } {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new XroshotError('XROSHOT_ERR_BAD_TARGET', `target '${redactXroshotTarget(target)}' is not a URL of the form tcp://host:port`);
  }
  if (url.protocol !== 'tcp:' || !url.hostname) {
    throw new XroshotError('XROSHOT_ERR_BAD_TARGET', `target '${redactXroshotTarget(target)}' is not tcp://[spId:password@]host:port`);
  }
  return {
    // URL keeps IPv6 literals bracketed; net.connect wants them bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_XROSHOT_PORT,
    serviceProviderId: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** The target with its password masked, for reports and logs. */
export function redactXroshotTarget(target: string): string {
  return target.replace(/^(tcp:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new XroshotError('XROSHOT_ERR_CONFIG', `${name} must be a positive integer, got ${v}`);
  return v;
}

function ms(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new XroshotError('XROSHOT_ERR_CONFIG', `${name} must be a non-negative number of ms, got ${v}`);
  return v;
}

export function resolveClientOptions(o: XroshotClientOptions): ResolvedClientOptions {
  const t = o.target ? parseXroshotTarget(o.target) : undefined;
  const serviceProviderId = o.serviceProviderId ?? (t?.serviceProviderId || '');
  const password = o.password ?? t?.password ?? '';
  if (!serviceProviderId) throw new XroshotError('XROSHOT_ERR_CONFIG', 'a service provider id is required (in target or options)');
  const port = o.port ?? t?.port ?? DEFAULT_XROSHOT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new XroshotError('XROSHOT_ERR_CONFIG', `port ${port} is not 1..65535`);
  if (typeof o.certificate !== 'string' || o.certificate.length < AUTH_KEY_LENGTH) {
    throw new XroshotError('XROSHOT_ERR_CONFIG', `certificate must be text of at least ${AUTH_KEY_LENGTH} characters`);
  }
  const authKeyIndex = o.authKeyIndex ?? null;
  if (authKeyIndex !== null && (!Number.isInteger(authKeyIndex) || authKeyIndex < 0 || authKeyIndex + AUTH_KEY_LENGTH > o.certificate.length)) {
    throw new XroshotError('XROSHOT_ERR_CONFIG', `authKeyIndex ${authKeyIndex} does not leave ${AUTH_KEY_LENGTH} characters of the certificate`);
  }
  const tps = o.tpsPerSession;
  if (tps !== undefined && tps !== null && !(Number.isFinite(tps) && tps > 0)) throw new XroshotError('XROSHOT_ERR_CONFIG', `tpsPerSession must be > 0, got ${tps}`);
  const responseTimeoutMs = ms('responseTimeoutMs', o.responseTimeoutMs ?? 10_000);
  return {
    host: o.host ?? t?.host ?? '127.0.0.1',
    port,
    serviceProviderId,
    password,
    endUserId: o.endUserId ?? serviceProviderId,
    certificate: o.certificate,
    authKeyIndex,
    version: o.version ?? '1.0.15',
    sessions: positiveInt('sessions', o.sessions ?? 1),
    window: positiveInt('window', o.window ?? 50),
    responseTimeoutMs,
    pingIntervalMs: ms('pingIntervalMs', o.pingIntervalMs ?? 30_000),
    deadPeerMs: ms('deadPeerMs', o.deadPeerMs ?? responseTimeoutMs),
    connectTimeoutMs: ms('connectTimeoutMs', o.connectTimeoutMs ?? 30_000),
    closeTimeoutMs: ms('closeTimeoutMs', o.closeTimeoutMs ?? 5_000),
    reconnect: o.reconnect ?? {},
    tpsPerSession: tps,
    tpsBurst: o.tpsBurst,
    maxFrameBytes: positiveInt('maxFrameBytes', o.maxFrameBytes ?? 4 * 1024 * 1024),
    clock: o.clock ?? createSystemClock(),
    rng: o.rng ?? createRng('xroshot-client'),
  };
}
