import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../engine/store/sqlite-store.ts';
import type { Store } from '../../engine/store/store.ts';
import { T0, makeRecord } from './fixtures/store-records.ts';

describe('sqlite store under a steady stream of saves', () => {
  let dir = '';
  let store: Store | null = null;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a read once what was saved before it is committed, while saves keep coming', async () => {
    dir = mkdtempSync(join(tmpdir(), 'msgsim-store-busy-'));
    store = createSqliteStore({ path: join(dir, 'msgsim.db') });
    const s = store;
    await s.save([makeRecord('due-1', { dueAt: T0 })]);
    let n = 0;
    // Saves every turn of the event loop (one record, or 500 so that each commit takes several turns):
    // the store is never idle while the read waits. Each read must answer within a second.
    for (const perTurn of [1, 1, 1, 500, 500, 500]) {
      let answered: string[] | null = null;
      const read = s.due(T0, 10).then((rs) => (answered = rs.map((r) => r.id)));
      const started = Date.now();
      while (answered === null && Date.now() - started < 1000) {
        void s.save(Array.from({ length: perTurn }, () => makeRecord(`busy-${n++}`)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await read;
      expect(answered).toEqual(['due-1']);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });
});
