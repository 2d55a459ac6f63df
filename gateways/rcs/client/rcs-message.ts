// What the engine hands the RCS client: one message to one user, in the terms of the Korean MaaP-FE
// (messagebaseId, header/footer, expiryOption) with GSMA MaaP cards and suggestions from the codec.
// The wire body is built from it in send-body.ts.
import type { Media } from '../codec/richcard-schema.ts';
import type { Suggestion } from '../codec/suggestion-schema.ts';

export type { Media, Suggestion };

export interface RcsCard {
  title?: string;
  description?: string;
  media?: Media;
  /** Buttons on this card. */
  buttons?: Suggestion[];
}

export type RcsContent =
  | { kind: 'text'; text: string }
  | { kind: 'card'; card: RcsCard; orientation?: 'VERTICAL' | 'HORIZONTAL' }
  | { kind: 'carousel'; cards: RcsCard[]; cardWidth?: 'SMALL_WIDTH' | 'MEDIUM_WIDTH' };

export interface RcsSubmitMessage {
  /** Recipient, national (01012340001) or +82 form; sent as +82. */
  destination: string;
  /** Message base (format) id, e.g. SS000000 (SMS), SL000000 (LMS), SMwThT00 (MMS), CMwMhM0300 (carousel). */
  messagebaseId: string;
  content: RcsContent;
  /** Chips under the message (for text products, the product's buttons). */
  chips?: Suggestion[];
  /** 'ad' sends header "1" (shown as "(광고)") and needs an opt-out `footer`. Default 'info'. */
  header?: 'info' | 'ad';
  /** Free opt-out number shown as "무료 수신거부 : {footer}" (080, digits and '-'). */
  footer?: string;
  /** 1 = result may take up to 3 days; 2 = carrier policy time (10 s – 3 min). */
  expiryOption?: 1 | 2;
  copyAllowed?: boolean;
  /** The sender's own id for this message (clientMsgId), echoed in status webhooks. */
  clientMsgId?: string;
  /** Chatbot to send as; default: the client's botId. */
  botId?: string;
  /** Opaque caller data given back on this message's reports. */
  reference?: unknown;
  /**
   * Clock time (epoch ms) from which the caller no longer wants it sent: a request still waiting (for a
   * token, or for a free connection) then is never written and resolves { kind: 'timeout', why: NOT_SENT_LATE }.
   */
  notAfter?: number;
}
