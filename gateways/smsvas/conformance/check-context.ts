// The context one check runs in: connections it opens are tracked so the runner can close them
// whatever the check did, and results worth sharing (one receipt observed for several checks) are
// computed once per run.
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { COMMAND_ID } from '../codec/command-id.ts';
import { describePdu, fail, VerdictSignal, type BindKind, type CheckContext, type CheckSettings } from './conformance-check.ts';
import { bindPdu } from './esme-pdus.ts';
import type { SmppTarget } from './smpp-target.ts';
import { openWireSession, type WireSession } from './wire-session.ts';

export interface TrackedContext {
  ctx: CheckContext;
  /** Closes every connection the check opened. */
  cleanup(): Promise<void>;
}

export function createCheckContext(target: SmppTarget, settings: CheckSettings, memo: Map<string, Promise<unknown>>): TrackedContext {
  const sessions: WireSession[] = [];
  const open = async (): Promise<WireSession> => {
    let s: WireSession;
    try {
      s = await openWireSession(target, settings.timeoutMs);
    } catch (err) {
      throw new VerdictSignal(fail((err as Error).message));
    }
    sessions.push(s);
    return s;
  };
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
    shared<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = compute();
        memo.set(key, p);
      }
      return p;
    },
  };
  return {
    ctx,
    async cleanup() {
      await Promise.all(sessions.map((s) => s.close()));
    },
  };
}
