// The one path every intake interface takes into the engine (HTTP API today; file, DB-to-DB and TCP
// intake reuse it). submit() validates the whole set first, then stores it durably and only then
// answers: an item is "accepted" only once it is committed.
import type { Tenant } from '../engine-config.ts';
import type { MessageRecord, MessageRequest } from '../message.ts';

/** A validation error naming the field, e.g. { field: 'recipients[17].to', code: 'ENGINE_ERR_BAD_NUMBER' }. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export type SubmitResult =
  | { ok: true; items: Array<{ id: string; state: MessageRecord['state']; duplicate: boolean }> }
  | { ok: false; errors: FieldError[] };

export type CancelResult = { kind: 'cancelled'; record: MessageRecord } | { kind: 'not-found' } | { kind: 'too-late'; record: MessageRecord };

export interface Intake {
  /**
   * Accept requests for one tenant. `fieldPrefix(i)` names item i in errors ('' for a single message,
   * 'recipients[i].' for a batch). Returns errors and accepts nothing when any item is invalid.
   */
  submit(tenant: Tenant, requests: readonly MessageRequest[], fieldPrefix: (i: number) => string): Promise<SubmitResult>;
  get(tenant: Tenant, id: string): Promise<MessageRecord | null>;
  cancel(tenant: Tenant, id: string): Promise<CancelResult>;
  /** The tenant's messages carrying this clientRef, oldest first, at most `limit` (GET /v1/messages?clientRef=). */
  findByClientRef(tenant: Tenant, clientRef: string, limit: number): Promise<MessageRecord[]>;
}
