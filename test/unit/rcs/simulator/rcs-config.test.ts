import { describe, expect, it } from 'vitest';
import { loadRcsConfig, parseRcsConfig } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { BASE_CONFIG } from './rcs-harness.ts';

describe('RCS simulator config', () => {
  it('the bundled default has the msgsim/secret account the container target uses, with durations in ms', () => {
    const cfg = loadRcsConfig();
    expect(cfg.accounts[0]).toMatchObject({ clientId: 'msgsim', clientSecret: 'secret' });
    expect(cfg.auth.tokenTtl).toBe(3_600_000);
    expect(cfg.expiry).toEqual({ option1: 3 * 86_400_000, option2: 180_000 });
  });

  it.each([
    ['an unknown key', { ...BASE_CONFIG, extra: 1 }, /extra|Unrecognized/],
    ['no accounts', { ...BASE_CONFIG, accounts: [] }, /accounts/],
    ['a bot listed twice', { ...BASE_CONFIG, accounts: [{ clientId: 'a', clientSecret: 'b', bots: [{ botId: '1' }, { botId: '1' }] }] }, /listed twice/],
    ['a non-http webhook', { ...BASE_CONFIG, accounts: [{ clientId: 'a', clientSecret: 'b', webhookUrl: 'ftp://x', bots: [{ botId: '1' }] }] }, /webhookUrl/],
    ['a bad duration', { ...BASE_CONFIG, auth: { tokenTtl: 'soon' } }, /tokenTtl/],
  ])('refuses %s with RCS_ERR_CONFIG naming the field', (_name, input, message) => {
    expect(() => parseRcsConfig(input)).toThrow(expect.objectContaining({ code: 'RCS_ERR_CONFIG', message: expect.stringMatching(message) }));
  });
});
