// Options of the SMSVAS client, their defaults, and the smpp://systemId:password@host:port target form.
import { createSystemClock, type Clock } from '../../kit/clock.ts';
import { createRng, type Rng } from '../../kit/rng.ts';
import type { SmscDefaultAlphabet } from '../codec/data-coding.ts';
import type { SegmentMethod } from '../codec/segmenter.ts';
import { SmsvasError } from '../smsvas-errors.ts';
import type { SmsvasMo, SmsvasReport } from './deliver-reader.ts';
import type { ReconnectOptions } from '../../kit/reconnect-policy.ts';

export type BindMode = 'trx' | 'tx+rx';

export interface SmsvasClientOptions {
  /** smpp://systemId:password@host:port (user and password percent-decoded). */
  target?: string;
  host?: string;
  port?: number;
  systemId?: string;
  password?: string;
  systemType?: string;
  /** Sessions per direction: 'trx' opens N transceivers, 'tx+rx' N transmitters and N receivers. */
  binds?: number;
  mode?: BindMode;
  /** Unacknowledged requests per bind (default 100). */
  window?: number;
  /** A submit_sm without a response after this long resolves as { kind: 'timeout' } (default 10s). */
  responseTimeoutMs?: number;
  /** enquire_link after this long without traffic; 0 disables (default 30s). */
  enquireLinkMs?: number;
  /** No enquire_link_resp within this long: the peer is dead and the session is dropped (default 10s). */
  deadPeerMs?: number;
  /** connect() gives up after this long without a bind per direction (default 30s). */
  connectTimeoutMs?: number;
  /** Bound on close(): waiting for in-flight responses, then for unbind_resp (default 5s). */
  closeTimeoutMs?: number;
  reconnect?: ReconnectOptions;
  /** submit_sm per second across all binds; excess waits in the queue. Unset: no pacing. */
  tps?: number;
  /** Token bucket depth for `tps` (default: 20 ms worth, at least 1). */
  tpsBurst?: number;
  /** 'auto' picks IA5, KS C 5601 or UCS2 per text (chooseDataCoding); a number forces that data_coding. */
  dataCoding?: 'auto' | number;
  /** What data_coding 0x00 means on this SMSC. */
  smscDefault?: SmscDefaultAlphabet;
  /** How long text is split (default 'udh8'). */
  method?: SegmentMethod;
  /** More segments than this is refused before sending (default 16). */
  maxSegments?: number;
  sourceTon?: number;
  sourceNpi?: number;
  destTon?: number;
  destNpi?: number;
  serviceType?: string;
  /** Time zone that receipt submit/done dates are written in (default Asia/Seoul). */
  receiptTimezone?: string;
  /**
   * Called for each receipt before its deliver_sm_resp is written. When it returns a promise, the
   * answer waits for it (other PDUs are read meanwhile): ESME_ROK once it resolves, ESME_RX_T_APPN
   * when it rejects, so the SMSC delivers the receipt again (without the reference: it was handed out
   * once). Anything else returned: answered ESME_ROK at once. The 'report' event is only told.
   */
  onReport?: (report: SmsvasReport) => unknown;
  /**
   * The same for a whole MO; its last part's deliver_sm_resp waits. Earlier parts of a concatenated
   * MO are answered when read: holding them could fill the SMSC's window before the last part comes.
   */
  onMo?: (mo: SmsvasMo) => unknown;
  clock?: Clock;
  rng?: Rng;
}

export interface ResolvedClientOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  binds: number;
  mode: BindMode;
  window: number;
  responseTimeoutMs: number;
  enquireLinkMs: number;
  deadPeerMs: number;
  connectTimeoutMs: number;
  closeTimeoutMs: number;
  reconnect: ReconnectOptions;
  tps: number | null;
  tpsBurst: number;
  dataCoding: 'auto' | number;
  smscDefault: SmscDefaultAlphabet;
  method: SegmentMethod;
  maxSegments: number;
  sourceTon: number;
  sourceNpi: number;
  destTon: number;
  destNpi: number;
  serviceType: string;
  receiptTimezone: string;
  clock: Clock;
  rng: Rng;
}

export function parseSmppTarget(target: string): { host: string; port: number; systemId: string; password: string } {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new SmsvasError('SMSVAS_ERR_BAD_TARGET', `target '${target}' is not a URL of the form smpp://systemId:password@host:port`);
  }
  if (url.protocol !== 'smpp:' || !url.hostname) {
    throw new SmsvasError('SMSVAS_ERR_BAD_TARGET', `target '${target}' is not smpp://systemId:password@host:port`);
  }
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 2775,
    systemId: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new SmsvasError('SMSVAS_ERR_CONFIG', `${name} must be a positive integer, got ${v}`);
  return v;
}

function nonNegative(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new SmsvasError('SMSVAS_ERR_CONFIG', `${name} must be a non-negative number of ms, got ${v}`);
  return v;
}

export function resolveClientOptions(o: SmsvasClientOptions): ResolvedClientOptions {
  const fromTarget = o.target ? parseSmppTarget(o.target) : undefined;
  const host = o.host ?? fromTarget?.host ?? '127.0.0.1';
  const port = o.port ?? fromTarget?.port ?? 2775;
  const systemId = o.systemId ?? fromTarget?.systemId ?? '';
  const password = o.password ?? fromTarget?.password ?? '';
  if (!systemId) throw new SmsvasError('SMSVAS_ERR_CONFIG', 'a systemId is required (in target or options)');
  if (systemId.length > 15 || password.length > 8) {
    throw new SmsvasError('SMSVAS_ERR_CONFIG', 'SMPP 3.4 allows a systemId of at most 15 and a password of at most 8 characters');
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SmsvasError('SMSVAS_ERR_CONFIG', `port ${port} is not 1..65535`);
  const mode = o.mode ?? 'trx';
  if (mode !== 'trx' && mode !== 'tx+rx') throw new SmsvasError('SMSVAS_ERR_CONFIG', `mode must be 'trx' or 'tx+rx', got ${String(mode)}`);
  const tps = o.tps ?? null;
  if (tps !== null && !(Number.isFinite(tps) && tps > 0)) throw new SmsvasError('SMSVAS_ERR_CONFIG', `tps must be > 0, got ${tps}`);
  const maxSegments = positiveInt('maxSegments', o.maxSegments ?? 16);
  if (maxSegments > 255) throw new SmsvasError('SMSVAS_ERR_CONFIG', 'maxSegments is at most 255');
  const responseTimeoutMs = nonNegative('responseTimeoutMs', o.responseTimeoutMs ?? 10_000);
  return {
    host,
    port,
    systemId,
    password,
    systemType: o.systemType ?? '',
    binds: positiveInt('binds', o.binds ?? 1),
    mode,
    window: positiveInt('window', o.window ?? 100),
    responseTimeoutMs,
    enquireLinkMs: nonNegative('enquireLinkMs', o.enquireLinkMs ?? 30_000),
    deadPeerMs: nonNegative('deadPeerMs', o.deadPeerMs ?? responseTimeoutMs),
    connectTimeoutMs: nonNegative('connectTimeoutMs', o.connectTimeoutMs ?? 30_000),
    closeTimeoutMs: nonNegative('closeTimeoutMs', o.closeTimeoutMs ?? 5_000),
    reconnect: o.reconnect ?? {},
    tps,
    tpsBurst: o.tpsBurst ?? (tps === null ? 1 : Math.max(1, Math.ceil(tps / 50))),
    dataCoding: o.dataCoding ?? 'auto',
    smscDefault: o.smscDefault ?? 'gsm7',
    method: o.method ?? 'udh8',
    maxSegments,
    sourceTon: o.sourceTon ?? 0,
    sourceNpi: o.sourceNpi ?? 1,
    destTon: o.destTon ?? 0,
    destNpi: o.destNpi ?? 1,
    serviceType: o.serviceType ?? '',
    receiptTimezone: o.receiptTimezone ?? 'Asia/Seoul',
    clock: o.clock ?? createSystemClock(),
    rng: o.rng ?? createRng('smsvas-client'),
  };
}
