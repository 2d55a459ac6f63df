// The million-message scheduled campaign (scenarios/scheduled-campaign-1m.yaml) through the runner in
// this process on the SQLite store, as `msgsim run --store sqlite` runs it. It is a project of its
// own, run alone after the others by `npm test`: its expectation is a sustained rate, which a machine
// busy with other test files in parallel would not give it. About seven minutes on 2 cores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { gatewayOf, runShipped } from '../e2e/support/run-shipped-scenario.ts';

it('scheduled-campaign-1m.yaml: a million scheduled messages go out at their time, none lost or sent twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-campaign-'));
  try {
    const r = await runShipped('scheduled-campaign-1m.yaml', { store: { sqlite: join(dir, 'campaign.db') } });
    expect(r.messages).toBe(1_000_000);
    // Nothing went out before 10:00, 30 s into the run.
    expect(r.throughput.buckets.filter((b) => b.at < 30_000).reduce((n, b) => n + b.submitted, 0)).toBe(0);
    // Sent exactly once: the SMSC accepted one submit per message.
    expect(gatewayOf(r, 'smsvas')?.accepted).toBe(1_000_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 25 * 60_000);
