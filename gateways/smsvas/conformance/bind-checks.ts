// Binding: the three bind types, and the refusals a 3.4 SMSC must name precisely.
import { COMMAND_ID } from '../codec/command-id.ts';
import { COMMAND_STATUS as S, commandStatusName } from '../codec/command-status.ts';
import { describePdu, fail, pass, type BindKind, type CheckContext, type ConformanceCheck } from './conformance-check.ts';
import { bindPdu } from './esme-pdus.ts';

const respId = (kind: BindKind) => (COMMAND_ID[kind] | 0x80000000) >>> 0;

function bindOk(kind: BindKind, clause: string, title: string): ConformanceCheck {
  return {
    id: `bind.${kind.slice('bind_'.length)}`,
    title,
    clause,
    async run(ctx) {
      const session = await ctx.open();
      const resp = await session.request(bindPdu(kind, ctx.target.systemId, ctx.target.password, session.nextSeq()), ctx.timeoutMs);
      if (!resp) return fail(`no response to ${kind} within ${ctx.timeoutMs}ms`);
      if (resp.command_id !== respId(kind)) return fail(`expected ${kind}_resp, got ${describePdu(resp)}`);
      if (resp.command_status !== S.ESME_ROK) return fail(`${kind} refused with ${commandStatusName(resp.command_status)}`);
      if (typeof resp.system_id !== 'string' || resp.system_id === '') return fail(`${kind}_resp has an empty system_id`);
      // §5.3.2.25: an SMSC answering a 3.4 bind names its own version, so the ESME knows which TLVs it may use.
      const v = resp.sc_interface_version;
      if (v === undefined) return fail(`${kind}_resp lacks sc_interface_version (interface_version 0x34 was sent)`);
      if (v !== 0x34) return fail(`${kind}_resp sc_interface_version is 0x${Number(v).toString(16)}, expected 0x34`);
      return pass(`system_id ${resp.system_id}, sc_interface_version 0x34`);
    },
  };
}

function bindRefused(id: string, title: string, clause: string, expected: number, creds: (ctx: CheckContext) => { systemId: string; password: string }): ConformanceCheck {
  return {
    id,
    title,
    clause,
    async run(ctx) {
      const session = await ctx.open();
      const c = creds(ctx);
      const resp = await session.request(bindPdu('bind_transmitter', c.systemId, c.password, session.nextSeq()), ctx.timeoutMs);
      if (!resp) {
        return fail(session.closed ? `connection closed without a bind_transmitter_resp` : `no response within ${ctx.timeoutMs}ms`);
      }
      if (resp.command === 'bind_transmitter_resp' && resp.command_status === expected) {
        return pass(`${describePdu(resp)}`);
      }
      return fail(`expected bind_transmitter_resp ${commandStatusName(expected)}, got ${describePdu(resp)}`);
    },
  };
}

/** A system_id no SMSC provisions: 15 characters (the 3.4 maximum), derived from the real one. */
function unknownSystemId(real: string): string {
  const candidate = 'zz-no-such-esme';
  return candidate === real ? 'zz-not-an-esme!' : candidate;
}

export const bindChecks: ConformanceCheck[] = [
  bindOk('bind_transmitter', '§4.1.1 bind_transmitter, §4.1.2 bind_transmitter_resp, §5.2.4 interface_version, §5.3.2.25 sc_interface_version', 'bind_transmitter with interface_version 0x34 is accepted and the response carries sc_interface_version'),
  bindOk('bind_receiver', '§4.1.3 bind_receiver, §4.1.4 bind_receiver_resp, §5.2.4 interface_version, §5.3.2.25 sc_interface_version', 'bind_receiver with interface_version 0x34 is accepted and the response carries sc_interface_version'),
  bindOk('bind_transceiver', '§4.1.5 bind_transceiver, §4.1.6 bind_transceiver_resp, §5.2.4 interface_version, §5.3.2.25 sc_interface_version', 'bind_transceiver with interface_version 0x34 is accepted and the response carries sc_interface_version'),
  bindRefused('bind.bad-password', 'a bind with a wrong password is refused with ESME_RINVPASWD', '§4.1.1 bind_transmitter, §5.2.2 password, §5.1.3 command_status', S.ESME_RINVPASWD, (ctx) => ({
    systemId: ctx.target.systemId,
    password: ctx.target.password === 'wr0ngpw' ? 'wr0ngpw2' : 'wr0ngpw',
  })),
  bindRefused('bind.unknown-system-id', 'a bind with an unknown system_id is refused with ESME_RINVSYSID', '§4.1.1 bind_transmitter, §5.2.1 system_id, §5.1.3 command_status', S.ESME_RINVSYSID, (ctx) => ({
    systemId: unknownSystemId(ctx.target.systemId),
    password: ctx.target.password,
  })),
  {
    id: 'bind.already-bound',
    title: 'a second bind on a bound session is refused with ESME_RALYBND',
    clause: '§2.2 SMPP Sessions, §4.1.1 bind_transmitter, §5.1.3 command_status',
    async run(ctx) {
      const { session } = await ctx.openBound('bind_transmitter');
      const resp = await session.request(bindPdu('bind_transmitter', ctx.target.systemId, ctx.target.password, session.nextSeq()), ctx.timeoutMs);
      if (!resp) return fail(session.closed ? 'connection closed instead of answering the second bind' : `no response to the second bind within ${ctx.timeoutMs}ms`);
      if (resp.command === 'bind_transmitter_resp' && resp.command_status === S.ESME_RALYBND) return pass(describePdu(resp));
      return fail(`expected bind_transmitter_resp ESME_RALYBND, got ${describePdu(resp)}`);
    },
  },
];
