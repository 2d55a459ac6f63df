// Where the engine keeps every message it accepted. Two implementations pass one contract suite
// (test/contract/store-contract.ts): createSqliteStore (the default, ./data, WAL, group commit) and
// createMemoryStore (tests). The engine keeps the messages it is working on in memory and writes
// whole records through save(); the store is never read on the hot path except for correlation
// after a restart.
import type { GatewayName } from '../channel.ts';
import type { MessageRecord, MessageState } from '../message.ts';
import type { Template } from '../templates/template.ts';

export interface Store {
  /**
   * Upsert these records (by id) in one transaction; resolves once committed (durable against a
   * process crash: WAL with synchronous=NORMAL, no fsync per message). Calls made in the same tick
   * share one transaction (group commit). Every gateway id of every attempt is indexed for findByGatewayId.
   */
  save(records: readonly MessageRecord[]): Promise<void>;
  get(id: string): Promise<MessageRecord | null>;
  findByIdempotencyKey(tenant: string, key: string): Promise<MessageRecord | null>;
  findByClientRef(tenant: string, clientRef: string, limit: number): Promise<MessageRecord[]>;
  /** The message an attempt with this gateway id belongs to. */
  findByGatewayId(gateway: GatewayName, gatewayId: string): Promise<string | null>;
  /** Non-final records ordered by id, after `afterId` (paging for resume). */
  nonFinal(afterId: string | null, limit: number): Promise<MessageRecord[]>;
  /** Non-final records whose dueAt <= until, ordered by dueAt (scheduled sends coming due). */
  due(until: number, limit: number): Promise<MessageRecord[]>;
  /** Final records whose tenant has not acknowledged the status webhook (resent on resume). */
  unnotified(limit: number): Promise<MessageRecord[]>;
  counts(): Promise<Record<MessageState, number>>;
  saveTemplate(t: Template): Promise<void>;
  getTemplate(tenant: string, id: string): Promise<Template | null>;
  listTemplates(tenant: string): Promise<Template[]>;
  close(): Promise<void>;
}
