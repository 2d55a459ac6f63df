import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../gateways/kit/behaviour-model.ts';
import type { ReportOutcome } from '../../../gateways/kit/canonical-reason.ts';
import { modelFor, subscriber } from './model-fixtures.ts';

const MIX = `version: 1
reports:
  outcomes: { delivered: 0.7, undeliverable: 0.2, expired: 0.1 }
  delay: { fixed: 3000 }
  defaultValidity: 24h
`;

const submit = (over: Partial<GatewayRequest> = {}): GatewayRequest => ({ operation: 'submit_sm', destination: '01012345678', subscriber: subscriber(), ...over });

describe('report planning: the network wins over the mix', () => {
  const { model } = modelFor('version: 1\nreports:\n  outcomes: { delivered: 1 }\n  delay: { undeliverable: { fixed: 800 }, delivered: { fixed: 3000 } }');

  it('makes a number unknown to the network undeliverable', () => {
    expect(model.decide(submit({ subscriber: null })).report).toEqual({ outcome: 'undeliverable', delayMs: 800 });
  });

  it('makes a number not in service undeliverable', () => {
    expect(model.decide(submit({ subscriber: subscriber({ reachability: 'invalid' }) })).report).toEqual({ outcome: 'undeliverable', delayMs: 800 });
  });

  it('lets a message to a switched-off handset expire after the request validity', () => {
    expect(model.decide(submit({ subscriber: subscriber({ reachability: 'off' }), validityMs: 3_600_000 })).report).toEqual({
      outcome: 'expired',
      delayMs: 3_600_000,
    });
  });

  it('falls back to the default validity when the request carries none', () => {
    expect(model.decide(submit({ subscriber: subscriber({ reachability: 'off' }) })).report).toEqual({ outcome: 'expired', delayMs: 86_400_000 });
  });

  it('uses the mix for reachable subscribers and when the subscriber was not looked up', () => {
    expect(model.decide(submit()).report).toEqual({ outcome: 'delivered', delayMs: 3000 });
    expect(model.decide(submit({ subscriber: undefined })).report).toEqual({ outcome: 'delivered', delayMs: 3000 });
  });
});

describe('report planning: the outcome mix', () => {
  it('samples outcomes in proportion to their weights', () => {
    const { model } = modelFor(MIX);
    const counts: Partial<Record<ReportOutcome, number>> = {};
    for (let i = 0; i < 20_000; i++) {
      const r = model.decide(submit()).report;
      if (r) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    }
    expect((counts.delivered ?? 0) / 20_000).toBeCloseTo(0.7, 1);
    expect((counts.undeliverable ?? 0) / 20_000).toBeCloseTo(0.2, 1);
    expect((counts.expired ?? 0) / 20_000).toBeCloseTo(0.1, 1);
    expect(counts.rejected).toBeUndefined();
  });

  it("gives a sampled 'expired' the validity as its delay", () => {
    const { model } = modelFor('version: 1\nreports:\n  outcomes: { expired: 1 }\n  delay: 10');
    expect(model.decide(submit({ validityMs: 600_000 })).report).toEqual({ outcome: 'expired', delayMs: 600_000 });
  });

  it('samples the per-outcome delay, falling back to `default`', () => {
    const { model } = modelFor('version: 1\nreports:\n  outcomes: { rejected: 1 }\n  delay: { delivered: 5, default: 1234 }');
    expect(model.decide(submit()).report).toEqual({ outcome: 'rejected', delayMs: 1234 });
  });

  it("lets a rule override parts of the plan and inherit the rest", () => {
    const { model } = modelFor(`version: 1
rules:
  - { name: slow-dr, when: { destination: '011*' }, reports: { delay: { delivered: { fixed: 60000 } } } }
  - { name: fails, when: { destination: '016*' }, reports: { outcomes: { undeliverable: 1 } } }
  - { name: no-dr, when: { destination: '017*' }, reports: false }
reports:
  outcomes: { delivered: 1 }
  delay: { fixed: 2000 }
`);
    expect(model.decide(submit({ destination: '0111234567' })).report).toEqual({ outcome: 'delivered', delayMs: 60_000 });
    expect(model.decide(submit({ destination: '0161234567' })).report).toEqual({ outcome: 'undeliverable', delayMs: 2000 });
    expect(model.decide(submit({ destination: '0171234567' })).report).toBeNull();
    expect(model.decide(submit({ destination: '01012345678' })).report).toEqual({ outcome: 'delivered', delayMs: 2000 });
  });

  it('plans the same reports for the same seed', () => {
    const run = () => {
      const { model } = modelFor(MIX.replace('{ fixed: 3000 }', '{ lognormal: { median: 3000, p99: 30000 } }'));
      return Array.from({ length: 100 }, () => model.decide(submit()).report);
    };
    expect(run()).toEqual(run());
  });
});

describe('report planning: only for messages the gateway took', () => {
  it.each([
    ['{ reject: throttled }', null],
    ['{ fault: silent }', null],
    ['{ fault: no-response }', null],
    ['{ fault: drop-connection }', null],
    ['{ fault: corrupt }', 'delivered'],
    ['accept', 'delivered'],
  ])('then: %s -> %s', (then, outcome) => {
    const { model } = modelFor(`version: 1\nrules:\n  - { name: r, then: ${then} }`);
    const d = model.decide(submit());
    expect(d.report?.outcome ?? null).toBe(outcome);
  });

  it('plans no report for a reject even when the network says the number is unknown', () => {
    const { model } = modelFor('version: 1\nrules:\n  - { when: { subscriber: { known: false } }, then: { reject: no-subscriber } }');
    expect(model.decide(submit({ subscriber: null })).report).toBeNull();
  });
});
