// The simulator configuration every interop test uses: the default account and sender, every message
// delivered, receipts after 50 ms so a real peer sees the whole cycle within a test.
import { KNOWN_SUBSCRIBERS } from '../../gateways/network/known-subscribers.ts';

export const INTEROP_ACCOUNT = { systemId: 'msgsim', password: 'secret' } as const;
export const INTEROP_SENDER = '15880000';
/** KT Android subscriber, switched on: SMS to it is delivered. */
export const INTEROP_RECIPIENT = KNOWN_SUBSCRIBERS.ktAndroidRcs;

export const INTEROP_SIMULATOR_CONFIG = `
accounts:
  - systemId: ${INTEROP_ACCOUNT.systemId}
    password: ${INTEROP_ACCOUNT.password}
    maxBinds: 4
    senders: ['${INTEROP_SENDER}']
behaviour:
  version: 1
  latency: 0
  reports:
    outcomes: { delivered: 1 }
    delay: 50
`;
