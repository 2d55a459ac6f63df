import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../gateways/kit/behaviour-model.ts';
import { modelFor, subscriber } from './model-fixtures.ts';

const submit = (over: Partial<GatewayRequest> = {}): GatewayRequest => ({ operation: 'submit_sm', destination: '01012345678', ...over });

describe('behaviour model: defaults', () => {
  it('accepts with the default latency when no rule matches', () => {
    const { model } = modelFor('version: 1\nlatency: 15');
    const d = model.decide(submit());
    expect(d.rule).toBeNull();
    expect(d.response).toEqual({ kind: 'accept' });
    expect(d.latencyMs).toBe(15);
  });

  it('matches a rule without `when` for every request', () => {
    const { model } = modelFor('version: 1\nrules:\n  - { name: all, then: { reject: system-error } }');
    expect(model.decide(submit()).rule).toBe('all');
    expect(model.decide({ operation: 'SubmitReq' }).response).toEqual({ kind: 'reject', reason: 'system-error' });
  });

  it('uses the first matching rule and its latency override', () => {
    const { model } = modelFor(`version: 1
latency: 20
rules:
  - { name: first, when: { destination: '0109999*' }, then: { reject: invalid-destination }, latency: 5 }
  - { name: second, when: { destination: '010*' }, then: { reject: spam } }
`);
    expect(model.decide(submit({ destination: '01099991234' }))).toMatchObject({ rule: 'first', response: { kind: 'reject', reason: 'invalid-destination' }, latencyMs: 5 });
    expect(model.decide(submit({ destination: '01012345678' }))).toMatchObject({ rule: 'second', latencyMs: 20 });
  });

  it('names unnamed rules by position', () => {
    const { model } = modelFor("version: 1\nrules:\n  - { when: { destination: '011*' } }\n  - { then: { fault: corrupt } }");
    expect(model.decide(submit()).rule).toBe('rules[1]');
  });
});

describe('behaviour model: text predicates', () => {
  const { model } = modelFor(`version: 1
rules:
  - { name: exact, when: { destination: '01011112222' } }
  - { name: prefix, when: { destination: '0109999*' } }
  - { name: suffix, when: { destination: '*0000' } }
  - { name: single-chars, when: { destination: '010??001234' } }
  - { name: regex, when: { destination: '/^011\\d{7}$/' } }
  - { name: any-of, when: { destination: ['016*', '017*'] } }
  - { name: source, when: { source: '15??' } }
  - { name: account, when: { account: 'load-*' } }
  - { name: content, when: { content: '/casino|도박/i' } }
  - { name: operation, when: { operation: [SubmitReq, deliver_sm] } }
`);
  it.each([
    [{ destination: '01011112222' }, 'exact'],
    [{ destination: '01099990000' }, 'prefix'],
    [{ destination: '01055550000' }, 'suffix'],
    [{ destination: '01012001234' }, 'single-chars'],
    [{ destination: '0101200123' }, null],
    [{ destination: '0111234567' }, 'regex'],
    [{ destination: '01112345678' }, null],
    [{ destination: '01712345678' }, 'any-of'],
    [{ source: '1588' }, 'source'],
    [{ source: '15880' }, null],
    [{ account: 'load-7' }, 'account'],
    [{ content: 'Win at CASINO now' }, 'content'],
    [{ content: '온라인 도박' }, 'content'],
    [{ operation: 'SubmitReq' }, 'operation'],
    [{}, null],
  ] as [Partial<GatewayRequest>, string | null][])('%j -> %s', (over, rule) => {
    expect(model.decide({ operation: 'submit_sm', ...over }).rule).toBe(rule);
  });

  it('does not match a text predicate when the request lacks the field', () => {
    const { model: m } = modelFor("version: 1\nrules:\n  - { name: any-dest, when: { destination: '*' } }");
    expect(m.decide({ operation: 'submit_sm' }).rule).toBeNull();
    expect(m.decide({ operation: 'submit_sm', destination: '' }).rule).toBe('any-dest');
  });
});

describe('behaviour model: subscriber predicates', () => {
  const { model } = modelFor(`version: 1
rules:
  - { name: unknown-number, when: { subscriber: { known: false } } }
  - { name: off-net-ios, when: { subscriber: { carrier: [SKT, 'LGU+'], device: ios } } }
  - { name: no-rcs, when: { subscriber: { rcs: false } } }
  - { name: mvno, when: { subscriber: { mvno: [Freet, Helloworld] } } }
  - { name: unreachable, when: { subscriber: { reachability: [off, invalid] } } }
  - { name: english, when: { subscriber: { language: en, mms: true } } }
`);
  it.each([
    [null, 'unknown-number'],
    [subscriber({ carrier: 'SKT', device: 'ios' }), 'off-net-ios'],
    [subscriber({ carrier: 'LGU+', device: 'ios' }), 'off-net-ios'],
    [subscriber({ carrier: 'KT', device: 'ios' }), null],
    [subscriber({ rcs: false }), 'no-rcs'],
    [subscriber({ mvno: 'Freet' }), 'mvno'],
    [subscriber({ reachability: 'off' }), 'unreachable'],
    [subscriber({ language: 'en' }), 'english'],
    [subscriber({ language: 'en', mms: false, rcs: true }), null],
  ] as const)('%j -> %s', (sub, rule) => {
    expect(model.decide({ operation: 'submit_sm', subscriber: sub }).rule).toBe(rule);
  });

  it('does not match attribute predicates when the subscriber was not looked up', () => {
    expect(model.decide({ operation: 'submit_sm' }).rule).toBeNull();
  });
});

describe('behaviour model: time windows', () => {
  const night = "version: 1\nrules:\n  - { name: night, when: { time: { from: '21:00', to: '08:00' } }, then: { reject: content-refused } }";

  it.each([
    ['2026-11-20T20:59:59+09:00', null],
    ['2026-11-20T21:00:00+09:00', 'night'],
    ['2026-11-20T23:59:00+09:00', 'night'],
    ['2026-11-21T00:30:00+09:00', 'night'],
    ['2026-11-21T07:59:59+09:00', 'night'],
    ['2026-11-21T08:00:00+09:00', null],
    ['2026-11-21T12:00:00+09:00', null],
  ])('wraps midnight in Asia/Seoul: %s -> %s', (at, rule) => {
    const { model } = modelFor(night, { start: Date.parse(at) });
    expect(model.decide(submit()).rule).toBe(rule);
  });

  it('follows the clock as it moves', () => {
    const { model, clock } = modelFor(night, { start: Date.parse('2026-11-20T20:00:00+09:00') });
    expect(model.decide(submit()).rule).toBeNull();
    clock.advance(60 * 60_000);
    expect(model.decide(submit()).rule).toBe('night');
    clock.advance(11 * 60 * 60_000);
    expect(model.decide(submit()).rule).toBeNull();
  });

  it('reads the window in the file time zone', () => {
    // 21:30 in Seoul is 12:30 UTC.
    const at = Date.parse('2026-11-20T21:30:00+09:00');
    const { model } = modelFor(night.replace('version: 1', 'version: 1\ntimezone: UTC'), { start: at });
    expect(model.decide(submit()).rule).toBeNull();
  });

  it('handles a daytime window that does not wrap', () => {
    const { model } = modelFor("version: 1\nrules:\n  - { name: lunch, when: { time: { from: '12:00', to: '13:00' } } }", {
      start: Date.parse('2026-11-20T12:30:00+09:00'),
    });
    expect(model.decide(submit()).rule).toBe('lunch');
  });
});

describe('behaviour model: probability', () => {
  const yaml = 'version: 1\nrules:\n  - { name: sometimes, when: { probability: 0.3 }, then: { reject: throttled } }';

  it('matches about the given share of requests', () => {
    const { model } = modelFor(yaml);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (model.decide(submit()).rule === 'sometimes') hits++;
    expect(hits).toBeGreaterThan(2_800);
    expect(hits).toBeLessThan(3_200);
  });

  it('makes the same choices for the same seed', () => {
    const run = (seed: string) => {
      const { model } = modelFor(yaml, { seed });
      return Array.from({ length: 200 }, () => model.decide(submit()).rule);
    };
    expect(run('a')).toEqual(run('a'));
    expect(run('a')).not.toEqual(run('b'));
  });

  it('never matches at 0 and always at 1', () => {
    const { model } = modelFor('version: 1\nrules:\n  - { name: never, when: { probability: 0 } }\n  - { name: always, when: { probability: 1 } }');
    for (let i = 0; i < 100; i++) expect(model.decide(submit()).rule).toBe('always');
  });

  it('draws only when the other predicates matched, so non-matching traffic does not shift the sequence', () => {
    const rules = "version: 1\nrules:\n  - { name: p, when: { destination: '011*', probability: 0.5 } }";
    const a = modelFor(rules).model;
    const b = modelFor(rules).model;
    const seqA: (string | null)[] = [];
    const seqB: (string | null)[] = [];
    for (let i = 0; i < 100; i++) {
      seqA.push(a.decide(submit({ destination: '0111234567' })).rule);
      b.decide(submit({ destination: '01012345678' }));
      seqB.push(b.decide(submit({ destination: '0111234567' })).rule);
    }
    expect(seqA).toEqual(seqB);
  });
});
