// Sending: every message kind a bulk sender uses is accepted with 202 and a msgId, and each Korean
// messagebase or advertising rule broken on purpose is refused with its own KT result code.
import { sendMessageResponseSchema } from '../codec/send-message-schema.ts';
import {
  LONG_TITLE,
  advertisementMessage,
  carouselMessage,
  chipsMessage,
  standaloneMessage,
  textMessage,
} from './conformance-messages.ts';
import { describeAnswer, fail, pass, skip, type CheckContext, type CheckVerdict, type ConformanceCheck } from './conformance-check.ts';
import type { WireAnswer } from './maap-wire.ts';

const noAnswer = (what: string) => skip(`${what} was not answered`, 'send.answered');

type Answered = Extract<WireAnswer, { kind: 'answer' }>;

/** Sends `body` and judges the answer; a send that is not answered points at send.answered. */
function sendCheck(id: string, title: string, clause: string, body: (ctx: CheckContext) => Record<string, unknown>, judge: (a: Answered) => CheckVerdict): ConformanceCheck {
  return {
    id,
    title,
    clause,
    async run(ctx): Promise<CheckVerdict> {
      const a = await ctx.send(body(ctx));
      if (a.kind === 'timeout') return noAnswer('the send');
      if (a.kind !== 'answer') return fail(describeAnswer(a));
      return judge(a);
    },
  };
}

function accepted(id: string, title: string, clause: string, body: (ctx: CheckContext) => Record<string, unknown>): ConformanceCheck {
  return sendCheck(id, title, clause, body, (a) => {
    if (a.status !== 202) return fail(`expected 202 Accepted, got ${describeAnswer(a)}${a.code === null ? `: ${JSON.stringify(a.body).slice(0, 160)}` : ''}`);
    const parsed = sendMessageResponseSchema.safeParse(a.body);
    if (!parsed.success) return fail(`202 body is not { msgId, status: "pending" }: ${JSON.stringify(a.body).slice(0, 160)}`);
    return pass(`msgId ${parsed.data.msgId}`);
  });
}

/** A rule broken on purpose: refused with HTTP 400 and `code` (documented alternatives accepted). */
function refused(id: string, title: string, clause: string, code: number, alternatives: number[], body: (ctx: CheckContext) => Record<string, unknown>): ConformanceCheck {
  return sendCheck(id, title, clause, body, (a) => {
    if (a.status >= 200 && a.status < 300) return fail(`accepted (${describeAnswer(a)}); expected HTTP 400 code ${code}`);
    if (a.status === 400 && a.code === code) return pass(describeAnswer(a));
    if (a.status >= 400 && a.status < 500 && a.code !== null && alternatives.includes(a.code)) return pass(`${describeAnswer(a)}: a documented alternative to ${code}`);
    return fail(`${describeAnswer(a)}; expected HTTP 400 code ${code}`);
  });
}

export const sendChecks: ConformanceCheck[] = [
  {
    id: 'send.answered',
    title: 'a send request is answered (any status) within the response timeout',
    clause: 'GSMA FNW.11 send message (POST …/messages)',
    async run(ctx) {
      const a = await ctx.send(textMessage(ctx.capableContact), { once: true });
      if (a.kind === 'timeout') return fail(`no answer within ${ctx.timeoutMs} ms`);
      if (a.kind !== 'answer') return fail(describeAnswer(a));
      return pass(describeAnswer(a));
    },
  },
  accepted('send.text', 'an RCS SMS (SS000000 textMessage) is accepted with 202 and a msgId', 'GSMA FNW.11 send message (202 Accepted); RCS Biz Center messagebase SS000000', (ctx) => textMessage(ctx.capableContact)),
  accepted('send.chips', 'an RCS LMS (SL000000) with three suggestion chips (reply, openUrl, dialPhoneNumber) is accepted', 'GSMA FNW.11 suggestedChipList; RCS Biz Center messagebase SL000000 (3 buttons)', (ctx) => chipsMessage(ctx.capableContact)),
  accepted('send.richcard', 'a standalone rich card (SMwThM00) with media and two buttons is accepted', 'GSMA FNW.11 generalPurposeCard; RCS Biz Center messagebase SMwThM00', (ctx) => standaloneMessage(ctx.capableContact)),
  accepted('send.carousel', 'a 3-card medium carousel (CMwMhM0300) is accepted', 'GSMA FNW.11 generalPurposeCardCarousel; RCS Biz Center messagebase CMwMhM0300', (ctx) => carouselMessage(ctx.capableContact, 3)),
  accepted('send.advertisement', 'an advertisement (header "1", footer 080 number, expiryOption 2) is accepted', 'KT RCS validation sheet (header/footer); KT relay expiryOption', (ctx) => advertisementMessage(ctx.capableContact)),
  refused('limits.carousel-cards', 'an 8-card carousel on a 6-card messagebase is refused with 55711', 'KT RCS validation sheet (carousel 2–6 cards); KT code sheet MaaP-FE 55711', 55711, [42205], (ctx) => carouselMessage(ctx.capableContact, 8, 'CMwMhM0600')),
  refused('limits.buttons', 'three buttons on an MMS card (at most two) are refused with 55710', 'KT RCS validation sheet (MMS 2 buttons per card); KT code sheet MaaP-FE 55710', 55710, [42048], (ctx) =>
    standaloneMessage(ctx.capableContact, { buttons: [{ reply: { displayText: '하나' } }, { reply: { displayText: '둘' } }, { reply: { displayText: '셋' } }] }),
  ),
  refused('limits.title', 'a 31-character card title (at most 30) is refused with 55708', 'KT RCS validation sheet (MMS title 30); KT code sheet MaaP-FE 55708', 55708, [42042], (ctx) => standaloneMessage(ctx.capableContact, { title: LONG_TITLE })),
  refused('limits.footer-missing', 'an advertisement (header "1") without a footer is refused with 55705', 'KT RCS validation sheet (header 1 needs footer); KT code sheet MaaP-FE 55705', 55705, [], (ctx) => advertisementMessage(ctx.capableContact, { footer: null })),
  refused('limits.ad-prefix', 'a body that starts with "(광고)" itself is refused with 55701', '정보통신망법 §50 as applied to RCS (ad marker only via header 1); KT RCS validation sheet; KT code sheet MaaP-FE 55701', 55701, [55703], (ctx) =>
    advertisementMessage(ctx.capableContact, { text: '(광고) 이번 주 할인 안내' }),
  ),
];
