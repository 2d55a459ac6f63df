// The engine's Channel over the Xroshot client: SMS, LMS and MMS to other carriers' subscribers.
// Xroshot sends one final report per recipient, so each accepted message has one JobID and one report.
import { existsSync, readFileSync } from 'node:fs';
import { createChannelConnection } from '../../../engine/channel-connection.ts';
import { createChannelListeners, type Channel, type ChannelOutcome, type ChannelReport, type ChannelStats, type OutboundMessage } from '../../../engine/channel.ts';
import type { EngineConfig } from '../../../engine/engine-config.ts';
import type { ComposedContent, MediaPart } from '../../../engine/message.ts';
import type { Clock } from '../../kit/clock.ts';
import type { Rng } from '../../kit/rng.ts';
import { loadXroshotConfig } from '../simulator/xroshot-config.ts';
import { XroshotError } from '../xroshot-errors.ts';
import { parseXroshotTarget, type XroshotClientOptions } from './client-options.ts';
import { createXroshotClient, type SubmitOutcome, type XroshotClient, type XroshotMessage } from './xroshot-client.ts';
import type { XroshotReport } from './xroshot-report.ts';

type Section = EngineConfig['gateways']['xroshot'];

export type XroshotChannelOptions = Pick<Section, 'target'> &
  Partial<Section> & {
    clock: Clock;
    rng?: Rng;
    /** connect() gives up after this long without a registered session (default 10 s, on `clock`). */
    connectTimeoutMs?: number;
    /** Any other client option (window, responseTimeoutMs, tpsPerSession, ...). */
    client?: Partial<XroshotClientOptions>;
  };

export interface XroshotChannelStats extends ChannelStats {
  /** Sessions registered now. */
  sessionsUp: number;
  /** Messages dropped from the client queue unsent because their notAfter passed. */
  expired: number;
}

export interface XroshotChannel extends Channel {
  readonly gateway: 'xroshot';
  stats(): XroshotChannelStats;
}

const TIMEOUT: ChannelOutcome = Object.freeze({ kind: 'timeout' });

const SAFE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The certificate: the text itself, or a file holding it; none given, the bundled simulator's
 * certificate of the same service provider (what `msgsim up` runs), so an empty config works.
 */
export function resolveCertificate(certificate: string | undefined, serviceProviderId: string): string {
  if (certificate !== undefined && certificate !== '') {
    if (certificate.length < 4096 && !/\s/.test(certificate) && existsSync(certificate)) return readFileSync(certificate, 'utf8').trim();
    return certificate.trim();
  }
  const bundled = loadXroshotConfig().accounts.find((a) => a.serviceProviderId === serviceProviderId);
  if (!bundled) throw new XroshotError('XROSHOT_ERR_CONFIG', `no certificate configured for ${serviceProviderId} (gateways.xroshot.certificate: the text or a file)`);
  return bundled.cert;
}

function mediaKindOf(media: readonly MediaPart[]): 'image' | 'audio' | 'video' {
  const type = media[0]?.contentType.toLowerCase() ?? '';
  return type.startsWith('audio/') ? 'audio' : type.startsWith('video/') ? 'video' : 'image';
}

function attachmentsOf(media: readonly MediaPart[]): Array<{ fileName: string; data: Buffer }> {
  const used = new Set<string>();
  return media.map((m, i) => {
    const ext = (m.contentType.split('/')[1] ?? 'bin').split(';')[0].trim().toLowerCase().replace('jpeg', 'jpg');
    let fileName = SAFE_NAME.test(m.name) ? m.name : `file${i + 1}.${ext}`;
    if (used.has(fileName)) fileName = `file${i + 1}.${ext}`;
    used.add(fileName);
    return { fileName, data: Buffer.from(m.data, 'base64') };
  });
}

function messageOf(msg: OutboundMessage): XroshotMessage | null {
  const base = { source: msg.from, destination: msg.to, reference: msg.ref, notAfter: msg.notAfter };
  const c: ComposedContent = msg.content;
  switch (c.kind) {
    case 'sms':
      return { ...base, kind: 'sms', text: c.text };
    case 'lms':
      return { ...base, kind: 'lms', text: c.text, ...(c.subject ? { subject: c.subject } : {}) };
    case 'mms':
      return { ...base, kind: 'mms', text: c.text ?? '', ...(c.subject ? { subject: c.subject } : {}), attachments: attachmentsOf(c.media), media: mediaKindOf(c.media) };
    default:
      return null;
  }
}

export function createXroshotChannel(opts: XroshotChannelOptions): XroshotChannel {
  const clock = opts.clock;
  const carries = new Set<ComposedContent['kind']>(['sms', 'lms', 'mms']);
  const listeners = createChannelListeners();
  const counts = { sent: 0, accepted: 0, rejected: 0, timeouts: 0, reports: 0 };

  // The relay gets its res_report once the engine's listener promise resolves (the report is stored).
  function onReport(r: XroshotReport): unknown {
    const report: ChannelReport = { gateway: 'xroshot', gatewayId: r.messageId, ...(r.reference !== undefined ? { ref: r.reference } : {}), outcome: r.outcome, final: r.final, code: String(r.code), at: clock.now() };
    counts.reports++;
    return listeners.emit('report', report);
  }

  const conn = createChannelConnection<XroshotClient>({
    label: 'Xroshot',
    enabled: opts.enabled !== false,
    closedError: () => new XroshotError('XROSHOT_ERR_CLOSED', 'the Xroshot channel is closed'),
    create() {
      const spId = opts.client?.serviceProviderId ?? parseXroshotTarget(opts.target).serviceProviderId;
      return createXroshotClient({
        target: opts.target,
        certificate: resolveCertificate(opts.certificate, spId),
        sessions: opts.sessions ?? 1,
        connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
        clock,
        ...(opts.rng ? { rng: opts.rng } : {}),
        ...opts.client,
        onReport,
      });
    },
    start: (c) => c.connect(),
  });

  function outcomeOf(out: SubmitOutcome): ChannelOutcome {
    if (out.kind === 'timeout') {
      counts.timeouts++;
      return TIMEOUT;
    }
    if (out.kind === 'rejected') {
      counts.rejected++;
      return { kind: 'rejected', reason: out.reason, transient: out.transient, code: String(out.code) };
    }
    counts.accepted++;
    return { kind: 'accepted', gatewayIds: out.messageIds };
  }

  return {
    gateway: 'xroshot',
    carries,
    connect: conn.connect,
    async send(msg) {
      const c = conn.client();
      if (c === null) return conn.unavailable();
      const message = messageOf(msg);
      if (message === null) return { kind: 'rejected', reason: 'unsupported', transient: false, code: `Xroshot does not carry ${msg.content.kind}` };
      // Queueing behind sessions the relay keeps refusing would only hold the message until the
      // engine's timeout; answering at once lets it retry, trip the circuit or fall back without that wait.
      if (c.unreachable()) return { kind: 'unavailable', why: 'Xroshot has no session registered and re-registering has failed since the last one went down' };
      counts.sent++;
      try {
        return outcomeOf(await c.submit(message));
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'XROSHOT_ERR_CLOSED' || code === 'XROSHOT_ERR_NOT_CONNECTED') return { kind: 'unavailable', why: (err as Error).message };
        if (code === 'XROSHOT_ERR_BAD_MESSAGE') {
          counts.rejected++;
          return { kind: 'rejected', reason: 'invalid-content', transient: false, code };
        }
        throw err;
      }
    },
    on: listeners.on,
    stats(): XroshotChannelStats {
      const s = conn.client()?.stats();
      return { inFlight: s?.inFlight ?? 0, queued: s?.queued ?? 0, ...counts, sessionsUp: s?.sessionsUp ?? 0, expired: s?.expired ?? 0 };
    },
    close: conn.close,
  };
}
