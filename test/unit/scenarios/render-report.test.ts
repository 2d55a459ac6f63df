import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../scenarios/report/render-report.ts';
import { esc, formatCount, formatMs, formatOffset, formatPercent } from '../../../scenarios/report/report-format.ts';
import type { ScenarioResult } from '../../../scenarios/report/scenario-result.ts';
import { niceTicks } from '../../../scenarios/report/svg-chart.ts';
import { reportFixture } from './report-fixture.ts';

function emptyResult(over: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name: 'nothing-sent',
    passed: true,
    startedAt: '2026-11-21T00:00:00.000Z',
    durationMs: 10,
    simulatedMs: 0,
    simulatedStart: Date.parse('2026-11-20T20:50:00+09:00'),
    clockSpeed: 1,
    seed: 'msgsim',
    messages: 0,
    states: [],
    fallbacks: [],
    gateways: [],
    throughput: { bucketMs: 1000, buckets: [] },
    latency: [],
    faults: [],
    expectations: [],
    ...over,
  };
}

const charts = (html: string): Array<{ kind: string; empty: string }> =>
  [...html.matchAll(/<svg class="plot" data-chart="([a-z]+)" data-empty="(true|false)"/g)].map((m) => ({ kind: m[1], empty: m[2] }));

describe('renderReport', () => {
  it('escapes every piece of text that comes from a run', () => {
    const evil = '<script>alert("x")</script>';
    const html = renderReport([
      emptyResult({
        name: evil,
        description: `<img src=x onerror=alert(1)> & 'quotes'`,
        source: 'a"b.yaml',
        seed: '<b>',
        error: '</section><iframe>',
        faults: [{ gateway: 'rcs', kind: 'outage', at: 0, until: 1000, detail: '<svg onload=alert(1)>' }],
        expectations: [{ description: '<em>x</em>', expected: '<= 10 s', actual: '"><script>', passed: false }],
        states: [{ channel: 'rcs', state: 'delivered', count: 1 }],
        messages: 1,
        throughput: { bucketMs: 1000, buckets: [{ at: 0, submitted: 1, delivered: 1 }] },
      }),
    ]);
    expect(html).not.toMatch(/<script|<img|<iframe|<em>|<b>|<svg onload/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('&lt;= 10 s');
    expect(esc(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('is self-contained: no script, stylesheet link, font, image or URL to fetch', () => {
    const html = renderReport(reportFixture());
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face|url\(|src=|href="(?!#)/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('draws every chart of every scenario and marks the failed scenario and expectation', () => {
    const results = reportFixture();
    const html = renderReport(results);
    const kinds = charts(html);
    expect(kinds.filter((c) => c.empty === 'true')).toEqual([]);
    for (const kind of ['throughput', 'faults', 'states', 'fallbacks', 'gateways', 'latency']) expect(kinds.some((c) => c.kind === kind)).toBe(true);
    expect(html).toContain('1 of 2 failed');
    expect(html.match(/<tr class="fail"/g)).toHaveLength(1);
    expect(html).toContain('data-passed="false"');
  });

  it('draws an empty run as placeholders, with no NaN or Infinity anywhere', () => {
    const html = renderReport([emptyResult()]);
    expect(charts(html)).toEqual([
      { kind: 'throughput', empty: 'true' },
      { kind: 'faults', empty: 'true' },
      { kind: 'states', empty: 'true' },
      { kind: 'fallbacks', empty: 'true' },
      { kind: 'gateways', empty: 'true' },
    ]);
    expect(html).toContain('No messages were submitted');
    expect(html).toContain('This scenario states no expectations.');
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('draws latency without samples and a throughput of one bucket', () => {
    const html = renderReport([
      emptyResult({
        messages: 3,
        states: [{ channel: 'smsvas', state: 'submitted', count: 3 }],
        throughput: { bucketMs: 60_000, buckets: [{ at: 0, submitted: 3, delivered: 0 }] },
        latency: [{ channel: 'all', count: 0, p50: null, p95: null, p99: null, max: null, histogram: [] }],
      }),
    ]);
    expect(charts(html)).toContainEqual({ kind: 'throughput', empty: 'false' });
    expect(charts(html)).toContainEqual({ kind: 'latency', empty: 'true' });
    expect(html).toContain('3 not final at the end');
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('says when no scenario was run', () => {
    const html = renderReport([]);
    expect(html).toContain('No scenarios were run.');
    expect(html).toContain('no scenarios');
  });
});

describe('report formats', () => {
  it('formats latencies, offsets, counts and shares', () => {
    expect([formatMs(850), formatMs(1234), formatMs(90_000), formatMs(7_560_000), formatMs(null)]).toEqual(['850 ms', '1.23 s', '1.5 min', '2.1 h', '–']);
    expect([formatOffset(0), formatOffset(270_000), formatOffset(3_900_000)]).toEqual(['0:00', '4:30', '1:05:00']);
    expect([formatCount(1234), formatCount(1_202_830), formatCount(0)]).toEqual(['1,234', '1.2M', '0']);
    expect([formatPercent(1, 3), formatPercent(0, 5), formatPercent(5, 5), formatPercent(1, 0), formatPercent(1, 10_000)]).toEqual(['33.3%', '0%', '100%', '–', '<0.1%']);
  });

  it('picks round axis ticks that reach the maximum', () => {
    expect(niceTicks(22_100, 4)).toEqual([0, 10_000, 20_000, 30_000]);
    expect(niceTicks(52, 4)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
