import { describe, expect, it } from 'vitest';
import { createGatewayStats } from '../../../gateways/kit/gateway-stats.ts';
import { createRecentLog } from '../../../gateways/kit/recent-log.ts';

describe('recent log', () => {
  it('lists entries oldest first, newest last', () => {
    const log = createRecentLog<number>(5);
    [1, 2, 3].forEach((n) => log.push(n));
    expect(log.list()).toEqual([1, 2, 3]);
  });

  it('keeps only the newest `capacity` entries', () => {
    const log = createRecentLog<number>(3);
    for (let i = 1; i <= 10; i++) log.push(i);
    expect(log.list()).toEqual([8, 9, 10]);
  });

  it('limits to the newest entries', () => {
    const log = createRecentLog<string>(4);
    ['a', 'b', 'c', 'd', 'e'].forEach((s) => log.push(s));
    expect(log.list(2)).toEqual(['d', 'e']);
    expect(log.list(100)).toEqual(['b', 'c', 'd', 'e']);
    expect(log.list(0)).toEqual([]);
  });

  it('refuses a capacity below 1', () => {
    expect(() => createRecentLog(0)).toThrow(expect.objectContaining({ code: 'KIT_ERR_BAD_ARGUMENT' }));
  });
});

describe('gateway stats', () => {
  it('counts per key and snapshots a copy', () => {
    const stats = createGatewayStats();
    stats.inc('submit_sm');
    stats.inc('submit_sm');
    stats.inc('submit_sm:ESME_RTHROTTLED', 3);
    const snap = stats.snapshot();
    expect(snap).toEqual({ submit_sm: 2, 'submit_sm:ESME_RTHROTTLED': 3 });
    stats.inc('receipt:DELIVRD');
    expect(snap).not.toHaveProperty('receipt:DELIVRD');
    expect(stats.snapshot()['receipt:DELIVRD']).toBe(1);
  });
});
