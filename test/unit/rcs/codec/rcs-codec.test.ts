import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSendMessage, decodeWebhookEvent, kstTimestamp } from '../../../../gateways/rcs/codec/rcs-codec.ts';
import { contentKinds } from '../../../../gateways/rcs/codec/send-message-schema.ts';
import { suggestionSchema } from '../../../../gateways/rcs/codec/suggestion-schema.ts';
import { tokenRequestSchema, encodeTokenForm } from '../../../../gateways/rcs/codec/token-schema.ts';
import { errorBody, errorBodySchema } from '../../../../gateways/rcs/codec/error-body.ts';
import { RCS_RESULT } from '../../../../gateways/rcs/codec/rcs-result-codes.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('send message decoding', () => {
  it('reads a text message with an openUrl chip', () => {
    const r = decodeSendMessage(fixture('send-text.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.messagebaseId).toBe('SS000000');
    expect(contentKinds(r.value.RCSMessage)).toEqual(['textMessage']);
    expect(r.value.RCSMessage.suggestedChipList?.suggestions[0].action?.urlAction?.openUrl.url).toBe('https://example.com/track');
  });

  it('reads a standalone rich card with reply and dial buttons', () => {
    const r = decodeSendMessage(fixture('send-standalone.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const card = r.value.RCSMessage.richcardMessage?.message.generalPurposeCard;
    expect(card?.content.media?.height).toBe('TALL_HEIGHT');
    expect(card?.content.suggestions?.map((s) => s.reply?.postback?.data ?? s.action?.dialerAction?.dialPhoneNumber?.phoneNumber)).toEqual([
      'interested',
      '+8215880000',
    ]);
  });

  it('reads a small carousel with a clipboard action', () => {
    const r = decodeSendMessage(fixture('send-carousel.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.RCSMessage.richcardMessage?.message.generalPurposeCardCarousel?.content).toHaveLength(2);
  });

  it.each([
    ['a non-object body', [1, 2]],
    ['a missing messageContact', { messagebaseId: 'SS000000', RCSMessage: { textMessage: 'x' } }],
    ['a wrong-typed textMessage', { messagebaseId: 'SS000000', messageContact: { userContact: '01012340001' }, RCSMessage: { textMessage: 5 } }],
    ['both card and carousel', { messagebaseId: 'SMwThT00', messageContact: { userContact: '01012340001' }, RCSMessage: { richcardMessage: { message: {} } } }],
    ['an unknown media height', { messagebaseId: 'SMwThT00', messageContact: { userContact: '0' }, RCSMessage: { richcardMessage: { message: { generalPurposeCard: { layout: { cardOrientation: 'VERTICAL' }, content: { media: { mediaUrl: 'x', mediaContentType: 'image/png', mediaFileSize: 1, height: 'HUGE' } } } } } } }],
  ])('answers %s with 55803 and the field path', (_name, body) => {
    const r = decodeSendMessage(body);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.error.code).toBe(55803);
    expect(r.error.error.status).toBe(400);
    expect(errorBodySchema.safeParse(r.error).success).toBe(true);
  });
});

describe('suggestions', () => {
  it('is exactly one of reply or action', () => {
    expect(suggestionSchema.safeParse({ reply: { displayText: 'a' } }).success).toBe(true);
    expect(suggestionSchema.safeParse({}).success).toBe(false);
    expect(suggestionSchema.safeParse({ reply: { displayText: 'a' }, action: { displayText: 'b', urlAction: { openUrl: { url: 'u' } } } }).success).toBe(false);
  });

  it('an action carries exactly one action kind', () => {
    expect(suggestionSchema.safeParse({ action: { displayText: 'a' } }).success).toBe(false);
    const two = { displayText: 'a', urlAction: { openUrl: { url: 'u' } }, clipboardAction: { copyToClipboard: { text: 't' } } };
    expect(suggestionSchema.safeParse({ action: two }).success).toBe(false);
    expect(suggestionSchema.safeParse({ action: { displayText: 'a', composeAction: { composeRecordingMessage: { phoneNumber: '1', type: 'AUDIO' } } } }).success).toBe(true);
  });
});

describe('webhook events', () => {
  it('reads a failed status with its result code', () => {
    const r = decodeWebhookEvent(fixture('webhook-status-failed.json'));
    expect(r.ok && r.value.event === 'messageStatus' && r.value.RCSMessage.error?.code).toBe(54002);
  });

  it('reads a suggestion response naming the tapped message', () => {
    const r = decodeWebhookEvent(fixture('webhook-response.json'));
    expect(r.ok && r.value.event === 'response' && r.value.RCSMessage.replyToMsgId).toBe('m-0001');
  });

  it('refuses a status the gateway never sends', () => {
    const bad = { ...(fixture('webhook-status-failed.json') as object), RCSMessage: { msgId: 'x', status: 'read', timestamp: 't' } };
    expect(decodeWebhookEvent(bad).ok).toBe(false);
  });
});

describe('token and error shapes', () => {
  it('the form the client sends is a valid token request', () => {
    const form = Object.fromEntries(new URLSearchParams(encodeTokenForm('msgsim', 's&c=ret')));
    expect(tokenRequestSchema.parse(form)).toEqual({ grant_type: 'client_credentials', client_id: 'msgsim', client_secret: 's&c=ret' });
  });

  it('an error body carries code, status and name from the table', () => {
    expect(errorBody(RCS_RESULT.TPS_EXCEEDED)).toEqual({ error: { code: 50201, status: 429, name: 'Message TPS Exceeded', message: 'Message TPS Exceeded' } });
  });

  it('timestamps are Korean local time with offset', () => {
    expect(kstTimestamp(Date.parse('2026-11-20T03:00:00Z'))).toBe('2026-11-20T12:00:00.000+09:00');
  });
});
