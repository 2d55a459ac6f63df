import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../gateways/kit/behaviour-model.ts';
import { modelFor } from './model-fixtures.ts';

const submit: GatewayRequest = { operation: 'submit_sm', destination: '01012345678' };
const MIN = 60_000;

describe('outages from the schedule', () => {
  const yaml = `version: 1
latency: 10
outages:
  - { start: 10m, end: 15m, mode: refuse }
  - { start: 20m, duration: 1m, mode: blackhole }
  - { start: 30m, end: 31m, mode: slow, latency: 5000 }
`;

  it('follows offsets from model creation', () => {
    const { model, clock } = modelFor(yaml);
    const t0 = clock.now();
    expect(model.outage()).toBeNull();
    clock.advance(10 * MIN);
    expect(model.outage()).toEqual({ mode: 'refuse', until: t0 + 15 * MIN });
    clock.advance(5 * MIN);
    expect(model.outage()).toBeNull();
    clock.advance(5 * MIN);
    expect(model.outage()).toEqual({ mode: 'blackhole', until: t0 + 21 * MIN });
  });

  it('refuses with service-unavailable during a refuse outage', () => {
    const { model, clock } = modelFor(yaml);
    clock.advance(12 * MIN);
    expect(model.decide(submit)).toEqual({ rule: 'outage:refuse', response: { kind: 'reject', reason: 'service-unavailable' }, latencyMs: 10, report: null });
  });

  it('never answers during a blackhole outage', () => {
    const { model, clock } = modelFor(yaml);
    clock.advance(20 * MIN + 30_000);
    expect(model.decide(submit)).toMatchObject({ rule: 'outage:blackhole', response: { kind: 'fault', fault: 'no-response' }, report: null });
  });

  it('answers normally but slowly during a slow outage', () => {
    const { model, clock } = modelFor(yaml);
    clock.advance(30 * MIN);
    const d = model.decide(submit);
    expect(d).toMatchObject({ rule: null, response: { kind: 'accept' }, latencyMs: 5000 });
    expect(d.report).not.toBeNull();
  });

  it('takes ISO timestamps as absolute instants', () => {
    const { model, clock } = modelFor(
      "version: 1\noutages:\n  - { start: '2026-11-20T12:00:00+09:00', end: '2026-11-20T12:05:00+09:00', mode: refuse }",
      { start: Date.parse('2026-11-20T11:59:00+09:00') },
    );
    expect(model.outage()).toBeNull();
    clock.advance(MIN);
    expect(model.outage()).toEqual({ mode: 'refuse', until: Date.parse('2026-11-20T12:05:00+09:00') });
    clock.advance(5 * MIN);
    expect(model.outage()).toBeNull();
  });

  it('keeps an outage without end in force', () => {
    const { model, clock } = modelFor('version: 1\noutages:\n  - { start: 1m, mode: refuse }');
    clock.advance(1_000 * MIN);
    expect(model.outage()).toEqual({ mode: 'refuse', until: null });
  });
});

describe('outages set by hand', () => {
  it('applies one for its duration, then ends it', () => {
    const { model, clock } = modelFor('version: 1');
    const t0 = clock.now();
    model.setOutage({ mode: 'refuse', durationMs: 5 * MIN });
    expect(model.outage()).toEqual({ mode: 'refuse', until: t0 + 5 * MIN });
    expect(model.decide(submit).response).toEqual({ kind: 'reject', reason: 'service-unavailable' });
    clock.advance(5 * MIN);
    expect(model.outage()).toBeNull();
    expect(model.decide(submit).response).toEqual({ kind: 'accept' });
  });

  it('keeps one without duration until cleared', () => {
    const { model, clock } = modelFor('version: 1');
    model.setOutage({ mode: 'blackhole' });
    clock.advance(24 * 60 * MIN);
    expect(model.outage()).toEqual({ mode: 'blackhole', until: null });
    model.setOutage(null);
    expect(model.outage()).toBeNull();
  });

  it("gives a 'slow' outage a default latency", () => {
    const { model } = modelFor('version: 1');
    model.setOutage({ mode: 'slow' });
    expect(model.outage()).toEqual({ mode: 'slow', latency: 5000, until: null });
    expect(model.decide(submit).latencyMs).toBe(5000);
    model.setOutage({ mode: 'slow', latency: { fixed: 750 } });
    expect(model.decide(submit).latencyMs).toBe(750);
  });

  it('wins over a scheduled outage, and clearing ends the scheduled one in force too', () => {
    const { model, clock } = modelFor('version: 1\noutages:\n  - { start: 0ms, end: 10m, mode: refuse }\n  - { start: 20m, end: 30m, mode: refuse }');
    model.setOutage({ mode: 'slow', latency: 100 });
    expect(model.outage()?.mode).toBe('slow');
    model.setOutage(null);
    expect(model.outage()).toBeNull();
    clock.advance(20 * MIN);
    expect(model.outage()?.mode).toBe('refuse');
  });

  it('refuses an impossible outage', () => {
    const { model } = modelFor('version: 1');
    expect(() => model.setOutage({ mode: 'slow', durationMs: -1 })).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_ARGUMENT' }));
  });
});
