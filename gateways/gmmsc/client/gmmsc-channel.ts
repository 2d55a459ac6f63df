// The engine's Channel over the GMMSC client: LMS, MMS (and short text) as MM7 SubmitReq. connect()
// checks the MMSC answers on TCP (HTTP itself needs no bind, but an engine must know a gateway is down
// before it routes to it) and starts the callback receiver whose URL the MMSC account must be given.
import { connect as tcpConnect } from 'node:net';
import { createChannelConnection } from '../../../engine/channel-connection.ts';
import { createChannelListeners, type Channel, type ChannelMo, type ChannelOutcome, type ChannelReport, type ChannelStats, type OutboundMessage } from '../../../engine/channel.ts';
import type { EngineConfig } from '../../../engine/engine-config.ts';
import type { ComposedContent, MediaPart } from '../../../engine/message.ts';
import type { Clock } from '../../kit/clock.ts';
import type { Rng } from '../../kit/rng.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import { GmmscError } from '../gmmsc-errors.ts';
import type { GmmscMo, GmmscReport } from './callback-reader.ts';
import type { GmmscClientOptions } from './client-options.ts';
import { createGmmscClient, type GmmscClient, type GmmscSubmitOutcome } from './gmmsc-client.ts';
import type { MmsImage } from './mms-content.ts';
import type { GmmscSubmitMessage } from './submit-request.ts';

type Section = EngineConfig['gateways']['gmmsc'];

export type GmmscChannelOptions = Pick<Section, 'target'> &
  Partial<Section> & {
    clock: Clock;
    rng?: Rng;
    /** connect() gives up after this long without a TCP connection to the MMSC (default 10 s, on `clock`). */
    connectTimeoutMs?: number;
    /** Any other client option (responseTimeoutMs, connections, namespace, callback.publicUrl, ...). */
    client?: Partial<GmmscClientOptions>;
  };

export interface GmmscChannelStats extends ChannelStats {
  /** Where the MMSC must post DeliveryReportReq / DeliverReq; null before connect(). */
  callbackUrl: string | null;
  mo: number;
  /** SubmitReqs never written because their notAfter came while they waited for a connection. */
  expired: number;
}

export interface GmmscChannel extends Channel {
  readonly gateway: 'gmmsc';
  /** The callback receiver's URL (set it as the MMSC account's callbackUrl); null before connect(). */
  callbackUrl(): string | null;
  stats(): GmmscChannelStats;
}

const PROBE_RETRY_MS = 200;
const SAFE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Resolves once a TCP connection to host:port opens, retrying refusals until `timeoutMs` has passed. */
function probe(host: string, port: number, clock: Clock, timeoutMs: number, what: string): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let last = 'no attempt finished';
    const fail = () => reject(new GmmscError('GMMSC_ERR_NOT_CONNECTED', `the MMSC at ${what} is not reachable within ${timeoutMs} ms (last: ${last})`));
    const attempt = () => {
      const socket = tcpConnect({ host, port });
      const timer = clock.setTimer(() => {
        socket.destroy();
        last = 'connection not established';
        fail();
      }, Math.max(0, deadline - clock.now()));
      socket.once('connect', () => {
        timer.cancel();
        socket.destroy();
        resolve();
      });
      socket.once('error', (err) => {
        timer.cancel();
        socket.destroy();
        last = err.message;
        if (clock.now() + PROBE_RETRY_MS < deadline) clock.setTimer(attempt, PROBE_RETRY_MS);
        else fail();
      });
    };
    attempt();
  });
}

/** Media parts -> the client's images; names the handset shows must be plain file names, unique. */
function imagesOf(media: readonly MediaPart[]): MmsImage[] {
  const used = new Set<string>();
  return media.map((m, i) => {
    const ext = (m.contentType.split('/')[1] ?? 'bin').split(';')[0].trim().toLowerCase().replace('jpeg', 'jpg');
    let name = SAFE_NAME.test(m.name) ? m.name : `image${i + 1}.${ext}`;
    if (used.has(name)) name = `image${i + 1}.${ext}`;
    used.add(name);
    return { data: Buffer.from(m.data, 'base64'), contentType: m.contentType, name };
  });
}

function bodyOf(c: ComposedContent): Pick<GmmscSubmitMessage, 'subject' | 'text' | 'images'> | null {
  switch (c.kind) {
    case 'sms':
      return { text: c.text };
    case 'lms':
      return { ...(c.subject ? { subject: c.subject } : {}), text: c.text };
    case 'mms':
      return { ...(c.subject ? { subject: c.subject } : {}), ...(c.text ? { text: c.text } : {}), images: imagesOf(c.media) };
    default:
      return null;
  }
}

const national = (n: string): string => normalizeMsisdn(n) ?? n;

export function createGmmscChannel(opts: GmmscChannelOptions): GmmscChannel {
  const clock = opts.clock;
  const carries = new Set<ComposedContent['kind']>(['sms', 'lms', 'mms']);
  const listeners = createChannelListeners();
  const counts = { sent: 0, accepted: 0, rejected: 0, timeouts: 0, reports: 0, mo: 0 };

  // The MMSC gets its Rsp once the engine's listener promise resolves (the report is stored).
  function onReport(r: GmmscReport): unknown {
    // A read-reply follows the delivery report that already settled the message.
    const report: ChannelReport = { gateway: 'gmmsc', gatewayId: r.messageId, ...(r.reference !== undefined ? { ref: r.reference } : {}), outcome: r.outcome, final: r.type === 'delivery' && r.final, code: r.code, at: clock.now() };
    counts.reports++;
    return listeners.emit('report', report);
  }

  function onMo(m: GmmscMo): unknown {
    counts.mo++;
    const mo: ChannelMo = { gateway: 'gmmsc', from: national(m.sender), to: m.recipients[0] === undefined ? null : national(m.recipients[0]), text: m.text, at: clock.now() };
    return listeners.emit('mo', mo);
  }

  const conn = createChannelConnection<GmmscClient>({
    label: 'GMMSC',
    enabled: opts.enabled !== false,
    closedError: () => new GmmscError('GMMSC_ERR_CLOSED', 'the GMMSC channel is closed'),
    async create() {
      const url = new URL(opts.target);
      const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
      const timeoutMs = opts.connectTimeoutMs ?? 10_000;
      await probe(url.hostname.replace(/^\[|\]$/g, ''), port, clock, timeoutMs, `${url.protocol}//${url.host}${url.pathname}`);
      if (conn.closed()) return null;
      return createGmmscClient({
        target: opts.target,
        ...(opts.vaspId !== undefined ? { vaspId: opts.vaspId } : {}),
        ...(opts.vasId !== undefined ? { vasId: opts.vasId } : {}),
        callback: { host: opts.callback?.host ?? '127.0.0.1', port: opts.callback?.port ?? 0 },
        clock,
        ...(opts.rng ? { rng: opts.rng } : {}),
        ...opts.client,
        onReport,
        onMo,
      });
    },
    start: (c) => c.connect(),
  });

  function outcomeOf(out: GmmscSubmitOutcome): ChannelOutcome {
    if (out.kind === 'timeout') {
      counts.timeouts++;
      return { kind: 'timeout' };
    }
    if (out.kind === 'rejected') {
      counts.rejected++;
      return { kind: 'rejected', reason: out.reason, transient: out.transient, code: String(out.code) };
    }
    counts.accepted++;
    return { kind: 'accepted', gatewayIds: out.messageIds };
  }

  return {
    gateway: 'gmmsc',
    carries,
    connect: conn.connect,
    async send(msg: OutboundMessage): Promise<ChannelOutcome> {
      const c = conn.client();
      if (c === null) return conn.unavailable();
      const body = bodyOf(msg.content);
      if (body === null) return { kind: 'rejected', reason: 'unsupported', transient: false, code: `GMMSC does not carry ${msg.content.kind}` };
      const submit: GmmscSubmitMessage = {
        source: msg.from,
        destination: msg.to,
        ...body,
        reference: msg.ref,
        notAfter: msg.notAfter,
        ...(msg.ad ? { messageClass: 'Advertisement' as const } : {}),
        ...(msg.validityMs !== undefined ? { expiryDate: `PT${Math.max(1, Math.ceil(msg.validityMs / 1000))}S` } : {}),
      };
      counts.sent++;
      try {
        return outcomeOf(await c.submit(submit));
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'GMMSC_ERR_CLOSED' || code === 'GMMSC_ERR_NOT_CONNECTED') return { kind: 'unavailable', why: (err as Error).message };
        if (code === 'GMMSC_ERR_BAD_MESSAGE') {
          counts.rejected++;
          return { kind: 'rejected', reason: 'invalid-content', transient: false, code };
        }
        throw err;
      }
    },
    on: listeners.on,
    callbackUrl: () => conn.client()?.callbackUrl() ?? null,
    stats(): GmmscChannelStats {
      const c = conn.client();
      const s = c?.stats();
      return { inFlight: s?.inFlight ?? 0, queued: 0, ...counts, callbackUrl: c?.callbackUrl() ?? null, expired: s?.expired ?? 0 };
    },
    close: conn.close,
  };
}
