// The engine's records: what a tenant asked for (MessageRequest), what compose made of it
// (ComposedContent), and what the store keeps (MessageRecord with its AttemptRecords).
// Data flows one way: intake -> compose -> routing -> dispatch -> reports.
import type { GatewayName } from './channel.ts';

export type ContentKind = 'sms' | 'lms' | 'mms' | 'rcs';
export type Language = 'ko' | 'en' | 'zh' | 'vi' | 'ru';
export type Priority = 'realtime' | 'scheduled';

export interface MediaPart {
  contentType: string; // image/jpeg, image/png, image/gif, audio/..., video/...
  name: string;
  /** base64 bytes. */
  data: string;
}

export interface RcsButton {
  label: string;
  /** Open this URL; or `postback` for a reply button. */
  url?: string;
  postback?: string;
  dial?: string;
}

export interface RcsCardInput {
  title?: string;
  description?: string;
  media?: { url: string; contentType?: string; height?: 'SHORT_HEIGHT' | 'MEDIUM_HEIGHT' | 'TALL_HEIGHT' };
  buttons?: RcsButton[];
}

/** RCS content as a tenant gives it: the message base (product) and text, one card or a carousel. */
export interface RcsContentInput {
  messagebaseId: string;
  text?: string;
  cards?: RcsCardInput[];
  buttons?: RcsButton[];
}

/** What a tenant asked to send to one recipient (a batch is one of these per recipient). */
export interface MessageRequest {
  to: string;
  from: string;
  /** Asked-for type; compose validates it and never trusts it. */
  type?: ContentKind;
  text?: string;
  template?: { id: string; variables: Record<string, string>; language?: Language };
  subject?: string;
  media?: MediaPart[];
  rcs?: RcsContentInput;
  priority: Priority;
  /** Scheduled sends: when (epoch ms). */
  sendAt?: number;
  ad: boolean;
  /** Opt-out number for the ad footer (080...). */
  optOut?: string;
  clientRef?: string;
  idempotencyKey?: string;
  webhookUrl?: string;
}

/** Content composed for one channel kind. */
export type ComposedContent =
  | { kind: 'sms'; text: string; /** 'euc-kr' fits KS C 5601; 'ucs2' when EUC-KR cannot encode it. */ encoding: 'euc-kr' | 'ucs2' }
  | { kind: 'lms'; subject?: string; text: string }
  | { kind: 'mms'; subject?: string; text?: string; media: MediaPart[] }
  | { kind: 'rcs'; rcs: RcsContentInput };

export const MESSAGE_STATES = ['accepted', 'held', 'routed', 'submitted', 'delivered', 'failed', 'expired', 'cancelled'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];
export const FINAL_STATES: ReadonlySet<MessageState> = new Set(['delivered', 'failed', 'expired', 'cancelled']);
export const isFinal = (s: MessageState): boolean => FINAL_STATES.has(s);

/** Why a message moved to the next leg of its route plan. */
export const FALLBACK_TRIGGERS = ['not-capable', 'rejected', 'failed', 'no-report', 'circuit-open', 'unavailable'] as const;
export type FallbackTrigger = (typeof FALLBACK_TRIGGERS)[number];

export type AttemptOutcome =
  | 'pending' // written before the send; a crash leaves it pending (resubmitted on resume, counted as a possible duplicate)
  | 'submitted' // gateway accepted; waiting for a report
  | 'rejected'
  | 'timeout'
  | 'unavailable'
  | 'delivered'
  | 'failed'
  | 'expired'
  | 'not-capable'
  | 'no-report';

export interface AttemptRecord {
  messageId: string;
  /** 1-based, over the whole message (retries and legs). */
  seq: number;
  /** Index of the route-plan leg. */
  leg: number;
  gateway: GatewayName;
  contentKind: ContentKind;
  gatewayIds: string[];
  outcome: AttemptOutcome;
  /** Gateway code or canonical reason. */
  code?: string;
  startedAt: number;
  endedAt?: number;
}

export interface MessageRecord {
  id: string;
  tenant: string;
  request: MessageRequest;
  /** What compose made of the request (at intake); legs may transform it (rcs -> mms). */
  content: ComposedContent;
  state: MessageState;
  /** The final (or current) reason code: canonical reject reason, fallback trigger, or compose/compliance code. */
  reason?: string;
  /** Recipient carrier as the number-portability lookup said. */
  carrier?: string;
  /** Current leg index of the route plan. */
  leg: number;
  /** Legs taken, e.g. ['rcs', 'gmmsc'] with their triggers. */
  fallbacks: Array<{ from: GatewayName; to: GatewayName; trigger: FallbackTrigger }>;
  attempts: AttemptRecord[];
  createdAt: number;
  updatedAt: number;
  /** Next time the engine should act on it (scheduled send, retry, report deadline); null when waiting on nothing. */
  dueAt: number | null;
  /** The tenant's webhook has acknowledged the final status (or there is no webhook). */
  notified: boolean;
}
