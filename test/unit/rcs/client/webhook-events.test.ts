import { describe, expect, it } from 'vitest';
import { readWebhookBody, readWebhookEvent } from '../../../../gateways/rcs/client/webhook-events.ts';

const status = (s: string, error?: { code: number; message: string }) => ({
  event: 'messageStatus',
  botId: '15880000',
  messageContact: { userContact: '+821012340002' },
  RCSMessage: { msgId: 'm1', status: s, timestamp: '2026-11-21T09:00:00.000+09:00', ...(error ? { error } : {}) },
});

describe('webhook events', () => {
  it('reads a messageStatus with its failure code', () => {
    expect(readWebhookEvent(status('failed', { code: 54002, message: 'No Rcs Capability' }))).toEqual({
      type: 'status',
      messageId: 'm1',
      status: 'failed',
      code: 54002,
      userContact: '+821012340002',
      timestamp: '2026-11-21T09:00:00.000+09:00',
    });
  });

  it('finds the code where other MaaPs put it', () => {
    expect(readWebhookEvent({ ...status('failed'), error: { code: '54001' } })).toMatchObject({ code: 54001 });
    expect(readWebhookEvent({ ...status('failed'), resultCode: 56007 })).toMatchObject({ code: 56007 });
  });

  it('reads a suggestion tap and a free-text message as MO', () => {
    const tap = readWebhookEvent({
      event: 'response',
      botId: 'b',
      messageContact: { userContact: '+821012340001' },
      RCSMessage: { msgId: 'u1', timestamp: 't', suggestedResponse: { response: { reply: { displayText: '예', postback: { data: 'yes' } } } } },
    });
    expect(tap).toMatchObject({ type: 'mo', event: 'response', postback: 'yes', userContact: '+821012340001' });
    const text = readWebhookEvent({ event: 'message', botId: 'b', messageContact: { userContact: '+821012340001' }, RCSMessage: { msgId: 'u2', timestamp: 't', textMessage: '안녕' } });
    expect(text).toMatchObject({ type: 'mo', event: 'message', text: '안녕' });
  });

  it('marks events it cannot use instead of throwing', () => {
    expect(readWebhookEvent('nope').type).toBe('unreadable');
    expect(readWebhookEvent({ event: 'messageStatus', RCSMessage: { status: 'delivered' } }).type).toBe('unreadable');
    expect(readWebhookEvent({ event: 'isTyping' })).toEqual({ type: 'ignored', event: 'isTyping' });
  });

  it('takes one event or an array of them', () => {
    expect(readWebhookBody([status('delivered'), status('displayed')]).map((e) => e.type)).toEqual(['status', 'status']);
    expect(readWebhookBody(status('delivered'))).toHaveLength(1);
  });
});
