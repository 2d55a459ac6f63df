// How records reach the messages table: each is turned into a row once, when save() is called (its
// JSON taken then, so later mutation by the caller changes nothing), and a batch of rows is written
// in one transaction by multi-row upserts, which cost ~20% less per row than one statement per row.
import type Database from 'better-sqlite3';
import { isFinal } from '../message.ts';
import type { MessageRecord, MessageState } from '../message.ts';

/** One record as it will be written: index columns, its JSON and its gateway ids (pairs flattened). */
export interface Row {
  id: string;
  tenant: string;
  state: MessageState;
  active: number;
  dueAt: number | null;
  createdAt: number;
  updatedAt: number;
  clientRef: string | null;
  idempotencyKey: string | null;
  notified: number;
  json: string;
  gatewayIds: string[];
}

export function toRow(r: MessageRecord): Row {
  const gatewayIds: string[] = [];
  for (const a of r.attempts) for (const g of a.gatewayIds) gatewayIds.push(a.gateway, g);
  return {
    id: r.id,
    tenant: r.tenant,
    state: r.state,
    active: isFinal(r.state) ? 0 : 1,
    dueAt: r.dueAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    clientRef: r.request.clientRef ?? null,
    idempotencyKey: r.request.idempotencyKey ?? null,
    notified: r.notified ? 1 : 0,
    json: JSON.stringify(r),
    gatewayIds,
  };
}

const ROWS_PER_STATEMENT = 16;
const COLUMNS = 11;

// Tenant, creation time, clientRef and idempotency key come from the request and never change, so
// an update leaves their columns, and the two indexes over them, alone.
const upsertSql = (rows: number) =>
  `INSERT INTO messages (id, tenant, state, active, due_at, created_at, updated_at, client_ref, idempotency_key, notified, record)
   VALUES ${Array.from({ length: rows }, () => `(${Array(COLUMNS).fill('?').join(', ')})`).join(', ')}
   ON CONFLICT (id) DO UPDATE SET state = excluded.state, active = excluded.active, due_at = excluded.due_at,
     updated_at = excluded.updated_at, notified = excluded.notified, record = excluded.record`;

/** Returns a function writing rows in one transaction (rolled back whole if any row fails). */
export function createRowWriter(db: Database.Database): (rows: Iterable<Row>) => void {
  const upsertOne = db.prepare(upsertSql(1));
  const upsertMany = db.prepare(upsertSql(ROWS_PER_STATEMENT));
  const insertGatewayId = db.prepare('INSERT OR IGNORE INTO gateway_ids (gateway, gateway_id, message_id) VALUES (?, ?, ?)');
  const params: unknown[] = [];

  const push = (r: Row) =>
    params.push(r.id, r.tenant, r.state, r.active, r.dueAt, r.createdAt, r.updatedAt, r.clientRef, r.idempotencyKey, r.notified, r.json);

  return db.transaction((rows: Iterable<Row>) => {
    params.length = 0;
    try {
      let inStatement = 0;
      for (const r of rows) {
        push(r);
        if (++inStatement === ROWS_PER_STATEMENT) {
          upsertMany.run(params);
          params.length = 0;
          inStatement = 0;
        }
        const g = r.gatewayIds;
        for (let i = 0; i < g.length; i += 2) insertGatewayId.run(g[i], g[i + 1], r.id);
      }
      for (let i = 0; i < params.length; i += COLUMNS) upsertOne.run(params.slice(i, i + COLUMNS));
    } finally {
      params.length = 0; // drop the references to the JSON strings
    }
  });
}
