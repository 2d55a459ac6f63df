import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../gateways/kit/rng.ts';
import { KNOWN_SUBSCRIBERS } from '../../../../gateways/network/known-subscribers.ts';
import { loadNetwork } from '../../../../gateways/network/load-network.ts';
import { createRecipientPicker, describeSelector, selectorMatches } from '../../../../scenarios/runner/recipient-mix.ts';
import { isRunError } from '../../../../scenarios/runner/run-errors.ts';
import { createScenarioNetwork } from '../../../../scenarios/runner/scenario-network.ts';
import type { RecipientSelector } from '../../../../scenarios/scenario-traffic-schema.ts';

const network = loadNetwork();
const draw = (mix: RecipientSelector[], n: number, seed = 'mix') => {
  const picker = createRecipientPicker({ network, mix, rng: createRng(seed) });
  return Array.from({ length: n }, () => picker.next());
};

describe('recipient mix', () => {
  it('draws the same numbers for the same seed and others for another seed', () => {
    const mix: RecipientSelector[] = [{ carrier: 'KT', weight: 1 }];
    expect(draw(mix, 50)).toEqual(draw(mix, 50));
    expect(draw(mix, 50, 'other')).not.toEqual(draw(mix, 50));
  });

  it('gives numbers the network resolves to the wanted carrier, device, RCS and reachability', () => {
    const mix: RecipientSelector[] = [
      { carrier: 'KT', device: 'ios', reachability: 'on', weight: 1 },
      { carrier: 'SKT', device: 'android', rcs: true, weight: 1 },
      { carrier: 'LGU+', device: 'feature', weight: 1 },
    ];
    const picker = createRecipientPicker({ network, mix, rng: createRng('classes') });
    for (let i = 0; i < 600; i++) {
      const n = picker.next();
      const sub = network.lookup(n);
      expect(sub).not.toBeNull();
      expect(mix.some((sel) => selectorMatches(sub!, sel))).toBe(true);
      expect(n).toMatch(/^010\d{8}$/);
    }
  });

  it('follows the weights of the selectors within a few percent', () => {
    const mix: RecipientSelector[] = [
      { carrier: 'KT', device: 'ios', weight: 60 },
      { carrier: 'KT', device: 'android', rcs: true, weight: 30 },
      { carrier: 'SKT', weight: 10 },
    ];
    const numbers = draw(mix, 4000, 'weights');
    const share = (sel: RecipientSelector) => numbers.filter((n) => selectorMatches(network.lookup(n)!, sel)).length / numbers.length;
    expect(share(mix[0])).toBeCloseTo(0.6, 1);
    expect(share(mix[1])).toBeCloseTo(0.3, 1);
    expect(share(mix[2])).toBeCloseTo(0.1, 1);
    expect(Math.abs(share(mix[0]) - 0.6)).toBeLessThan(0.03);
  });

  it('draws anyone in the network in its own proportions when the selector names no attribute', () => {
    const numbers = draw([{ weight: 1 }], 5000, 'anyone');
    const skt = numbers.filter((n) => network.lookup(n)!.carrier === 'SKT').length / numbers.length;
    expect(Math.abs(skt - 0.42)).toBeLessThan(0.03); // default-network.yaml: SKT 42% of 010 numbers
  });

  it('names a well-known subscriber by its number', () => {
    expect(draw([{ subscriber: 'ktIos', weight: 1 }], 3)).toEqual([KNOWN_SUBSCRIBERS.ktIos, KNOWN_SUBSCRIBERS.ktIos, KNOWN_SUBSCRIBERS.ktIos]);
  });

  it('refuses a selector nobody in the network matches instead of looping', () => {
    const picker = createRecipientPicker({ network, mix: [{ device: 'ios', rcs: true, weight: 1 }], rng: createRng('nobody'), maxDraws: 2000 });
    let err: unknown;
    try {
      picker.next();
    } catch (e) {
      err = e;
    }
    expect(isRunError(err, 'RUN_ERR_NO_RECIPIENT')).toBe(true);
    expect((err as Error).message).toContain('{ device ios, rcs true }');
  });

  it('draws from the scenario network, where inline rules go ahead of the file', () => {
    const net = createScenarioNetwork({ subscribers: { rules: [{ match: '010*', set: { carrier: 'LGU+', device: 'ios' } }] } });
    const picker = createRecipientPicker({ network: net, mix: [{ carrier: 'LGU+', device: 'ios', weight: 1 }], rng: createRng('inline'), maxDraws: 5 });
    const n = picker.next();
    expect(net.lookup(n)).toMatchObject({ carrier: 'LGU+', device: 'ios' });
    expect(net.lookup(KNOWN_SUBSCRIBERS.ktAndroidRcs)).toMatchObject({ carrier: 'KT', device: 'android' }); // pinned numbers beat rules
  });

  it('describes selectors for error messages', () => {
    expect(describeSelector({ weight: 1 })).toBe('anyone');
    expect(describeSelector({ weight: 1, carrier: 'KT', language: 'en' })).toBe('carrier KT, language en');
    expect(describeSelector({ weight: 1, subscriber: 'lguIos' })).toBe('lguIos');
  });
});
