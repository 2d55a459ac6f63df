import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS } from '../../../../gateways/network/known-subscribers.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import { parseScenario } from '../../../../scenarios/load-scenario.ts';
import { createRecipientPicker, selectorMatches } from '../../../../scenarios/runner/recipient-mix.ts';
import { createTrafficScheduler, streamTotal, type Submission } from '../../../../scenarios/runner/traffic-scheduler.ts';

const START = Date.parse('2026-11-20T10:00:00+09:00');
const network = loadNetwork();

function setup(traffic: string, opts: { maxBatch?: number; tickMs?: number } = {}) {
  const scenario = parseScenario(`version: 1\nname: t\nclock: { start: 2026-11-20T10:00:00+09:00 }\ntraffic:\n${traffic}`);
  const clock = createManualClock(START);
  const made: Submission[] = [];
  const errors: string[] = [];
  const scheduler = createTrafficScheduler({
    clock,
    start: START,
    steps: scenario.traffic,
    rng: createRng('sched'),
    picker: (mix, rng) => createRecipientPicker({ network, mix, rng }),
    submit: async (s) => {
      made.push(s);
    },
    onError: (step, err) => errors.push(`${step}: ${(err as Error).message}`),
    ...opts,
  });
  let done = false;
  void scheduler.done.then(() => (done = true));
  scheduler.start();
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { clock, made, errors, scheduler, isDone: () => done, settle, scenario };
}

describe('traffic scheduler on a manual clock', () => {
  it('submits each step at its offset on the scenario clock, not before', async () => {
    const t = setup(`  - send: { at: 0s, to: ktIos, text: a }\n  - send: { at: 90s, to: sktAndroid, text: b }\n  - batch: { at: 2m, recipients: [ktAndroidRcs, lguIos], text: c }\n`);
    expect(t.made.map((s) => [s.at, s.kind, s.recipients])).toEqual([]);
    t.clock.advance(0);
    expect(t.made.map((s) => [s.at, s.kind, s.recipients])).toEqual([[0, 'send', [KNOWN_SUBSCRIBERS.ktIos]]]);
    t.clock.advance(89_999);
    expect(t.made).toHaveLength(1);
    t.clock.advance(1);
    expect(t.made[1]).toMatchObject({ at: 90_000, kind: 'send', recipients: [KNOWN_SUBSCRIBERS.sktAndroid] });
    t.clock.advance(30_000);
    expect(t.made[2]).toMatchObject({ at: 120_000, kind: 'batch', recipients: [KNOWN_SUBSCRIBERS.ktAndroidRcs, KNOWN_SUBSCRIBERS.lguIos] });
    expect(t.made[2].content).toMatchObject({ text: 'c', from: '15880000', kind: 'realtime', ad: false });
    await t.settle();
    expect(t.isDone()).toBe(true);
    expect(t.scheduler.endsAt).toBe(120_000);
  });

  it('splits a generated batch into requests of at most maxBatch recipients, drawn from its mix', () => {
    const t = setup(`  - batch: { at: 1s, recipients: { count: 25, mix: [ { carrier: SKT, weight: 1 } ] }, text: hi }\n`, { maxBatch: 10 });
    t.clock.advance(1000);
    expect(t.made.map((s) => s.recipients.length)).toEqual([10, 10, 5]);
    for (const n of t.made.flatMap((s) => s.recipients)) expect(network.lookup(n)?.carrier).toBe('SKT');
    expect(t.scheduler.submitted()).toBe(25);
  });

  it('sends a scheduled step at once, asking the engine to send it at sendAt', () => {
    const t = setup(`  - scheduled: { at: 10s, sendAt: 30m, recipients: [ktIos], text: later }\n`);
    t.clock.advance(10_000);
    expect(t.made[0].content).toMatchObject({ kind: 'scheduled', sendAt: new Date(START + 30 * 60_000).toISOString() });
  });

  it('paces a stream at its simulated rate until its end, with the content mix in proportion', async () => {
    const t = setup(
      `  - stream:\n      at: 1m\n      for: 10s\n      rate: 200\n      mix:\n        recipients: [ { carrier: KT, device: android, weight: 1 } ]\n        content: [ { type: sms, weight: 3 }, { type: rcs, weight: 1 } ]\n`,
      { tickMs: 100 },
    );
    const count = () => t.made.reduce((a, s) => a + s.recipients.length, 0);
    t.clock.advance(60_000);
    expect(count()).toBe(0);
    t.clock.advance(1000);
    expect(count()).toBe(200);
    t.clock.advance(4000);
    expect(count()).toBe(1000);
    expect(t.isDone()).toBe(false);
    t.clock.advance(5000);
    expect(count()).toBe(streamTotal(t.scenario.traffic[0] as Parameters<typeof streamTotal>[0]));
    expect(count()).toBe(2000);
    t.clock.advance(60_000);
    expect(count()).toBe(2000);
    await t.settle();
    expect(t.isDone()).toBe(true);

    const rcs = t.made.filter((s) => s.content.rcs !== undefined).reduce((a, s) => a + s.recipients.length, 0);
    expect(Math.abs(rcs / 2000 - 0.25)).toBeLessThan(0.03);
    expect(t.made.every((s) => s.kind === 'stream' && s.at >= 60_000 && s.at <= 70_000)).toBe(true);
    for (const n of t.made.flatMap((s) => s.recipients)) {
      expect(selectorMatches(network.lookup(n)!, { weight: 1, carrier: 'KT', device: 'android' })).toBe(true);
    }
  });

  it('draws the same stream for the same seed', () => {
    const yaml = `  - stream: { at: 0s, for: 2s, rate: 50, mix: { content: [ { type: sms, weight: 1 }, { type: lms, weight: 1 } ] } }\n`;
    const run = () => {
      const t = setup(yaml);
      t.clock.advance(5000);
      return t.made.map((s) => [s.content.text, s.recipients]);
    };
    expect(run()).toEqual(run());
  });

  it('reports a step whose selector matches nobody and goes on with the others', async () => {
    const t = setup(`  - batch: { at: 0s, recipients: { count: 1, mix: [ { device: ios, rcs: true, weight: 1 } ] }, text: x }\n  - send: { at: 1s, to: ktIos, text: y }\n`);
    t.clock.advance(1000);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatch(/^0: no number of the simulated network matches/);
    expect(t.made).toHaveLength(1);
    await t.settle();
    expect(t.isDone()).toBe(true);
  });

  it('stops submitting once stopped', () => {
    const t = setup(`  - stream: { at: 0s, for: 10s, rate: 10, mix: { content: [ { type: sms, weight: 1 } ] } }\n`);
    t.clock.advance(2000);
    const before = t.made.length;
    t.scheduler.stop();
    t.clock.advance(20_000);
    expect(t.made.length).toBe(before);
  });
});
