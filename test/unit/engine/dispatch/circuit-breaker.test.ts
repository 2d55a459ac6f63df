import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import type { CircuitTransition } from '../../../../engine/dispatch/circuit-breaker.ts';
import { CIRCUIT_PASS, CIRCUIT_PROBE, CIRCUIT_REFUSED, createCircuitBreaker, isGatewayFailure } from '../../../../engine/dispatch/circuit-breaker.ts';
import { ACCEPTED, INVALID_DESTINATION, SYSTEM_ERROR, THROTTLED } from './fake-channel.ts';

const TIMEOUT = { kind: 'timeout' } as const;

function setup(failures = 3, openFor = 5_000) {
  const clock = createManualClock(1_000);
  const seen: CircuitTransition[] = [];
  const breaker = createCircuitBreaker({ failures, openFor, clock, gateway: 'gmmsc', onTransition: (t) => seen.push(t) });
  const fail = (n: number) => {
    for (let i = 0; i < n; i++) breaker.record(breaker.enter(), TIMEOUT);
  };
  return { clock, breaker, seen, fail };
}

describe('circuit breaker', () => {
  it('opens after `failures` consecutive gateway failures and refuses while open', () => {
    const { breaker, fail, seen } = setup();
    fail(2);
    expect(breaker.state()).toBe('closed');
    fail(1);
    expect(breaker.state()).toBe('open');
    expect(breaker.admits()).toBe(false);
    expect(breaker.enter()).toBe(CIRCUIT_REFUSED);
    expect(breaker.opened).toBe(1);
    expect(seen).toEqual([{ gateway: 'gmmsc', from: 'closed', to: 'open', at: 1_000 }]);
  });

  it('does not count throttled or queue-full, and a success or permanent refusal breaks the streak', () => {
    const { breaker, fail } = setup();
    fail(2);
    breaker.record(breaker.enter(), THROTTLED);
    fail(2);
    breaker.record(breaker.enter(), INVALID_DESTINATION);
    fail(2);
    breaker.record(breaker.enter(), ACCEPTED('g'));
    fail(2);
    expect(breaker.state()).toBe('closed');
    expect(isGatewayFailure({ kind: 'rejected', reason: 'queue-full', transient: true, code: 'x' })).toBe(false);
    expect(isGatewayFailure(SYSTEM_ERROR)).toBe(true);
    expect(isGatewayFailure({ kind: 'rejected', reason: 'service-unavailable', transient: true, code: 'x' })).toBe(true);
    expect(isGatewayFailure({ kind: 'unavailable', why: 'down' })).toBe(true);
  });

  it('half-opens after openFor with exactly one probe; a successful probe closes it', () => {
    const { clock, breaker, fail, seen } = setup();
    fail(3);
    clock.advance(4_999);
    expect(breaker.state()).toBe('open');
    clock.advance(1);
    expect(breaker.state()).toBe('half-open');
    expect(breaker.admits()).toBe(true);
    const probe = breaker.enter();
    expect(probe).toBe(CIRCUIT_PROBE);
    expect(breaker.admits()).toBe(false);
    expect(breaker.enter()).toBe(CIRCUIT_REFUSED);
    breaker.record(probe, ACCEPTED('g'));
    expect(breaker.state()).toBe('closed');
    expect(breaker.enter()).toBe(CIRCUIT_PASS);
    expect(seen.map((t) => `${t.from}->${t.to}@${t.at}`)).toEqual(['closed->open@1000', 'open->half-open@6000', 'half-open->closed@6000']);
    expect(breaker.transitions()).toEqual(seen);
  });

  it('re-opens when the probe fails, for another openFor', () => {
    const { clock, breaker, fail } = setup();
    fail(3);
    clock.advance(5_000);
    breaker.record(breaker.enter(), SYSTEM_ERROR);
    expect(breaker.state()).toBe('open');
    expect(breaker.opened).toBe(2);
    clock.advance(5_000);
    expect(breaker.state()).toBe('half-open');
  });

  it('ignores answers to tries sent before it opened; only the probe decides', () => {
    const { clock, breaker, fail } = setup();
    const earlier = breaker.enter();
    fail(3);
    breaker.record(earlier, ACCEPTED('g'));
    expect(breaker.state()).toBe('open');
    clock.advance(5_000);
    const probe = breaker.enter();
    breaker.record(CIRCUIT_PASS, ACCEPTED('g'));
    expect(breaker.state()).toBe('half-open');
    breaker.record(probe, TIMEOUT);
    expect(breaker.state()).toBe('open');
  });

  it('gives an unused probe back', () => {
    const { clock, breaker, fail } = setup();
    fail(3);
    clock.advance(5_000);
    breaker.abandon(breaker.enter());
    expect(breaker.enter()).toBe(CIRCUIT_PROBE);
  });

  it('stops its half-open timer when closed', () => {
    const { clock, breaker, fail } = setup();
    fail(3);
    expect(clock.pending()).toBe(1);
    breaker.close();
    expect(clock.pending()).toBe(0);
  });
});
