// The engine's Channel over the RCS client: RCS text, standalone cards and carousels with buttons, the
// capability query, and status webhooks as reports ("no RCS on this handset" as outcome not-capable,
// the fallback trigger of its own). connect() gets a token, starts the webhook receiver and registers
// its URL with the MaaP where the options say how.
import { createChannelConnection } from '../../../engine/channel-connection.ts';
import { createChannelListeners, type Capability, type Channel, type ChannelMo, type ChannelOutcome, type ChannelReport, type ChannelStats, type OutboundMessage } from '../../../engine/channel.ts';
import type { EngineConfig } from '../../../engine/engine-config.ts';
import type { ComposedContent, RcsButton, RcsCardInput, RcsContentInput } from '../../../engine/message.ts';
import type { Clock } from '../../kit/clock.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import { messagebase, type MessagebaseSpec } from '../codec/messagebase-table.ts';
import { RcsError } from '../rcs-errors.ts';
import type { RcsClientOptions } from './client-options.ts';
import { createRcsClient, type RcsClient, type RcsClientStats, type RcsSubmitOutcome } from './rcs-client.ts';
import type { Media, RcsCard, RcsContent, RcsSubmitMessage, Suggestion } from './rcs-message.ts';
import type { RcsMo, RcsReport } from './rcs-report.ts';

type Section = EngineConfig['gateways']['rcs'];

export type RcsChannelOptions = Pick<Section, 'target'> &
  Partial<Section> & {
    clock: Clock;
    /** The simulator's admin API (e.g. http://127.0.0.1:9082): connect() registers the webhook there (PUT /admin/webhook). */
    adminUrl?: string;
    /** Or register it yourself (an in-process simulator's setWebhook, a carrier portal). */
    registerWebhook?: (url: string, botId: string) => Promise<void> | void;
    /** Bound on the webhook registration request (default 10 s). */
    connectTimeoutMs?: number;
    /** Any other client option (responseTimeoutMs, connections, webhook.publicUrl, ...). */
    client?: Partial<RcsClientOptions>;
  };

export interface RcsChannelStats extends ChannelStats {
  /** Where the MaaP must post status events and MO; null before connect(). */
  webhookUrl: string | null;
  mo: number;
  capability: RcsClientStats['capability'] | null;
  /** Messages never written because their notAfter came while they waited for a token or a connection. */
  expired: number;
}

const TIMEOUT: ChannelOutcome = Object.freeze({ kind: 'timeout' });

export interface RcsChannel extends Channel {
  readonly gateway: 'rcs';
  capability(msisdn: string): Promise<Capability>;
  webhookUrl(): string | null;
  stats(): RcsChannelStats;
}

// The ad marker comes from header "1" and the opt-out line from footer: RCS refuses a body writing either.
const AD_PREFIX = /^\s*[([]?\s*광\s*고\s*[)\]]?\s*/;
const OPT_OUT_LINE = /\s*(?:^|\n)[^\n]*수신\s*거부[^\n\d]*(080-?\d{3,4}-?\d{4})[^\n]*\s*$/;
const MAX_QUICK_EXPIRY_MS = 180_000;

function suggestionOf(b: RcsButton): Suggestion {
  const postback = b.postback !== undefined ? { postback: { data: b.postback } } : {};
  if (b.url !== undefined) return { action: { displayText: b.label, ...postback, urlAction: { openUrl: { url: b.url } } } };
  if (b.dial !== undefined) return { action: { displayText: b.label, ...postback, dialerAction: { dialPhoneNumber: { phoneNumber: b.dial } } } };
  return { reply: { displayText: b.label, postback: { data: b.postback ?? b.label } } };
}

function contentTypeOf(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'gif' ? 'image/gif' : ext === 'mp4' ? 'video/mp4' : 'image/jpeg';
}

function cardOf(c: RcsCardInput, mb: MessagebaseSpec | undefined): RcsCard {
  const card: RcsCard = {};
  if (c.title !== undefined) card.title = c.title;
  if (c.description !== undefined) card.description = c.description;
  if (c.media !== undefined) {
    // The size is not known from a URL; 0 leaves the MaaP's total-media check to the upload step.
    const media: Media = { mediaUrl: c.media.url, mediaContentType: c.media.contentType ?? contentTypeOf(c.media.url), mediaFileSize: 0, height: c.media.height ?? mb?.mediaHeight ?? 'MEDIUM_HEIGHT' };
    card.media = media;
  }
  if (c.buttons && c.buttons.length > 0) card.buttons = c.buttons.map(suggestionOf);
  return card;
}

/** The tenant's RCS input -> text, one card or a carousel, by card count and the messagebase's kind. */
export function rcsContentOf(input: RcsContentInput): { content: RcsContent; chips: Suggestion[] } {
  const mb = messagebase(input.messagebaseId);
  const cards = input.cards ?? [];
  const chips = (input.buttons ?? []).map(suggestionOf);
  if (cards.length === 0) return { content: { kind: 'text', text: input.text ?? '' }, chips };
  if (cards.length > 1) return { content: { kind: 'carousel', cards: cards.map((c) => cardOf(c, mb)) }, chips };
  const only = cards[0];
  // On a text product a card without media is the text (RCS SMS has no title: it leads the text), its buttons chips.
  if (mb?.kind === 'text' && only.media === undefined && (only.title === undefined || mb.titleMax === null)) {
    const body = only.description ?? input.text ?? '';
    const text = only.title === undefined ? body : `${only.title}\n${body}`;
    return { content: { kind: 'text', text }, chips: [...(only.buttons ?? []).map(suggestionOf), ...chips] };
  }
  const card = cardOf(only, mb);
  if (card.description === undefined && input.text !== undefined) card.description = input.text;
  return { content: { kind: 'card', card }, chips };
}

/** Takes the "(광고)" prefix and the opt-out line out of an ad's text; returns the opt-out number found. */
function stripAd(content: RcsContent): string | undefined {
  let optOut: string | undefined;
  const clean = (s: string | undefined, first: boolean): string | undefined => {
    if (s === undefined) return s;
    let out = first ? s.replace(AD_PREFIX, '') : s;
    const m = OPT_OUT_LINE.exec(out);
    if (m) {
      optOut ??= m[1];
      out = out.slice(0, m.index);
    }
    return out;
  };
  if (content.kind === 'text') content.text = clean(content.text, true) ?? '';
  else {
    const cards = content.kind === 'card' ? [content.card] : content.cards;
    cards.forEach((c, i) => {
      c.title = clean(c.title, i === 0);
      c.description = clean(c.description, i === 0 && c.title === undefined);
      if (c.title === undefined) delete c.title;
      if (c.description === undefined) delete c.description;
    });
  }
  return optOut;
}

export function createRcsChannel(opts: RcsChannelOptions): RcsChannel {
  const clock = opts.clock;
  const botId = opts.botId ?? '15880000';
  const carries = new Set<ComposedContent['kind']>(['rcs']);
  const listeners = createChannelListeners();
  const counts = { sent: 0, accepted: 0, rejected: 0, timeouts: 0, reports: 0, mo: 0 };

  // The MaaP's webhook POST is answered once the engine's listener promise resolves (stored), 503 if not.
  function onReport(r: RcsReport): unknown {
    const report: ChannelReport = {
      gateway: 'rcs',
      gatewayId: r.messageId,
      ...(typeof r.reference === 'string' ? { ref: r.reference } : {}),
      outcome: r.event === 'not-capable' ? 'not-capable' : r.outcome,
      final: r.final,
      code: r.code !== null ? String(r.code) : r.event,
      at: clock.now(),
    };
    counts.reports++;
    return listeners.emit('report', report);
  }

  function onMo(m: RcsMo): unknown {
    counts.mo++;
    const from = m.userContact === null ? '' : (normalizeMsisdn(m.userContact) ?? m.userContact);
    const mo: ChannelMo = { gateway: 'rcs', from, to: botId, text: m.text ?? m.postback ?? '', at: clock.now() };
    return listeners.emit('mo', mo);
  }

  async function register(url: string): Promise<void> {
    if (opts.registerWebhook) return void (await opts.registerWebhook(url, botId));
    if (opts.adminUrl === undefined) return;
    const endpoint = `${opts.adminUrl.replace(/\/+$/, '')}/admin/webhook`;
    let res: Response;
    try {
      res = await fetch(endpoint, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ botId, url }),
        signal: AbortSignal.timeout(opts.connectTimeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new RcsError('RCS_ERR_CONFIG', `cannot register the webhook at ${endpoint}: ${(err as Error).message}`);
    }
    if (!res.ok) throw new RcsError('RCS_ERR_CONFIG', `registering the webhook at ${endpoint} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }

  const conn = createChannelConnection<RcsClient>({
    label: 'RCS',
    enabled: opts.enabled !== false,
    closedError: () => new RcsError('RCS_ERR_CLOSED', 'the RCS channel is closed'),
    create() {
      const ttl = opts.capabilityTtl ?? 3_600_000;
      return createRcsClient({
        target: opts.target,
        clientId: opts.clientId ?? 'msgsim',
        clientSecret: opts.clientSecret ?? 'secret',
        botId,
        webhook: { host: opts.webhook?.host ?? '127.0.0.1', port: opts.webhook?.port ?? 0 },
        capabilityTtlMs: ttl,
        notCapableTtlMs: Math.min(ttl, 3_600_000),
        clock,
        ...opts.client,
        onReport,
        onMo,
      });
    },
    async start(c) {
      await c.connect();
      const url = c.webhookUrl();
      if (url !== null && !conn.closed()) await register(url);
    },
  });

  function messageOf(msg: OutboundMessage, input: RcsContentInput): RcsSubmitMessage {
    const { content, chips } = rcsContentOf(input);
    const out: RcsSubmitMessage = { destination: msg.to, messagebaseId: input.messagebaseId, content, reference: msg.ref, notAfter: msg.notAfter };
    if (chips.length > 0) out.chips = chips;
    if (msg.ad) {
      const found = stripAd(content);
      out.header = 'ad';
      const footer = msg.optOut ?? found;
      if (footer !== undefined) out.footer = footer;
    }
    if (msg.validityMs !== undefined && msg.validityMs <= MAX_QUICK_EXPIRY_MS) out.expiryOption = 2;
    return out;
  }

  function outcomeOf(out: RcsSubmitOutcome): ChannelOutcome {
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
    gateway: 'rcs',
    carries,
    connect: conn.connect,
    async send(msg) {
      const c = conn.client();
      if (c === null) return conn.unavailable();
      if (msg.content.kind !== 'rcs') return { kind: 'rejected', reason: 'unsupported', transient: false, code: `RCS does not carry ${msg.content.kind}` };
      counts.sent++;
      try {
        return outcomeOf(await c.submit(messageOf(msg, msg.content.rcs)));
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'RCS_ERR_CLOSED' || code === 'RCS_ERR_NOT_CONNECTED') return { kind: 'unavailable', why: (err as Error).message };
        throw err;
      }
    },
    async capability(msisdn) {
      const c = conn.client();
      if (c === null) return 'unknown';
      try {
        return (await c.capability(msisdn)).kind;
      } catch {
        return 'unknown';
      }
    },
    on: listeners.on,
    webhookUrl: () => conn.client()?.webhookUrl() ?? null,
    stats(): RcsChannelStats {
      const c = conn.client();
      const s = c?.stats();
      return { inFlight: s?.inFlight ?? 0, queued: 0, ...counts, webhookUrl: c?.webhookUrl() ?? null, capability: s?.capability ?? null, expired: s?.expired ?? 0 };
    },
    close: conn.close,
  };
}
