// Options of the GMMSC client, their defaults, and the http(s)://user:password@host:port/path target form.
import { createSystemClock, type Clock } from '../../kit/clock.ts';
import { createRng, type Rng } from '../../kit/rng.ts';
import { DEFAULT_MM7_NAMESPACE, MM7_NS_BASE, defaultMm7Version } from '../codec/mm7-namespaces.ts';
import { GmmscError } from '../gmmsc-errors.ts';
import type { GmmscMo, GmmscReport } from './callback-reader.ts';

export interface CallbackOptions {
  /** Address the receiver binds (default 127.0.0.1; 0.0.0.0 when an MMSC in a container must reach it). */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** URL path the MMSC posts to (default /mm7/callback); other paths are answered 404. */
  path?: string;
  /** The URL the MMSC is told to use, when it differs from the bound address (NAT, container bridge). */
  publicUrl?: string;
  /** When set, callbacks must carry these HTTP Basic credentials (others get 401). */
  username?: string;
  password?: string;
  /** Largest callback body accepted (default 2 MiB: a DeliverReq with MO media). */
  bodyLimit?: number;
}

export interface GmmscClientOptions {
  /** http(s)://user:password@host:port/path of the MMSC's MM7 endpoint (credentials percent-decoded). */
  target: string;
  vaspId?: string;
  vasId?: string;
  serviceCode?: string;
  /** Full MM7 namespace URI or its last segment ('REL-5-MM7-1-3'); default REL-6-MM7-1-4. */
  namespace?: string;
  /** Default: what the codec pairs with the namespace (6.8.0 for REL-6). */
  mm7Version?: string;
  /** Keep-alive connections to the MMSC (default 32). */
  connections?: number;
  /**
   * undici's Pool pipelining (default 1 = none). SubmitReqs are never pipelined whatever this says: undici
   * pipelines only idempotent requests, because it re-sends those queued behind a failed one, and a
   * re-sent SubmitReq could be a duplicate message.
   */
  pipelining?: number;
  /** A SubmitReq without an answer after this long resolves { kind: 'timeout' } (default 10 s). */
  responseTimeoutMs?: number;
  /** Bound on close(): waiting for submits in flight (default 5 s). */
  closeTimeoutMs?: number;
  /** Ask for a delivery report by default (default true). */
  deliveryReport?: boolean;
  /** Ask for a read-reply report by default (default false). */
  readReply?: boolean;
  /** The callback receiver for reports and MO; false runs none (reports are then not seen). */
  callback?: CallbackOptions | false;
  /**
   * Called for each DeliveryReportReq / ReadReplyReq. When it returns a promise, the Rsp waits for it;
   * if it rejects, the MMSC gets a Fault (3000 Server Error, HTTP 500) and sends the report again.
   * Anything else returned: answered at once. The 'report' event is only told.
   */
  onReport?: (report: GmmscReport) => unknown;
  /** The same for a DeliverReq (MO). */
  onMo?: (mo: GmmscMo) => unknown;
  clock?: Clock;
  /** Seeds TransactionIDs, so runs are reproducible. */
  rng?: Rng;
}

export interface Mm7Target {
  origin: string;
  path: string;
  username: string;
  password: string;
}

export interface ResolvedClientOptions {
  target: Mm7Target;
  vaspId: string;
  vasId: string;
  serviceCode: string;
  namespace: string;
  mm7Version: string;
  connections: number;
  pipelining: number;
  responseTimeoutMs: number;
  closeTimeoutMs: number;
  deliveryReport: boolean;
  readReply: boolean;
  callback: Required<Omit<CallbackOptions, 'publicUrl' | 'username' | 'password'>> & Pick<CallbackOptions, 'publicUrl' | 'username' | 'password'> | null;
  clock: Clock;
  rng: Rng;
}

export function parseMm7Target(target: string): Mm7Target {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new GmmscError('GMMSC_ERR_CONFIG', `target '${target}' is not a URL of the form http://user:password@host:port/path`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new GmmscError('GMMSC_ERR_CONFIG', `target '${target}' is not http(s)://user:password@host:port/path`);
  }
  return {
    origin: url.origin,
    path: `${url.pathname || '/'}${url.search}`,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** The target without its password, for logs and reports. */
export function redactMm7Target(target: string): string {
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return target;
  }
}

export function resolveNamespace(ns: string | undefined): string {
  if (!ns) return DEFAULT_MM7_NAMESPACE;
  return ns.includes('/') ? ns : MM7_NS_BASE + ns;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new GmmscError('GMMSC_ERR_CONFIG', `${name} must be a positive integer, got ${v}`);
  return v;
}

function nonNegative(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new GmmscError('GMMSC_ERR_CONFIG', `${name} must be a non-negative number of ms, got ${v}`);
  return v;
}

export function resolveClientOptions(o: GmmscClientOptions): ResolvedClientOptions {
  const target = parseMm7Target(o.target);
  const namespace = resolveNamespace(o.namespace);
  const cb = o.callback === false ? null : (o.callback ?? {});
  if (cb && cb.port !== undefined && (!Number.isInteger(cb.port) || cb.port < 0 || cb.port > 65535)) {
    throw new GmmscError('GMMSC_ERR_CONFIG', `callback port ${cb.port} is not 0..65535`);
  }
  const path = cb?.path ?? '/mm7/callback';
  if (cb && !path.startsWith('/')) throw new GmmscError('GMMSC_ERR_CONFIG', `callback path '${path}' must start with /`);
  return {
    target,
    vaspId: o.vaspId ?? target.username,
    vasId: o.vasId ?? '',
    serviceCode: o.serviceCode ?? '',
    namespace,
    mm7Version: o.mm7Version ?? defaultMm7Version(namespace),
    connections: positiveInt('connections', o.connections ?? 32),
    pipelining: positiveInt('pipelining', o.pipelining ?? 1),
    responseTimeoutMs: nonNegative('responseTimeoutMs', o.responseTimeoutMs ?? 10_000),
    closeTimeoutMs: nonNegative('closeTimeoutMs', o.closeTimeoutMs ?? 5_000),
    deliveryReport: o.deliveryReport ?? true,
    readReply: o.readReply ?? false,
    callback: cb
      ? { host: cb.host ?? '127.0.0.1', port: cb.port ?? 0, path, bodyLimit: positiveInt('callback.bodyLimit', cb.bodyLimit ?? 2 * 1024 * 1024), publicUrl: cb.publicUrl, username: cb.username, password: cb.password }
      : null,
    clock: o.clock ?? createSystemClock(),
    rng: o.rng ?? createRng('gmmsc-client'),
  };
}
