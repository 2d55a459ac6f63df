import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../../scenarios/runner/message-summary.ts';
import { bucketFor, collectFacts, countState, throughputSeries } from '../../../../scenarios/runner/run-facts.ts';
import { emptyTimeline, type MessageTimeline } from '../../../../scenarios/runner/run-observer.ts';

function timeline(id: string, patch: Partial<MessageTimeline>): MessageTimeline {
  return { ...emptyTimeline(id, 0, 'accepted'), ...patch };
}

function summary(id: string, state: MessageSummary['state'], attempts: Array<Partial<MessageSummary['attempts'][number]>>): MessageSummary {
  return { id, state, attempts: attempts.map((a) => ({ gateway: 'rcs', leg: 0, outcome: 'submitted', gatewayIds: [], startedAt: 0, ...a })) };
}

describe('collectFacts', () => {
  // a: RCS not capable -> MMS via gmmsc, delivered. b: smsvas rejected it. c: never final. d: blocked ad.
  const timelines = new Map([
    ['a', timeline('a', { acceptedAt: 1000, submitted: [{ gateway: 'gmmsc', at: 1500 }], fallbacks: [{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable', at: 1200 }], reports: [{ gateway: 'gmmsc', outcome: 'delivered', final: true, at: 4000 }], final: { state: 'delivered', at: 4000 }, finals: 1 })],
    ['b', timeline('b', { acceptedAt: 2000, final: { state: 'failed', at: 2500, reason: 'invalid-destination' }, finals: 1 })],
    ['c', timeline('c', { acceptedAt: 3000, submitted: [{ gateway: 'smsvas', at: 3100 }] })],
    ['d', timeline('d', { acceptedAt: 3000, intakeState: 'failed', final: { state: 'failed', at: 3000, reason: 'ENGINE_ERR_AD_BLOCKED' }, finals: 1 })],
  ]);
  const summaries = new Map<string, MessageSummary | null>([
    ['a', summary('a', 'delivered', [{ gateway: 'rcs', outcome: 'not-capable', code: 'not-capable' }, { gateway: 'gmmsc', leg: 1, outcome: 'delivered', gatewayIds: ['m1'] }])],
    ['b', summary('b', 'failed', [{ gateway: 'smsvas', outcome: 'rejected', code: 'invalid-destination' }])],
    ['c', summary('c', 'submitted', [{ gateway: 'smsvas', gatewayIds: ['s1'] }])],
    ['d', summary('d', 'failed', [])],
  ]);

  it('counts states by the gateway of the last attempt', () => {
    const f = collectFacts(timelines, summaries);
    expect(f.messages).toBe(4);
    expect(countState(f, 'delivered', 'gmmsc')).toBe(1);
    expect(countState(f, 'failed', 'smsvas')).toBe(1);
    expect(f.states).toContainEqual({ channel: null, state: 'failed', count: 1 });
    expect(f.states).toContainEqual({ channel: 'smsvas', state: 'submitted', count: 1 });
  });

  it('tallies how each gateway answered and the fallbacks taken', () => {
    const f = collectFacts(timelines, summaries);
    expect(f.fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', reason: 'not-capable', count: 1 }]);
    expect(f.gateways.find((g) => g.gateway === 'rcs')).toMatchObject({ accepted: 0, rejected: { 'not-capable': 1 } });
    expect(f.gateways.find((g) => g.gateway === 'gmmsc')).toMatchObject({ accepted: 1, reports: { delivered: 1 } });
    expect(f.gateways.find((g) => g.gateway === 'smsvas')).toMatchObject({ accepted: 1, rejected: { 'invalid-destination': 1 } });
  });

  it('measures intake -> final latency per channel and records when messages were delivered', () => {
    const f = collectFacts(timelines, summaries);
    expect([...(f.latency.get('all') ?? [])].sort((x, y) => x - y)).toEqual([0, 500, 3000]);
    expect(f.latency.get('gmmsc')).toEqual([3000]);
    expect([...f.deliveredTimes]).toEqual([4000]);
    expect([...f.submittedTimes]).toEqual([1500, 3100]);
  });

  it('finds what was lost: not final, not so in the store, accepted twice on one leg', () => {
    const f = collectFacts(timelines, summaries);
    expect([f.notFinal, f.storeDisagrees, f.duplicates, f.blocked, f.held]).toEqual([1, 0, 0, 1, 0]);
    const worse = new Map(summaries);
    worse.set('a', summary('a', 'submitted', [{ gateway: 'gmmsc', leg: 1, gatewayIds: ['m1'] }, { gateway: 'gmmsc', leg: 1, gatewayIds: ['m2'] }]));
    worse.set('b', null);
    const g = collectFacts(timelines, worse);
    expect([g.storeDisagrees, g.duplicates]).toEqual([2, 1]);
  });

  it('takes the span of the streams as the time traffic flows when there are streams', () => {
    expect(collectFacts(timelines, summaries).traffic).toEqual({ from: 1000, to: 3000 });
    expect(collectFacts(timelines, summaries, { from: 0, to: 60_000 }).traffic).toEqual({ from: 0, to: 60_000 });
  });

  it('lets scheduled traffic flow from its send time to the last gateway acceptance', () => {
    expect(collectFacts(timelines, summaries, { from: 1200 }).traffic).toEqual({ from: 1200, to: 3100 });
    // Nothing sent after it: an empty span, not one that ends before it starts.
    expect(collectFacts(timelines, summaries, { from: 5000 }).traffic).toEqual({ from: 5000, to: 5000 });
  });
});

describe('throughput series', () => {
  it('buckets gateway acceptances and deliveries over the simulated span', () => {
    const s = throughputSeries({ submittedTimes: Float64Array.from([0, 500, 1500, 9999]), deliveredTimes: Float64Array.from([2500]) }, 10_000);
    expect(s.bucketMs).toBe(1000);
    expect(s.buckets).toHaveLength(10);
    expect(s.buckets.slice(0, 3)).toEqual([
      { at: 0, submitted: 2, delivered: 0 },
      { at: 1000, submitted: 1, delivered: 0 },
      { at: 2000, submitted: 0, delivered: 1 },
    ]);
    expect(s.buckets[9].submitted).toBe(1);
  });

  it('keeps the number of buckets readable however long the run', () => {
    for (const span of [5_000, 600_000, 3_600_000, 86_400_000]) expect(span / bucketFor(span)).toBeLessThanOrEqual(120);
  });
});
