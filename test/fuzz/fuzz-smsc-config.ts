// The simulator config the fuzz runs use: the bundled one with the fast-receipts preset, plus a
// dedicated account for the canary (so no fuzzing bind of the same account takes its receipts), and
// short retention so that every piece of pending state drains within seconds of the last PDU.
import { loadSmscConfig, type SmscConfig } from '../../gateways/smsvas/simulator/smsc-config.ts';

export const CANARY_ACCOUNT = { systemId: 'canary', password: 'canary', sender: '15880000' } as const;
export const FUZZ_ACCOUNT = { systemId: 'msgsim', password: 'secret', sender: '15880000' } as const;
export const TENANT_ACCOUNT = { systemId: 'tenant2', password: 'secret2', sender: '15770000' } as const;
export const REACHABLE = '01012340001';

export function fuzzSmscConfig(): SmscConfig {
  const base = loadSmscConfig(undefined, 'fast-receipts');
  return {
    ...base,
    accounts: [
      // Fuzzing binds come and go by the hundred; the account must never run out of binds.
      ...base.accounts.map((a) => ({ ...a, maxBinds: 64 })),
      { systemId: CANARY_ACCOUNT.systemId, password: CANARY_ACCOUNT.password, maxBinds: 2, senders: [CANARY_ACCOUNT.sender] },
    ],
    sms: { ...base.sms, reassemblyTimeout: 1_500 },
    delivery: { ...base.delivery, queueLimit: 2_000, responseTimeout: 2_000, retryDelay: 500, maxAttempts: 2 },
    receipts: { ...base.receipts, retainFinal: 2_000 },
  };
}
