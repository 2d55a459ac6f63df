import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../../gateways/network/create-network.ts';
import { loadNetwork, loadNetworkSpec } from '../../../gateways/network/load-network.ts';
import { isNetworkError } from '../../../gateways/network/network-errors.ts';
import type { NetworkSpecInput } from '../../../gateways/network/network-schema.ts';
import type { Subscriber } from '../../../gateways/network/subscriber.ts';

const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => `010${String(from + i).padStart(8, '0')}`);

function shares<K extends string>(subs: Subscriber[], key: (s: Subscriber) => K): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of subs) counts[key(s)] = (counts[key(s)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, c / subs.length]));
}

function expectShares(actual: Record<string, number>, expected: Record<string, number>, tolerance: number): void {
  for (const [k, p] of Object.entries(expected)) expect(Math.abs((actual[k] ?? 0) - p), `${k}: ${actual[k]} vs ${p}`).toBeLessThan(tolerance);
}

describe('createNetwork', () => {
  it('returns null for strings that are not Korean mobile numbers', () => {
    const network = loadNetwork();
    expect(network.lookup('0212345678')).toBeNull();
    expect(network.lookup('hello')).toBeNull();
  });

  it('gives the same subscriber for the same number across independently built networks', () => {
    const a = createNetwork(loadNetworkSpec());
    const b = createNetwork(loadNetworkSpec());
    for (const n of numbers(30_000_000, 2_000)) expect(b.lookup(n)).toEqual(a.lookup(n));
  });

  it('answers in the national form whatever spelling was asked', () => {
    const network = loadNetwork();
    const national = network.lookup('01055551234');
    expect(network.lookup('+82 10-5555-1234')).toEqual(national);
    expect(national?.msisdn).toBe('01055551234');
  });

  it('draws another population from another seed', () => {
    const spec = loadNetworkSpec();
    const a = createNetwork(spec);
    const b = createNetwork({ ...spec, seed: 'other' });
    const sample = numbers(40_000_000, 500);
    const differing = sample.filter((n) => a.lookup(n)!.carrier !== b.lookup(n)!.carrier).length;
    expect(differing).toBeGreaterThan(150);
  });

  it('follows the default weights over 100k numbers', () => {
    const network = loadNetwork();
    const subs = numbers(20_000_000, 100_000).map((n) => network.lookup(n)!);
    expectShares(shares(subs, (s) => s.carrier), { SKT: 0.42, KT: 0.31, 'LGU+': 0.27 }, 0.01);
    expectShares(shares(subs, (s) => s.device), { android: 0.74, ios: 0.24, feature: 0.02 }, 0.01);
    expectShares(shares(subs, (s) => s.reachability), { on: 0.955, off: 0.015, invalid: 0.005, ported: 0.025 }, 0.005);
    expectShares(shares(subs, (s) => s.language), { ko: 0.95, zh: 0.02, en: 0.015, vi: 0.01, ru: 0.005 }, 0.005);
    const android = subs.filter((s) => s.device === 'android');
    expect(android.filter((s) => s.rcs).length / android.length).toBeCloseTo(0.85, 1);
    expect(subs.filter((s) => s.device === 'ios' && s.rcs)).toHaveLength(0);
    const feature = subs.filter((s) => s.device === 'feature');
    expect(feature.filter((s) => s.mms).length / feature.length).toBeGreaterThan(0.5);
    expect(feature.filter((s) => s.mms).length / feature.length).toBeLessThan(0.7);
    const kt = subs.filter((s) => s.carrier === 'KT');
    expect(kt.filter((s) => s.mvno !== null).length / kt.length).toBeCloseTo(0.295, 1);
    expect(new Set(kt.map((s) => s.mvno))).toEqual(new Set([null, 'KT M mobile', 'Hello mobile', 'Other MVNO']));
    for (const s of subs) {
      if (s.reachability === 'ported') expect(s.portedFrom).not.toBeOneOf([null, s.carrier]);
      else expect(s.portedFrom).toBeNull();
    }
  });

  it('follows per-carrier device weights', () => {
    const network = createNetwork({
      version: 1,
      rules: [
        { match: '*', carrier: { KT: 1, SKT: 1 }, device: { KT: { android: 0.9, feature: 0.1 }, SKT: { ios: 0.6, android: 0.4 } } },
      ],
    });
    const subs = numbers(10_000_000, 100_000).map((n) => network.lookup(n)!);
    expectShares(shares(subs, (s) => s.carrier), { KT: 0.5, SKT: 0.5 }, 0.01);
    expectShares(shares(subs.filter((s) => s.carrier === 'KT'), (s) => s.device), { android: 0.9, feature: 0.1, ios: 0 }, 0.01);
    expectShares(shares(subs.filter((s) => s.carrier === 'SKT'), (s) => s.device), { android: 0.4, ios: 0.6, feature: 0 }, 0.01);
  });

  it('takes each attribute from the first matching rule that defines it', () => {
    const spec: NetworkSpecInput = {
      version: 1,
      ownCarrier: 'SKT',
      rules: [
        { match: '0109999*', set: { reachability: 'invalid' } },
        { match: '/^0105/', device: { KT: { ios: 1 } } },
        { match: '*', carrier: { KT: 1 }, device: { android: 1 }, reachability: { on: 1 } },
      ],
    };
    const network = createNetwork(spec);
    expect(network.ownCarrier).toBe('SKT');
    expect(network.lookup('01099990123')).toMatchObject({ carrier: 'KT', device: 'android', reachability: 'invalid' });
    expect(network.lookup('01051230123')).toMatchObject({ carrier: 'KT', device: 'ios', reachability: 'on' });
    expect(network.lookup('01061230123')).toMatchObject({ carrier: 'KT', device: 'android', reachability: 'on' });
  });

  it('falls back to documented defaults where no rule speaks', () => {
    const network = createNetwork({ version: 1, ownCarrier: 'LGU+' });
    expect(network.lookup('01012345678')).toEqual({
      msisdn: '01012345678', carrier: 'LGU+', mvno: null, device: 'android', rcs: false, mms: true, reachability: 'on', portedFrom: null, language: 'ko',
    });
  });

  it('lets an override pin a number and recomputes what depends on the pinned attributes', () => {
    const network = createNetwork({ version: 1, rules: [{ match: '*', carrier: { SKT: 1 }, device: { ios: 1 }, rcs: { android: 1, ios: 0, feature: 0 } }] });
    expect(network.lookup('01077778888')).toMatchObject({ carrier: 'SKT', device: 'ios', rcs: false });
    network.override('010-7777-8888', { carrier: 'KT', device: 'android' });
    expect(network.lookup('01077778888')).toMatchObject({ carrier: 'KT', device: 'android', rcs: true });
    network.override('01077778888', { rcs: false });
    expect(network.lookup('+821077778888')).toMatchObject({ carrier: 'KT', device: 'android', rcs: false });
    network.clearOverrides();
    expect(network.lookup('01077778888')).toMatchObject({ carrier: 'SKT', device: 'ios', rcs: false });
  });

  it('keeps porting consistent under overrides', () => {
    const network = loadNetwork();
    network.override('01077778888', { carrier: 'KT', portedFrom: 'LGU+' });
    expect(network.lookup('01077778888')).toMatchObject({ carrier: 'KT', reachability: 'ported', portedFrom: 'LGU+' });
    network.override('01077778888', { reachability: 'off' });
    expect(network.lookup('01077778888')).toMatchObject({ reachability: 'off', portedFrom: null });
  });

  it('overrides beat pinned numbers, and clearing restores the pin', () => {
    const network = loadNetwork();
    network.override('01012340001', { reachability: 'off' });
    expect(network.lookup('01012340001')).toMatchObject({ carrier: 'KT', rcs: true, reachability: 'off' });
    network.clearOverrides();
    expect(network.lookup('01012340001')?.reachability).toBe('on');
  });

  it('refuses overrides on non-mobile numbers and with bad fields', () => {
    const network = loadNetwork();
    const codeOf = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        return isNetworkError(err) ? err.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => network.override('0212345678', { rcs: true }))).toBe('NETWORK_ERR_BAD_MSISDN');
    expect(codeOf(() => network.override('01012345678', { carrier: 'KTF' } as never))).toBe('NETWORK_ERR_BAD_OVERRIDE');
    expect(codeOf(() => network.override('01012345678', { colour: 'red' } as never))).toBe('NETWORK_ERR_BAD_OVERRIDE');
    expect(codeOf(() => network.override('01012345678', { carrier: 'SKT', portedFrom: 'SKT' }))).toBe('NETWORK_ERR_BAD_OVERRIDE');
    expect(codeOf(() => network.override('01012345678', { reachability: 'on', portedFrom: 'SKT' }))).toBe('NETWORK_ERR_BAD_OVERRIDE');
  });

  it('hands out copies, so a caller cannot change the network', () => {
    const network = loadNetwork();
    network.lookup('01012340001')!.rcs = false;
    expect(network.lookup('01012340001')!.rcs).toBe(true);
  });

  it('looks up 200k numbers well within a second', () => {
    const network = loadNetwork();
    const sample = numbers(50_000_000, 200_000);
    const started = performance.now();
    for (const n of sample) network.lookup(n);
    // >1M/s on a laptop; the bound leaves room for a loaded 2-core CI machine.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
