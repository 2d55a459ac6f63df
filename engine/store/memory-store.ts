// The in-memory store for tests and throwaway runs: the same contract as the SQLite store
// (test/contract/store-contract.ts), nothing survives the process. Records are cloned on the way in and
// on the way out, so a caller can never change what is stored by mutating an object it holds.
import type { GatewayName } from '../channel.ts';
import { EngineError } from '../engine-errors.ts';
import { MESSAGE_STATES, isFinal } from '../message.ts';
import type { MessageRecord, MessageState } from '../message.ts';
import type { Template } from '../templates/template.ts';
import type { Store } from './store.ts';

const key = (a: string, b: string) => `${a}\u0000${b}`;
const byId = (a: MessageRecord, b: MessageRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createMemoryStore(): Store {
  // Map order is first-insertion order, which is the order findByClientRef answers in.
  const records = new Map<string, MessageRecord>();
  const byIdem = new Map<string, string>();
  const byClientRef = new Map<string, string[]>();
  const byGatewayId = new Map<string, string>();
  const nonFinalIds = new Set<string>();
  const unnotifiedIds = new Set<string>();
  const templates = new Map<string, Map<string, Template>>();
  let closed = false;

  const closedError = () => new EngineError('ENGINE_ERR_CLOSED', 'the store is closed');
  const clone = <T>(v: T): T => structuredClone(v);
  const read = <T>(fn: () => T): Promise<T> => (closed ? Promise.reject(closedError()) : Promise.resolve(fn()));

  function put(r: MessageRecord): void {
    const isNew = !records.has(r.id);
    records.set(r.id, r);
    if (isNew) {
      const ref = r.request.clientRef;
      if (ref !== undefined) {
        const k = key(r.tenant, ref);
        const ids = byClientRef.get(k);
        if (ids) ids.push(r.id);
        else byClientRef.set(k, [r.id]);
      }
      if (r.request.idempotencyKey !== undefined) byIdem.set(key(r.tenant, r.request.idempotencyKey), r.id);
    }
    for (const a of r.attempts) {
      for (const g of a.gatewayIds) {
        const k = key(a.gateway, g);
        if (!byGatewayId.has(k)) byGatewayId.set(k, r.id);
      }
    }
    if (isFinal(r.state)) nonFinalIds.delete(r.id);
    else nonFinalIds.add(r.id);
    if (isFinal(r.state) && !r.notified) unnotifiedIds.add(r.id);
    else unnotifiedIds.delete(r.id);
  }

  /** A tenant's idempotency key names one message; a second message claiming it is refused, as SQLite's unique index does. */
  function conflict(batch: MessageRecord[]): string | null {
    const claimed = new Map<string, string>();
    for (const r of batch) {
      const k = r.request.idempotencyKey;
      if (k === undefined) continue;
      const ik = key(r.tenant, k);
      const owner = claimed.get(ik) ?? byIdem.get(ik);
      if (owner !== undefined && owner !== r.id) return `idempotency key ${k} of tenant ${r.tenant} already belongs to ${owner}`;
      claimed.set(ik, r.id);
    }
    return null;
  }

  const pick = (ids: Iterable<string>, keep: (r: MessageRecord) => boolean): MessageRecord[] => {
    const out: MessageRecord[] = [];
    for (const id of ids) {
      const r = records.get(id)!;
      if (keep(r)) out.push(r);
    }
    return out;
  };

  return {
    save(batch) {
      if (closed) return Promise.reject(closedError());
      let copies: MessageRecord[];
      try {
        copies = batch.map(clone);
      } catch (e) {
        return Promise.reject(new EngineError('ENGINE_ERR_STORE', `a record cannot be stored: ${(e as Error).message}`, { cause: e }));
      }
      const why = conflict(copies);
      if (why) return Promise.reject(new EngineError('ENGINE_ERR_STORE', `saving messages failed: ${why}`));
      for (const r of copies) put(r);
      return Promise.resolve();
    },
    get: (id) => read(() => (records.has(id) ? clone(records.get(id)!) : null)),
    findByIdempotencyKey: (tenant, k) =>
      read(() => {
        const id = byIdem.get(key(tenant, k));
        return id === undefined ? null : clone(records.get(id)!);
      }),
    findByClientRef: (tenant, ref, limit) => read(() => (byClientRef.get(key(tenant, ref)) ?? []).slice(0, Math.max(0, limit)).map((id) => clone(records.get(id)!))),
    findByGatewayId: (gateway: GatewayName, gatewayId) => read(() => byGatewayId.get(key(gateway, gatewayId)) ?? null),
    nonFinal: (afterId, limit) =>
      read(() =>
        pick(nonFinalIds, (r) => afterId === null || r.id > afterId)
          .sort(byId)
          .slice(0, Math.max(0, limit))
          .map(clone),
      ),
    due: (until, limit) =>
      read(() =>
        pick(nonFinalIds, (r) => r.dueAt !== null && r.dueAt <= until)
          .sort((a, b) => a.dueAt! - b.dueAt! || byId(a, b))
          .slice(0, Math.max(0, limit))
          .map(clone),
      ),
    unnotified: (limit) =>
      read(() =>
        pick(unnotifiedIds, () => true)
          .sort(byId)
          .slice(0, Math.max(0, limit))
          .map(clone),
      ),
    counts: () =>
      read(() => {
        const out = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as Record<MessageState, number>;
        for (const r of records.values()) out[r.state]++;
        return out;
      }),
    saveTemplate: (t) =>
      read(() => {
        let forTenant = templates.get(t.tenant);
        if (!forTenant) templates.set(t.tenant, (forTenant = new Map()));
        forTenant.set(t.id, clone(t));
      }),
    getTemplate: (tenant, id) => read(() => clone(templates.get(tenant)?.get(id) ?? null)),
    listTemplates: (tenant) =>
      read(() =>
        [...(templates.get(tenant)?.values() ?? [])]
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map(clone),
      ),
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
