import { describe, expect, it } from 'vitest';
import { createRetainingStore } from '../../../gateways/kit/retaining-store.ts';

describe('retaining store', () => {
  it('keeps every pending message and only the newest finals past the bound', () => {
    const store = createRetainingStore<{ id: string }>({ retainFinal: 2 });
    const msgs = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    for (const m of msgs) store.add(m);
    expect(store.pending()).toBe(4);
    store.finalise(msgs[0]);
    store.finalise(msgs[1]);
    expect(store.size()).toBe(4);
    store.finalise(msgs[2]);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBe(msgs[1]);
    expect(store.get('d')).toBe(msgs[3]);
    expect(store.pending()).toBe(1);
    expect(store.size()).toBe(3);
  });
});
