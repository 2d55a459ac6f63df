// A tiny load profile against the in-process stack (network, NP API, four simulators, engine on a
// temporary SQLite store): the result's shape, every message of every 2xx answer in a final state,
// and the command's exit code. Nothing here judges speed: the targets are either trivially met or
// impossible.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoadCommand } from '../../load/load-command.ts';
import { parseLoadProfile } from '../../load/read-load-profile.ts';
import { runLoadProfile, type LoadResult } from '../../load/run-load-profile.ts';
import { startLocalStack } from '../../load/start-local-stack.ts';

const FINAL = new Set(['delivered', 'failed', 'expired', 'cancelled']);

const tinyProfile = (sustainedPerHour: number): string => `name: tiny
description: a few seconds of every content kind
drainTimeout: 60s
phases:
  - name: warm-up
    duration: 1s
    connections: 1
    rate: 20
    measure: false
    request: { kind: single, recipients: { onNet: 0.5 } }
  - name: batches
    duration: 3s
    connections: 2
    rate: 20
    request:
      kind: batch
      batchSize: 50
      mix: { sms: 0.4, lms: 0.2, mms: 0.2, rcs: 0.2 }
      recipients: { onNet: 0.5 }
      mediaBytes: 2000
targets:
  sustainedPerHour: ${sustainedPerHour}
  intakeP99Ms: 60000
  errors: 1
`;

const dir = mkdtempSync(join(tmpdir(), 'msgsim-load-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function statesOf(url: string, apiKey: string, ids: readonly string[]): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++];
      const res = await fetch(`${url}/v1/messages/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
      states.set(id, res.ok ? ((await res.json()) as { state: string }).state : `HTTP ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return states;
}

describe('load profile against the in-process stack', () => {
  it('reports every phase and brings every message of every 2xx answer to a final state', async () => {
    const profile = parseLoadProfile(tinyProfile(1), 'tiny.yaml');
    const stack = await startLocalStack({ apiKey: profile.apiKey, seed: 'load-e2e' });
    try {
      const ids: string[] = [];
      const result: LoadResult = await runLoadProfile(profile, { stack, onAccepted: (batch) => ids.push(...batch) });

      expect(result).toMatchObject({ profile: 'tiny', local: true, passed: true });
      expect(result.machine.loadAverage).toHaveLength(3);
      expect(result.phases.map((p) => [p.name, p.measured, p.kind, p.batchSize])).toEqual([
        ['warm-up', false, 'single', 1],
        ['batches', true, 'batch', 50],
      ]);
      const batches = result.phases[1];
      expect(batches.requests.ok).toBeGreaterThan(0);
      expect(batches.accepted.messages).toBe(batches.requests.ok * 50);
      expect(batches.latencyMs.p99).toBeGreaterThanOrEqual(batches.latencyMs.p50);
      expect(Object.values(batches.mix).reduce((a, b) => a + b, 0) % 50).toBe(0);
      expect(result.measured.acceptedMessages).toBe(batches.accepted.messages);
      expect(result.targets.map((t) => t.name)).toEqual(['accepted/hour', 'delivered/hour', 'intake p99 ms', 'error ratio']);
      expect(result.timeline.length).toBeGreaterThan(0);

      const answered = result.phases.reduce((a, p) => a + p.accepted.messages, 0);
      expect(ids).toHaveLength(answered);
      expect(new Set(ids).size).toBe(ids.length);
      const d = result.delivery!;
      expect(d).toMatchObject({ source: 'engine', drained: true, backlogAtEnd: 0 });
      expect(d.accepted).toBeGreaterThanOrEqual(answered);
      expect(d.final).toBe(d.accepted);

      const states = await statesOf(stack.url, stack.apiKey, ids);
      const notFinal = [...states].filter(([, s]) => !FINAL.has(s));
      expect(notFinal).toEqual([]);
    } finally {
      await stack.stop();
    }
  });

  it('exits 1 when a target is missed and 0 when every target is met', async () => {
    const run = async (sustainedPerHour: number): Promise<{ code: number; result: LoadResult }> => {
      const file = join(dir, `tiny-${sustainedPerHour}.yaml`);
      writeFileSync(file, tinyProfile(sustainedPerHour));
      let code = -1;
      let out = '';
      const cmd = createLoadCommand({ out: (t) => (out += t), err: () => {}, setExitCode: (c) => (code = c) });
      await cmd.parseAsync([file, '--json', '--quiet', '--duration', '1s'], { from: 'user' });
      return { code, result: JSON.parse(out) as LoadResult };
    };
    const impossible = await run(1e15);
    expect(impossible.code).toBe(1);
    expect(impossible.result.passed).toBe(false);
    expect(impossible.result.targets.filter((t) => !t.passed).map((t) => t.name)).toEqual(['accepted/hour', 'delivered/hour']);
    expect(impossible.result.phases.every((p) => p.durationMs < 3000)).toBe(true);

    const easy = await run(1);
    expect(easy.code).toBe(0);
    expect(easy.result.passed).toBe(true);
  });
});
