import { describe, expect, it } from 'vitest';
import { RCS_CHECKS, runRcsConformance } from '../../gateways/rcs/conformance/run-rcs-conformance.ts';
import { RCS_FAST, startRcsConformanceTarget } from './rcs-conformance-target.ts';

type AdminStats = { stats: { bots: Record<string, { webhookUrl: string | null }> } };
const botWebhook = async (adminUrl: string) => ((await (await fetch(`${adminUrl}/admin/stats`)).json()) as AdminStats).stats.bots['15880000'].webhookUrl;

describe('RCS conformance against our simulator', () => {
  it.concurrent('passes every check with the default config, none skipped', { timeout: 60_000 }, async () => {
    const target = await startRcsConformanceTarget();
    try {
      const report = await runRcsConformance({ ...target.options, ...RCS_FAST });
      expect(report.results.map((r) => r.id)).toEqual(RCS_CHECKS.map((c) => c.id));
      expect(report.results.filter((r) => r.status !== 'pass'), JSON.stringify(report.results, null, 1)).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    } finally {
      await target.close();
    }
  });

  it.concurrent('tight-throttle with expectThrottle: the burst is refused only with 429 / 50201, and is refused', { timeout: 60_000 }, async () => {
    const target = await startRcsConformanceTarget('tight-throttle');
    try {
      const report = await runRcsConformance({ ...target.options, ...RCS_FAST, expectThrottle: true, throttleBurst: 50 });
      expect(report.results.filter((r) => r.status !== 'pass'), JSON.stringify(report.results, null, 1)).toEqual([]);
      expect(report.results.find((r) => r.id === 'throttle.burst')?.detail).toMatch(/HTTP 429 code 50201/);
    } finally {
      await target.close();
    }
  });

  it.concurrent('puts the bot webhook back as it was after the run', { timeout: 60_000 }, async () => {
    const target = await startRcsConformanceTarget();
    try {
      const earlier = 'http://127.0.0.1:9/engine-webhook';
      const put = await fetch(`${target.adminUrl}/admin/webhook`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ botId: '15880000', url: earlier }) });
      expect(put.status).toBe(200);
      let during: unknown;
      await runRcsConformance({
        ...target.options,
        ...RCS_FAST,
        only: ['auth.token'],
        registerWebhook: async (url) => {
          const undo = await target.options.registerWebhook!(url);
          during = await botWebhook(target.adminUrl);
          return undo;
        },
      });
      expect(during).toMatch(/\/rcs-conformance\/webhook$/);
      expect(await botWebhook(target.adminUrl)).toBe(earlier);
    } finally {
      await target.close();
    }
  });
});
