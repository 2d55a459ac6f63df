// An RCS simulator on a manual clock whose webhooks are captured instead of posted, driven through
// fastify's inject(): tests see every answer and every webhook with the simulated time it left at.
import { createManualClock, type ManualClock } from '../../../../gateways/kit/clock.ts';
import { parseRcsConfig, type RcsConfigInput } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { createRcsSimulator, type RcsSimulator } from '../../../../gateways/rcs/simulator/rcs-simulator.ts';

export const BOT = '15880000';
export const HOOK = 'http://127.0.0.1:9/hook';
export const T0 = Date.parse('2026-11-20T03:00:00Z');

export interface CapturedWebhook {
  url: string;
  body: any;
  at: number;
}

export interface Harness {
  sim: RcsSimulator;
  clock: ManualClock;
  webhooks: CapturedWebhook[];
  /** Decides each webhook POST's HTTP status (default 200). */
  webhookStatus: (n: number) => number;
  token(clientId?: string, secret?: string): Promise<string>;
  send(body: unknown, opts?: { botId?: string; token?: string }): Promise<{ status: number; body: any }>;
  capability(userContact: string, opts?: { botId?: string; token?: string }): Promise<{ status: number; body: any }>;
  /** Moves simulated time and lets webhook promises settle. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const BASE_CONFIG: RcsConfigInput = {
  accounts: [
    { clientId: 'msgsim', clientSecret: 'secret', bots: [{ botId: BOT }, { botId: '15889999', status: 'paused' }] },
    { clientId: 'tenant2', clientSecret: 'secret2', bots: [{ botId: '15770000' }] },
  ],
  auth: { tokenTtl: '1h' },
  status: { sentDelay: 10, notCapableDelay: 100, displayedShare: 0, displayDelay: 5000 },
  webhook: { maxAttempts: 3, retryDelay: 1000, maxRetryDelay: 60_000, timeout: 1000 },
  behaviour: { version: 1, reports: { outcomes: { delivered: 1 }, delay: 1000 } },
};

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

export function createHarness(overrides: Partial<RcsConfigInput> = {}): Harness {
  const clock = createManualClock(T0);
  const webhooks: CapturedWebhook[] = [];
  const h = {} as Harness;
  h.webhookStatus = () => 200;
  const sim = createRcsSimulator({
    config: parseRcsConfig({ ...BASE_CONFIG, ...overrides }),
    clock,
    seed: 7,
    webhookTransport: async (url, body) => {
      webhooks.push({ url, body: JSON.parse(body), at: clock.now() });
      return h.webhookStatus(webhooks.length);
    },
  });
  sim.setWebhook(BOT, HOOK);
  let cached: string | null = null;
  const bearer = async (token?: string) => token ?? (cached ??= await h.token());

  return Object.assign(h, {
    sim,
    clock,
    webhooks,
    async token(clientId = 'msgsim', secret = 'secret') {
      const res = await sim.app.inject({ method: 'POST', url: '/oauth2/v1/token', payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });
      if (res.statusCode !== 200) throw new Error(`token: ${res.statusCode} ${res.body}`);
      return res.json().access_token as string;
    },
    async send(body: unknown, opts: { botId?: string; token?: string } = {}) {
      const res = await sim.app.inject({
        method: 'POST',
        url: `/rcs/bot/v1/${opts.botId ?? BOT}/messages`,
        headers: { authorization: `Bearer ${await bearer(opts.token)}` },
        payload: body as object,
      });
      return { status: res.statusCode, body: res.json() };
    },
    async capability(userContact: string, opts: { botId?: string; token?: string } = {}) {
      const res = await sim.app.inject({
        method: 'GET',
        url: `/rcs/bot/v1/${opts.botId ?? BOT}/contactCapabilities`,
        query: { userContact },
        headers: { authorization: `Bearer ${await bearer(opts.token)}` },
      });
      return { status: res.statusCode, body: res.json() };
    },
    async advance(ms: number) {
      await settle();
      clock.advance(ms);
      await settle();
    },
    close: () => sim.close(),
  });
}

/** A valid RCS SMS to the given number. */
export function textMessage(userContact: string, text = '안녕하세요', extra: Record<string, unknown> = {}) {
  return { messagebaseId: 'SS000000', messageContact: { userContact }, RCSMessage: { textMessage: text }, ...extra };
}

export function media(height: string, bytes = 100_000, extra: Record<string, unknown> = {}) {
  return { mediaUrl: 'maapfile://f', mediaContentType: 'image/jpeg', mediaFileSize: bytes, height, ...extra };
}

export function standalone(messagebaseId: string, content: Record<string, unknown>, userContact = '01012340001') {
  return {
    messagebaseId,
    messageContact: { userContact },
    RCSMessage: { richcardMessage: { message: { generalPurposeCard: { layout: { cardOrientation: 'VERTICAL' }, content } } } },
  };
}

export function carousel(messagebaseId: string, cardWidth: string, cards: Record<string, unknown>[], userContact = '01012340001') {
  return {
    messagebaseId,
    messageContact: { userContact },
    RCSMessage: { richcardMessage: { message: { generalPurposeCardCarousel: { layout: { cardWidth }, content: cards } } } },
  };
}

export const reply = (displayText: string) => ({ reply: { displayText, postback: { data: displayText } } });
