import { describe, expect, it } from 'vitest';
import type { GatewayName } from '../../../../engine/channel.ts';
import type { Expectations } from '../../../../scenarios/scenario-expect-schema.ts';
import { expectSchema } from '../../../../scenarios/scenario-expect-schema.ts';
import { evaluateExpectations, lowestHourlyRate } from '../../../../scenarios/runner/expectations.ts';
import type { RunFacts } from '../../../../scenarios/runner/run-facts.ts';

/** 100 messages: 90 delivered (60 rcs, 30 gmmsc), 6 failed on xroshot, 4 expired on gmmsc. */
function facts(over: Partial<RunFacts> = {}): RunFacts {
  return {
    messages: 100,
    states: [
      { channel: 'rcs', state: 'delivered', count: 60 },
      { channel: 'gmmsc', state: 'delivered', count: 30 },
      { channel: 'xroshot', state: 'failed', count: 6 },
      { channel: 'gmmsc', state: 'expired', count: 4 },
    ],
    fallbacks: [
      { from: 'rcs', to: 'gmmsc', reason: 'not-capable', count: 25 },
      { from: 'rcs', to: 'gmmsc', reason: 'no-report', count: 9 },
    ],
    gateways: [],
    latency: new Map<GatewayName | 'all', number[]>([
      ['all', Array.from({ length: 100 }, (_, i) => (i + 1) * 100)],
      ['gmmsc', [1000, 2000, 3000, 4000]],
    ]),
    // One message accepted by a gateway every second from 0 to 600 s; delivered at the same pace from 2 s.
    submittedTimes: Float64Array.from({ length: 600 }, (_, i) => i * 1000),
    deliveredTimes: Float64Array.from({ length: 600 }, (_, i) => 2000 + i * 1000),
    traffic: { from: 0, to: 600_000 },
    notFinal: 0,
    storeDisagrees: 0,
    duplicates: 0,
    held: 3,
    blocked: 0,
    ...over,
  };
}

const judge = (expect: unknown, f: RunFacts = facts()) => evaluateExpectations(expectSchema.parse(expect) as Expectations, f);

describe('evaluateExpectations', () => {
  it('checks final states by channel with count bounds, and says what was expected and what happened', () => {
    const rows = judge({ finalStates: [{ channel: 'gmmsc', state: 'delivered', min: 30 }, { channel: 'rcs', state: 'delivered', count: 61 }, { state: 'failed', max: 5 }] });
    expect(rows).toEqual([
      { description: 'delivered through gmmsc', expected: 'count >= 30', actual: '30', passed: true },
      { description: 'delivered through rcs', expected: 'count = 61', actual: '60', passed: false },
      { description: 'failed (any channel)', expected: 'count <= 5', actual: '6', passed: false },
    ]);
  });

  it('checks a final state as a share of all messages', () => {
    const [ok, bad] = judge({ finalStates: [{ state: 'delivered', ratio: { min: 0.9 } }, { state: 'expired', ratio: { max: 0.03 } }] });
    expect(ok).toMatchObject({ expected: 'share >= 90.0%', actual: '90.0% (90 of 100)', passed: true });
    expect(bad).toMatchObject({ description: 'expired (any channel)', expected: 'share <= 3.0%', actual: '4.0% (4 of 100)', passed: false });
  });

  it('counts fallbacks by route and, when given, by trigger', () => {
    const rows = judge({ fallbacks: [{ from: 'rcs', to: 'gmmsc', min: 30 }, { from: 'rcs', to: 'gmmsc', reason: 'not-capable', min: 30 }, { from: 'smsvas', to: 'xroshot', max: 0 }] });
    expect(rows.map((r) => [r.description, r.expected, r.actual, r.passed])).toEqual([
      ['rcs -> gmmsc fallbacks', 'count >= 30', '34', true],
      ['rcs -> gmmsc fallbacks (not-capable)', 'count >= 30', '25', false],
      ['smsvas -> xroshot fallbacks', 'count <= 0', '0', true],
    ]);
  });

  it('checks the delivery ratio, and fails it when nothing was sent', () => {
    expect(judge({ deliveryRatio: { min: 0.9 } })[0]).toEqual({ description: 'delivery ratio', expected: '>= 90.0%', actual: '90.0% (90 of 100)', passed: true });
    expect(judge({ deliveryRatio: { min: 0.95 } })[0]).toMatchObject({ expected: '>= 95.0%', actual: '90.0% (90 of 100)', passed: false });
    expect(judge({ deliveryRatio: { min: 0.5 } }, facts({ messages: 0, states: [] }))[0]).toMatchObject({ actual: 'no messages', passed: false });
  });

  it('checks latency percentiles per channel and fails a channel nothing finished through', () => {
    const rows = judge({ latency: { all: { p50: '5s', p95: '9s' }, gmmsc: { p99: '3s' }, xroshot: { p95: '1m' } } });
    expect(rows.map((r) => [r.description, r.expected, r.actual, r.passed])).toEqual([
      ['p50 latency (all channels)', '<= 5 s', '5 s (100 messages)', true],
      ['p95 latency (all channels)', '<= 9 s', '9.5 s (100 messages)', false],
      ['gmmsc p99 latency', '<= 3 s', '4 s (4 messages)', false],
      ['xroshot p95 latency', '<= 1 min', 'no message finished through xroshot', false],
    ]);
  });

  it('checks the sustained hourly throughput over every full window while traffic flows', () => {
    // One per second is 3,600 an hour in every window.
    expect(judge({ throughput: { perHour: 3500, over: '5m', of: 'submitted' } })[0]).toEqual({
      description: 'throughput (submitted) over every 5 min window',
      expected: '>= 3,500 / h',
      actual: 'lowest 3,600 / h (window from 0:00)',
      passed: true,
    });
    // Deliveries start 2 s late, so the first window falls short of 3,600.
    const delivered = judge({ throughput: { perHour: 3600, over: '1m' } })[0];
    expect(delivered).toMatchObject({ description: 'throughput (delivered) over every 1 min window', actual: 'lowest 3,480 / h (window from 0:00)', passed: false });
  });

  it('fails throughput when traffic flowed for less than one window', () => {
    const row = judge({ throughput: { perHour: 10, over: '20m' } })[0];
    expect(row).toMatchObject({ actual: 'traffic flowed for 10 min, less than one window', passed: false });
  });

  it('finds a dip in the middle of the traffic', () => {
    const times = Float64Array.from([...Array.from({ length: 100 }, (_, i) => i * 1000), ...Array.from({ length: 100 }, (_, i) => 200_000 + i * 1000)]);
    const dip = lowestHourlyRate(times, 0, 300_000, 60_000);
    expect(dip?.perHour).toBe(0);
    expect(dip?.at).toBeGreaterThanOrEqual(99_000);
    expect(dip?.at).toBeLessThanOrEqual(140_000);
    expect(lowestHourlyRate(times, 0, 50_000, 60_000)).toBeNull();
  });

  it('holds nothing lost to every message final, the store agreeing and no second send', () => {
    expect(judge({ noMessageLost: true })[0]).toEqual({
      description: 'no message lost',
      expected: 'every accepted message final (store agrees), none sent twice',
      actual: '100 final, 0 not final, 0 not so in the store, 0 sent twice',
      passed: true,
    });
    for (const bad of [{ notFinal: 2 }, { storeDisagrees: 1 }, { duplicates: 1 }]) {
      expect(judge({ noMessageLost: true }, facts(bad))[0].passed).toBe(false);
    }
    expect(judge({ noMessageLost: true }, facts({ notFinal: 2, duplicates: 1 }))[0].actual).toBe('98 final, 2 not final, 0 not so in the store, 1 sent twice');
    expect(judge({ noMessageLost: false })).toEqual([]);
  });

  it('counts ad messages held and blocked by the night window', () => {
    const rows = judge({ compliance: { held: { min: 1 }, blocked: 1 } });
    expect(rows).toEqual([
      { description: 'ad messages held for the night window', expected: 'count >= 1', actual: '3', passed: true },
      { description: 'ad messages blocked in the night window', expected: 'count = 1', actual: '0', passed: false },
    ]);
  });

  it('states no expectation for an empty expect section', () => {
    expect(judge({})).toEqual([]);
  });
});
