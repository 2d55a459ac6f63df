import { describe, expect, it } from 'vitest';
import { createReassembler } from '../../../../gateways/smsvas/codec/reassembler.ts';

function setup(opts?: { timeoutMs?: number; maxPending?: number }) {
  let now = 1_000_000;
  const r = createReassembler({ timeoutMs: opts?.timeoutMs ?? 60_000, maxPending: opts?.maxPending ?? 10, now: () => now });
  return { r, advance: (ms: number) => (now += ms) };
}
const part = (ref: number, total: number, seq: number, s: string) => ({ ref, total, seq, bytes: Buffer.from(s) });

describe('createReassembler', () => {
  it('joins out-of-order segments in sequence order', () => {
    const { r } = setup();
    expect(r.add('acct|a|b', part(7, 3, 3, 'C'))).toEqual({ complete: false });
    expect(r.add('acct|a|b', part(7, 3, 1, 'A'))).toEqual({ complete: false });
    expect(r.pending()).toBe(1);
    expect(r.add('acct|a|b', part(7, 3, 2, 'B'))).toEqual({ complete: true, bytes: Buffer.from('ABC'), segments: 3 });
    expect(r.pending()).toBe(0);
  });

  it('a single-segment message is complete at once', () => {
    expect(setup().r.add('k', part(1, 1, 1, 'x'))).toEqual({ complete: true, bytes: Buffer.from('x'), segments: 1 });
  });

  it('keeps groups with different keys or refs apart', () => {
    const { r } = setup();
    r.add('k1', part(1, 2, 1, 'a'));
    r.add('k2', part(1, 2, 1, 'b'));
    r.add('k1', part(2, 2, 1, 'c'));
    expect(r.pending()).toBe(3);
    expect(r.add('k2', part(1, 2, 2, 'B'))).toEqual({ complete: true, bytes: Buffer.from('bB'), segments: 2 });
  });

  it('reports a duplicate segment and keeps the first copy', () => {
    const { r } = setup();
    r.add('k', part(1, 2, 1, 'a'));
    expect(r.add('k', part(1, 2, 1, 'X'))).toEqual({ error: 'duplicate' });
    expect(r.add('k', part(1, 2, 2, 'b'))).toMatchObject({ complete: true, bytes: Buffer.from('ab') });
  });

  it('reports a total that changes within a group, or an impossible seq', () => {
    const { r } = setup();
    r.add('k', part(1, 2, 1, 'a'));
    expect(r.add('k', part(1, 3, 2, 'b'))).toEqual({ error: 'inconsistent' });
    expect(r.add('k', part(1, 2, 3, 'b'))).toEqual({ error: 'inconsistent' });
    expect(r.add('k', part(1, 0, 0, 'b'))).toEqual({ error: 'inconsistent' });
  });

  it('expires an incomplete group after the timeout', () => {
    const { r, advance } = setup({ timeoutMs: 1000 });
    r.add('k', part(1, 2, 1, 'a'));
    advance(999);
    expect(r.pending()).toBe(1);
    advance(1);
    expect(r.sweep()).toEqual([{ key: 'k', ref: 1, total: 2, received: 1 }]);
    expect(r.pending()).toBe(0);
    // the late second half starts a new group instead of completing the expired one
    expect(r.add('k', part(1, 2, 2, 'b'))).toEqual({ complete: false });
  });

  it('refuses a new group beyond maxPending until one completes or expires', () => {
    const { r, advance } = setup({ maxPending: 2, timeoutMs: 1000 });
    r.add('k', part(1, 2, 1, 'a'));
    advance(500);
    r.add('k', part(2, 2, 1, 'a'));
    expect(r.add('k', part(3, 2, 1, 'a'))).toEqual({ error: 'overflow' });
    expect(r.add('k', part(2, 2, 2, 'b'))).toMatchObject({ complete: true });
    expect(r.add('k', part(3, 2, 1, 'a'))).toEqual({ complete: false });
    expect(r.add('k', part(4, 2, 1, 'a'))).toEqual({ error: 'overflow' });
    advance(500);
    expect(r.add('k', part(4, 2, 1, 'a'))).toEqual({ complete: false });
  });

  it('keeps its own copy of segment bytes', () => {
    const { r } = setup();
    const b = Buffer.from('a');
    r.add('k', { ref: 1, total: 2, seq: 1, bytes: b });
    b[0] = 0x7a;
    expect(r.add('k', part(1, 2, 2, 'b'))).toMatchObject({ bytes: Buffer.from('ab') });
  });
});
