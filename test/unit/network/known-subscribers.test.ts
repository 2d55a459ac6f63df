import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNetwork, loadNetworkSpec } from '../../../gateways/network/load-network.ts';
import {
  KNOWN_SUBSCRIBERS,
  KNOWN_SUBSCRIBER_PROFILES,
  NOT_A_MOBILE_NUMBER,
  NOT_IN_SERVICE_BLOCK_SAMPLE,
} from '../../../gateways/network/known-subscribers.ts';
import type { KnownSubscriberName } from '../../../gateways/network/known-subscribers.ts';

const names = Object.keys(KNOWN_SUBSCRIBERS) as KnownSubscriberName[];
const readme = readFileSync(new URL('../../../gateways/network/README.md', import.meta.url), 'utf8');

describe('well-known subscribers of the default network', () => {
  it.each(names)('%s has its documented attributes', (name) => {
    expect(loadNetwork().lookup(KNOWN_SUBSCRIBERS[name])).toEqual(KNOWN_SUBSCRIBER_PROFILES[name]);
  });

  it('are all pinned in full in the default file, so rule changes cannot move them', () => {
    const pinned = loadNetworkSpec().pinned;
    for (const name of names) expect(Object.keys(pinned[KNOWN_SUBSCRIBERS[name]] ?? {}), name).toHaveLength(8);
  });

  it('are distinct numbers', () => {
    expect(new Set(Object.values(KNOWN_SUBSCRIBERS)).size).toBe(names.length);
  });

  it('are listed in the README with their numbers', () => {
    for (const name of names) expect(readme, name).toMatch(new RegExp(`${name}\\W[^\\n]*${KNOWN_SUBSCRIBERS[name]}`));
  });

  it('come with a not-in-service sample and a non-mobile sample', () => {
    const network = loadNetwork();
    expect(network.lookup(NOT_IN_SERVICE_BLOCK_SAMPLE)?.reachability).toBe('invalid');
    expect(network.lookup(NOT_A_MOBILE_NUMBER)).toBeNull();
  });
});
