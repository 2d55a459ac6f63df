// The engine's Channel over the SMSVAS client: SMS (and, when asked, LMS as a long concatenated SMS) to
// own-network subscribers. A message that went out in several segments gets one report, decided here
// once every segment's receipt is final, so the engine never has to join segments itself.
// A receipt's deliver_sm_resp waits for what the engine's listener returned (its store commit); a
// segment's receipt, or one held back until its message's segments are known, waits for the joined
// report's, so the SMSC keeps every receipt until the report it makes is stored.
import { createChannelConnection } from '../../../engine/channel-connection.ts';
import { createChannelListeners, type Channel, type ChannelMo, type ChannelOutcome, type ChannelReport, type ChannelStats, type OutboundMessage } from '../../../engine/channel.ts';
import type { EngineConfig } from '../../../engine/engine-config.ts';
import type { ComposedContent } from '../../../engine/message.ts';
import type { ReportOutcome } from '../../kit/canonical-reason.ts';
import type { Clock, Timer } from '../../kit/clock.ts';
import type { Rng } from '../../kit/rng.ts';
import { SmsvasError } from '../smsvas-errors.ts';
import type { SmsvasClientOptions } from './client-options.ts';
import type { SmsvasMo, SmsvasReport } from './deliver-reader.ts';
import { createSmsvasClient, type SmsvasClient, type SubmitOutcome } from './smsvas-client.ts';

type Section = EngineConfig['gateways']['smsvas'];

export type SmsvasChannelOptions = Pick<Section, 'target'> &
  Partial<Section> & {
    clock: Clock;
    rng?: Rng;
    systemType?: string;
    /** Carry LMS as one long SMS in concatenated segments (default false: LMS is not carried). */
    lmsAsLongSms?: boolean;
    /** connect() gives up after this long without a bind (default 10 s, on `clock`). */
    connectTimeoutMs?: number;
    /** Any other client option (window, responseTimeoutMs, tps, method, ...). */
    client?: Partial<SmsvasClientOptions>;
  };

/** UTF-16 units above which a text may need more than one segment (90 EUC-KR octets or 140 UCS-2 octets). */
const SINGLE_SEGMENT_SAFE = 45;
/** Reports held back while a long message's segments are still being answered, at most this long. */
const EARLY_HOLD_MS = 60_000;
const MAX_EARLY = 10_000;

/** What a deliver_sm_resp waits for: undefined answers at once. */
type Wait = PromiseLike<void> | undefined;

interface Deferred {
  promise: Promise<void>;
  /** Settles like `wait` (at once when undefined). */
  follow(wait: Wait): void;
}

function createDeferred(): Deferred {
  let follow!: (wait: Wait) => void;
  const promise = new Promise<void>((resolve) => {
    follow = resolve;
  });
  return { promise, follow };
}

interface SegmentGroup {
  ref: string;
  ids: string[];
  finals: Map<string, SmsvasReport>;
  /** What the receipts of segments that came before the last one wait for: the joined report's answer. */
  joined?: Deferred;
}

/** One message's outcome from its segments: delivered only if every segment was; else the first failure in order. */
function joinSegments(g: SegmentGroup): { outcome: ReportOutcome; report: SmsvasReport } {
  for (const id of g.ids) {
    const r = g.finals.get(id)!;
    if (r.outcome !== 'delivered') return { outcome: r.outcome, report: r };
  }
  return { outcome: 'delivered', report: g.finals.get(g.ids[0])! };
}

const codeOf = (r: SmsvasReport): string => (r.err ? `${r.stat}/${r.err}` : r.stat);
const TIMEOUT: ChannelOutcome = Object.freeze({ kind: 'timeout' });

export interface SmsvasChannelStats extends ChannelStats {
  /** Binds up now (of every direction). */
  bindsUp: number;
  /** Messages dropped from the client queue unsent because their notAfter passed. */
  expired: number;
}

export interface SmsvasChannel extends Channel {
  readonly gateway: 'smsvas';
  stats(): SmsvasChannelStats;
}

export function createSmsvasChannel(opts: SmsvasChannelOptions): SmsvasChannel {
  const clock = opts.clock;
  const carries = new Set<ComposedContent['kind']>(opts.lmsAsLongSms ? ['sms', 'lms'] : ['sms']);
  const listeners = createChannelListeners();
  const counts = { sent: 0, accepted: 0, rejected: 0, timeouts: 0, reports: 0 };

  const groups = new Map<string, SegmentGroup>();
  const early = new Map<string, { report: SmsvasReport; timer: Timer; answered: Deferred }>();
  let longInFlight = 0;
  /** References of long messages whose submit has not answered yet (their receipts can come first). */
  const longRefs = new Set<string>();

  function emitReport(r: ChannelReport): Wait {
    counts.reports++;
    return listeners.emit('report', r);
  }

  function forward(r: SmsvasReport, ref = r.reference): Wait {
    return emitReport({ gateway: 'smsvas', gatewayId: r.messageId, ...(ref !== undefined ? { ref } : {}), outcome: r.outcome, final: r.final, code: codeOf(r), at: clock.now() });
  }

  function segmentFinal(g: SegmentGroup, r: SmsvasReport): Wait {
    g.finals.set(r.messageId, r);
    if (g.finals.size < g.ids.length) return (g.joined ??= createDeferred()).promise;
    for (const id of g.ids) groups.delete(id);
    const { outcome, report } = joinSegments(g);
    const wait = emitReport({ gateway: 'smsvas', gatewayId: g.ids[0], ref: g.ref, outcome, final: true, code: codeOf(report), at: clock.now() });
    g.joined?.follow(wait);
    return wait;
  }

  function flushEarly(): void {
    for (const [id, e] of early) {
      e.timer.cancel();
      early.delete(id);
      e.answered.follow(forward(e.report));
    }
  }

  function onReport(r: SmsvasReport): Wait {
    const g = groups.get(r.messageId);
    if (g) {
      if (r.final) return segmentFinal(g, r);
      return r.messageId === g.ids[0] ? forward(r, g.ref) : undefined;
    }
    // A receipt without a reference may be for a segment of a long message whose other segments are
    // still unanswered (the client learns the reference only when all are): hold it until then.
    // The client may also know the reference already (every segment answered in the same read as a
    // receipt) while this channel has not yet seen the submit's answer: hold those too.
    const mayBeSegment = r.reference === undefined ? longInFlight > 0 : longRefs.has(String(r.reference));
    if (r.final && mayBeSegment && early.size < MAX_EARLY) {
      const answered = createDeferred();
      const before = early.get(r.messageId);
      if (before) {
        // The SMSC sent it again: the copy held first is answered with this one.
        before.timer.cancel();
        before.answered.follow(answered.promise);
      }
      const timer = clock.setTimer(() => {
        if (early.delete(r.messageId)) answered.follow(forward(r));
      }, EARLY_HOLD_MS);
      early.set(r.messageId, { report: r, timer, answered });
      return answered.promise;
    }
    return forward(r);
  }

  function onMo(m: SmsvasMo): Wait {
    const mo: ChannelMo = { gateway: 'smsvas', from: m.source, to: m.destination || null, text: m.text, at: clock.now() };
    return listeners.emit('mo', mo);
  }

  function outcomeOf(out: SubmitOutcome, msg: OutboundMessage): ChannelOutcome {
    if (out.kind === 'timeout') {
      counts.timeouts++;
      return TIMEOUT;
    }
    if (out.kind === 'rejected') {
      counts.rejected++;
      return { kind: 'rejected', reason: out.reason, transient: out.transient, code: out.statusName };
    }
    counts.accepted++;
    if (out.messageIds.length > 1) {
      const g: SegmentGroup = { ref: msg.ref, ids: out.messageIds, finals: new Map() };
      for (const id of g.ids) groups.set(id, g);
      for (const id of g.ids) {
        const held = early.get(id);
        if (!held) continue;
        held.timer.cancel();
        early.delete(id);
        held.answered.follow(segmentFinal(g, held.report));
      }
    }
    return { kind: 'accepted', gatewayIds: out.messageIds };
  }

  const conn = createChannelConnection<SmsvasClient>({
    label: 'SMSVAS',
    enabled: opts.enabled !== false,
    closedError: () => new SmsvasError('SMSVAS_ERR_CLOSED', 'the SMSVAS channel is closed'),
    create() {
      return createSmsvasClient({
        target: opts.target,
        binds: opts.binds ?? 1,
        connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
        clock,
        ...(opts.rng ? { rng: opts.rng } : {}),
        ...(opts.systemType !== undefined ? { systemType: opts.systemType } : {}),
        ...opts.client,
        onReport,
        onMo,
      });
    },
    start: (c) => c.connect(),
  });

  function textOf(c: ComposedContent): string | null {
    if (c.kind === 'sms') return c.text;
    if (c.kind === 'lms' && opts.lmsAsLongSms) return c.subject ? `${c.subject}\n${c.text}` : c.text;
    return null;
  }

  return {
    gateway: 'smsvas',
    carries,
    connect: conn.connect,
    async send(msg) {
      const c = conn.client();
      if (c === null) return conn.unavailable();
      const text = textOf(msg.content);
      if (text === null) return { kind: 'rejected', reason: 'unsupported', transient: false, code: `SMSVAS does not carry ${msg.content.kind}` };
      // Queueing behind binds the SMSC keeps refusing would only hold the message until the engine's
      // timeout; answering at once lets it retry, trip the circuit or fall back without that wait.
      if (c.unreachable()) return { kind: 'unavailable', why: 'SMSVAS has no bind up and re-binding has failed since the last one went down' };
      // data_coding is the client's choice per text: IA5 for ASCII, KS C 5601 when EUC-KR holds it, else
      // UCS-2 — the same rule compose used for `encoding`, so 'ucs2' content goes out as UCS-2.
      const long = text.length > SINGLE_SEGMENT_SAFE;
      if (long) {
        longInFlight++;
        longRefs.add(msg.ref);
      }
      counts.sent++;
      try {
        return outcomeOf(
          await c.submit({
            source: msg.from,
            destination: msg.to,
            text,
            reference: msg.ref,
            ...(msg.validityMs !== undefined ? { validityMs: msg.validityMs } : {}),
            notAfter: msg.notAfter,
          }),
          msg,
        );
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'SMSVAS_ERR_CLOSED' || code === 'SMSVAS_ERR_NOT_CONNECTED') return { kind: 'unavailable', why: (err as Error).message };
        if (code === 'SMSVAS_ERR_UNENCODABLE_TEXT' || code === 'SMSVAS_ERR_TOO_MANY_SEGMENTS') {
          counts.rejected++;
          return { kind: 'rejected', reason: 'invalid-content', transient: false, code };
        }
        throw err;
      } finally {
        if (long) {
          longRefs.delete(msg.ref);
          // Held receipts of this message that made no group (it went out as one segment) go on now.
          for (const [id, e] of early) {
            if (e.report.reference !== msg.ref) continue;
            e.timer.cancel();
            early.delete(id);
            e.answered.follow(forward(e.report));
          }
          if (--longInFlight === 0) flushEarly();
        }
      }
    },
    on: listeners.on,
    stats(): SmsvasChannelStats {
      const s = conn.client()?.stats();
      return { inFlight: s?.inFlight ?? 0, queued: s?.queued ?? 0, ...counts, bindsUp: s?.bindsUp ?? 0, expired: s?.expired ?? 0 };
    },
    async close() {
      await conn.close();
      flushEarly();
    },
  };
}
