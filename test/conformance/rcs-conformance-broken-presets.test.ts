import { describe, expect, it } from 'vitest';
import { runRcsConformance } from '../../gateways/rcs/conformance/run-rcs-conformance.ts';
import { RCS_FAST, failingChecks, startRcsConformanceTarget } from './rcs-conformance-target.ts';

// Each misbehaving-MaaP preset must fail the run through exactly the checks that name its defect;
// checks that cannot be judged because of it skip and point at the failed check.
const CASES: Array<{ preset: string; fails: string[]; skips?: string[] }> = [
  { preset: 'any-token', fails: ['auth.expired-token', 'auth.garbage-token'] },
  { preset: 'tokens-never-expire', fails: ['auth.expired-token'] },
  { preset: 'ios-capable', fails: ['capability.not-capable'] },
  { preset: 'oversize-carousel', fails: ['limits.buttons', 'limits.carousel-cards', 'limits.title'] },
  {
    preset: 'black-hole',
    fails: ['send.answered'],
    // The limits checks still pass: the simulator validates before its behaviour rules swallow a send.
    skips: ['send.advertisement', 'send.carousel', 'send.chips', 'send.richcard', 'send.text', 'throttle.burst', 'webhook.after-response', 'webhook.final-status', 'webhook.not-capable', 'webhook.shape'],
  },
  { preset: 'no-webhooks', fails: ['webhook.final-status', 'webhook.not-capable'], skips: ['webhook.after-response', 'webhook.shape'] },
  { preset: 'malformed-webhooks', fails: ['webhook.shape'], skips: ['webhook.after-response', 'webhook.final-status', 'webhook.not-capable'] },
  { preset: 'webhook-before-response', fails: ['webhook.after-response'] },
];

describe('RCS conformance against misbehaving MaaP presets', () => {
  for (const c of CASES) {
    it.concurrent(`${c.preset}: fails through ${c.fails.join(', ')}`, { timeout: 90_000 }, async () => {
      const target = await startRcsConformanceTarget(c.preset);
      try {
        const timeoutMs = c.preset === 'black-hole' ? 800 : RCS_FAST.timeoutMs;
        const report = await runRcsConformance({ ...target.options, ...RCS_FAST, timeoutMs, throttleBurst: 50 });
        expect(report.passed).toBe(false);
        expect(failingChecks(report.results), JSON.stringify(report.results.filter((r) => r.status !== 'pass'), null, 1)).toEqual(c.fails);
        const skipped = report.results.filter((r) => r.status === 'skip');
        expect(skipped.map((r) => r.id).sort()).toEqual(c.skips ?? []);
        for (const s of skipped) expect(s.detail).toMatch(/\(see [a-z.-]+\)$/);
        for (const f of report.results.filter((r) => r.status === 'fail')) expect(f.detail).toBeTruthy();
      } finally {
        await target.close();
      }
    });
  }
});
