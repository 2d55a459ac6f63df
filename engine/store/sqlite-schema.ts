// The SQLite layout of the store, its version (PRAGMA user_version) and the connection settings.
// Columns beside `record` exist only to be indexed; the record JSON is the truth every read returns.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EngineError } from '../engine-errors.ts';

export const SCHEMA_VERSION = 1;

// `active` (1 while the state is not final) stands in for the state in the partial indexes: SQLite
// evaluates an index's WHERE on every update of a column it names, and `state IN (...)` costs ~4 µs
// per row there against next to nothing for an integer comparison. Queries repeat these terms
// verbatim, as a partial index is used only when the query's WHERE implies the index's.
export const NON_FINAL_SQL = 'active = 1';
export const FINAL_SQL = 'active = 0';

const SCHEMA_V1 = `
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  state TEXT NOT NULL,
  active INTEGER NOT NULL,
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

/** Settings of the writing connection (the writer thread's). */
export const WRITER_PRAGMAS = [
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  'cache_size = -65536', // 64 MiB: keeps the index pages hot under a steady write load
  'journal_size_limit = 67108864',
];

/** Opens the reading connection (creating the file and its directory) and brings the schema up to date. */
export function openDatabase(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, path);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
