import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createCapabilityCache, type FreshAnswer } from '../../../../gateways/rcs/client/capability-cache.ts';

function setup(answers: Record<string, FreshAnswer>, maxEntries?: number) {
  const clock = createManualClock(0);
  const asked: string[] = [];
  const cache = createCapabilityCache({
    clock,
    positiveTtlMs: 10_000,
    negativeTtlMs: 1_000,
    maxEntries,
    query: async (contact) => {
      asked.push(contact);
      return answers[contact] ?? { kind: 'unknown', why: 'no script' };
    },
  });
  return { clock, asked, cache };
}

const capable: FreshAnswer = { kind: 'capable', features: ['richcardCarousel'] };
const notCapable: FreshAnswer = { kind: 'not-capable', code: 41200 };

describe('capability cache', () => {
  it('reuses a capable answer for its TTL, then asks again', async () => {
    const { clock, asked, cache } = setup({ a: capable });
    expect(await cache.get('a')).toEqual({ ...capable, cached: false });
    clock.advance(9_999);
    expect(await cache.get('a')).toEqual({ ...capable, cached: true });
    clock.advance(1);
    expect((await cache.get('a')).cached).toBe(false);
    expect(asked).toEqual(['a', 'a']);
  });

  it('keeps a not-capable answer for its own, shorter TTL', async () => {
    const { clock, asked, cache } = setup({ n: notCapable });
    await cache.get('n');
    clock.advance(999);
    expect(await cache.get('n')).toEqual({ ...notCapable, cached: true });
    clock.advance(1);
    await cache.get('n');
    expect(asked).toEqual(['n', 'n']);
  });

  it('never caches a failed query, and turns a thrown one into unknown', async () => {
    const clock = createManualClock(0);
    let calls = 0;
    const cache = createCapabilityCache({
      clock,
      positiveTtlMs: 10_000,
      negativeTtlMs: 1_000,
      query: async () => {
        calls++;
        throw new Error('socket hang up');
      },
    });
    expect(await cache.get('x')).toEqual({ kind: 'unknown', why: 'socket hang up', cached: false });
    await cache.get('x');
    expect(calls).toBe(2);
  });

  it('shares one query between concurrent lookups of a contact', async () => {
    const { asked, cache } = setup({ a: capable });
    const [x, y] = await Promise.all([cache.get('a'), cache.get('a')]);
    expect(x.kind).toBe('capable');
    expect(y.kind).toBe('capable');
    expect(asked).toEqual(['a']);
  });

  it('drops the oldest entries beyond maxEntries', async () => {
    const { asked, cache } = setup({ a: capable, b: capable, c: capable }, 2);
    await cache.get('a');
    await cache.get('b');
    await cache.get('c');
    expect(cache.stats().entries).toBe(2);
    await cache.get('c');
    await cache.get('a');
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});
