// The context one check runs in: connections it opens are tracked so the runner can close them
// whatever the check did; results worth sharing (one receipt observed for several checks) come from
// the run's shared results.
import { trackConnections, type SharedResults } from '../../kit/conformance-check.ts';
import type { CheckScope } from '../../kit/conformance-runner.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { COMMAND_ID } from '../codec/command-id.ts';
import { describePdu, fail, VerdictSignal, type BindKind, type CheckContext, type CheckSettings } from './conformance-check.ts';
import { bindPdu } from './esme-pdus.ts';
import type { SmppTarget } from './smpp-target.ts';
import { openWireSession } from './wire-session.ts';

export function createCheckContext(target: SmppTarget, settings: CheckSettings, shared: SharedResults): CheckScope<CheckContext> {
  const connections = trackConnections(() => openWireSession(target, settings.timeoutMs));
  const open = connections.open;
  const ctx: CheckContext = {
    ...settings,
    target,
    open,
    async openBound(kind: BindKind) {
      const session = await open();
      const resp = await session.request(bindPdu(kind, target.systemId, target.password, session.nextSeq()), settings.timeoutMs);
      if (!resp) throw new VerdictSignal(fail(`${kind} was not answered within ${settings.timeoutMs}ms; cannot test on a bound session`));
      if (resp.command_id !== ((COMMAND_ID[kind] | 0x80000000) >>> 0) || resp.command_status !== S.ESME_ROK) {
        throw new VerdictSignal(fail(`${kind} as ${target.systemId} refused (${describePdu(resp)}); cannot test on a bound session`));
      }
      return { session, resp };
    },
    shared,
  };
  return { ctx, cleanup: connections.closeAll };
}
