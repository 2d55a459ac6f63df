import { describe, expect, it } from 'vitest';
import { parseSmppTarget, resolveClientOptions } from '../../../../gateways/smsvas/client/client-options.ts';

describe('client options', () => {
  it('reads smpp://systemId:password@host:port, percent-decoding the credentials', () => {
    expect(parseSmppTarget('smpp://msg%40sim:p%3Ass@127.0.0.1:2776')).toEqual({ host: '127.0.0.1', port: 2776, systemId: 'msg@sim', password: 'p:ss' });
    expect(parseSmppTarget('smpp://a:b@localhost').port).toBe(2775);
  });

  it('refuses targets that are not smpp URLs', () => {
    expect(() => parseSmppTarget('http://a:b@host:1')).toThrow(expect.objectContaining({ code: 'SMSVAS_ERR_BAD_TARGET' }));
    expect(() => parseSmppTarget('nonsense')).toThrow(expect.objectContaining({ code: 'SMSVAS_ERR_BAD_TARGET' }));
  });

  it('fills the documented defaults and lets fields override the target', () => {
    const o = resolveClientOptions({ target: 'smpp://msgsim:secret@127.0.0.1:2775', port: 3000 });
    expect(o).toMatchObject({ port: 3000, systemId: 'msgsim', binds: 1, mode: 'trx', window: 100, responseTimeoutMs: 10_000, tps: null, method: 'udh8' });
  });

  it('refuses values SMPP 3.4 or the client cannot honour', () => {
    expect(() => resolveClientOptions({ systemId: 'a'.repeat(16), password: 'x' })).toThrow(expect.objectContaining({ code: 'SMSVAS_ERR_CONFIG' }));
    expect(() => resolveClientOptions({ systemId: 'a', window: 0 })).toThrow(expect.objectContaining({ code: 'SMSVAS_ERR_CONFIG' }));
    expect(() => resolveClientOptions({ systemId: 'a', tps: -1 })).toThrow(expect.objectContaining({ code: 'SMSVAS_ERR_CONFIG' }));
    expect(() => resolveClientOptions({})).toThrow(expect.objectContaining({ code: 'SMSVAS_ERR_CONFIG' }));
  });
});
