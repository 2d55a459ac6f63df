// The SQLite layout of the store and its version (PRAGMA user_version). Columns beside `record` exist
// only to be indexed; the record JSON is the truth and is what every read returns.
import type Database from 'better-sqlite3';
import { EngineError } from '../engine-errors.ts';
import { FINAL_STATES, MESSAGE_STATES } from '../message.ts';

export const SCHEMA_VERSION = 1;

const quoted = (states: Iterable<string>): string => [...states].map((s) => `'${s}'`).join(', ');

// Partial indexes are used only when the query repeats their WHERE term, so both share these strings.
export const NON_FINAL_SQL = `state IN (${quoted(MESSAGE_STATES.filter((s) => !FINAL_STATES.has(s)))})`;
export const FINAL_SQL = `state IN (${quoted(FINAL_STATES)})`;

const SCHEMA_V1 = `
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  state TEXT NOT NULL,
  due_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  client_ref TEXT,
  idempotency_key TEXT,
  notified INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_idempotency ON messages (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX messages_client_ref ON messages (tenant, client_ref) WHERE client_ref IS NOT NULL;
CREATE INDEX messages_non_final ON messages (id) WHERE ${NON_FINAL_SQL};
CREATE INDEX messages_due ON messages (due_at, id) WHERE due_at IS NOT NULL AND ${NON_FINAL_SQL};
CREATE INDEX messages_unnotified ON messages (id) WHERE notified = 0 AND ${FINAL_SQL};
CREATE TABLE gateway_ids (
  gateway TEXT NOT NULL,
  gateway_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  PRIMARY KEY (gateway, gateway_id)
) WITHOUT ROWID;
CREATE TABLE templates (
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (tenant, id)
);
`;

/** Creates the schema in an empty database; refuses a database written by a newer version. */
export function migrate(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) {
    throw new EngineError('ENGINE_ERR_STORE', `${path}: schema version ${version} is newer than this engine's (${SCHEMA_VERSION})`);
  }
  db.transaction(() => {
    db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
