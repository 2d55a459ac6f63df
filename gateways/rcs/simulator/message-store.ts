// Messages the simulator accepted, for duplicate msgId checks, the status query and webhook timers.
// Bounded: past `retain` the oldest message is forgotten (its pending webhooks still go out).
import type { MessageStatus } from '../codec/send-message-schema.ts';

export interface StoredMessage {
  msgId: string;
  botId: string;
  clientId: string;
  /** As the sender wrote it; webhooks echo it back. */
  userContact: string;
  clientMsgId?: string;
  status: MessageStatus;
}

export interface MessageStore {
  add(m: StoredMessage): void;
  get(botId: string, msgId: string): StoredMessage | undefined;
  has(botId: string, msgId: string): boolean;
  size(): number;
}

export function createMessageStore(retain: number): MessageStore {
  const byKey = new Map<string, StoredMessage>();
  const key = (botId: string, msgId: string) => `${botId}\u0000${msgId}`;
  return {
    add(m) {
      byKey.set(key(m.botId, m.msgId), m);
      if (byKey.size > retain) byKey.delete(byKey.keys().next().value as string);
    },
    get: (botId, msgId) => byKey.get(key(botId, msgId)),
    has: (botId, msgId) => byKey.has(key(botId, msgId)),
    size: () => byKey.size,
  };
}
