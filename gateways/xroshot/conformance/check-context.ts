// The context one check runs in: connections it opens are tracked so the runner closes them whatever
// the check did; registration and message building are shared helpers; results worth sharing (one
// accepted message observed by several checks) are computed once per run.
import { trackConnections, type SharedResults } from '../../kit/conformance-check.ts';
import type { CheckScope } from '../../kit/conformance-runner.ts';
import { authKeyAt, createFieldCipher, sealAuthTicket, type FieldCipher } from '../codec/auth-crypto.ts';
import type { ReqSendMessage2 } from '../codec/mas-message.ts';
import { MESSAGE_TYPE, MMS_SUBTYPE } from '../codec/message-type.ts';
import { describeFrame, silenceVerdict, fail, VerdictSignal, type CheckContext, type CheckSettings, type Registered } from './conformance-check.ts';
import { openMasWireSession, type MasWireSession } from './mas-wire-session.ts';

let keySeq = 0;

/** A one-time key unique within the run, so no two sessions of a run seal alike. */
function oneTimeKey(): string {
  return `conformance${Date.now().toString(36)}${(++keySeq).toString(36)}`;
}

/** req_auth then req_regist on `session`; returns every answer so a check can judge them. */
export async function register(session: MasWireSession, s: CheckSettings, password = s.password) {
  const auth = await session.request({ method: 'req_auth', serviceProviderId: s.serviceProviderId }, 'res_auth', s.timeoutMs);
  if (!auth || auth.result !== 0 || auth.time === null) return { auth, regist: null, cipher: null };
  const key = oneTimeKey();
  const ticket = sealAuthTicket({ serviceProviderId: s.serviceProviderId, password, endUserId: s.endUserId, serverTime: auth.time, oneTimeKey: key }, authKeyAt(s.certificate, 0) as string);
  const regist = await session.request(
    { method: 'req_regist', serviceProviderId: s.serviceProviderId, endUserId: s.endUserId, authTicket: ticket, authKey: 0, version: '1.0.15' },
    'res_regist',
    s.timeoutMs,
  );
  return { auth, regist, cipher: createFieldCipher(key) };
}

let messageSeq = 0;

/** A req_send_message_2 sealed under `cipher`; an LMS when `subject` is given. */
export function sendRequest(cipher: FieldCipher, o: { callback: string; recipients: string[]; text?: string; subject?: string }): ReqSendMessage2 {
  const lms = o.subject !== undefined;
  return {
    method: 'req_send_message_2',
    messageType: lms ? MESSAGE_TYPE.MMS : MESSAGE_TYPE.SMS,
    messageSubType: lms ? MMS_SUBTYPE.TEXT : 1,
    callbackNumber: cipher.encrypt(o.callback),
    customMessageId: `conf${Date.now().toString(36)}${(++messageSeq).toString(36)}`,
    reserveType: null,
    reserveTime: null,
    recipients: o.recipients.map((n, i) => ({ seqNo: i + 1, number: cipher.encrypt(n) })),
    subject: o.subject ?? '',
    content: cipher.encrypt(o.text ?? 'msgsim conformance', 'euc-kr'),
    attachments: [],
  };
}

export function createCheckContext(settings: CheckSettings, shared: SharedResults): CheckScope<CheckContext> {
  const connections = trackConnections(() => openMasWireSession(settings.host, settings.port, settings.timeoutMs));
  const open = connections.open;
  const ctx: CheckContext = {
    ...settings,
    open,
    async openRegistered(): Promise<Registered> {
      const session = await open();
      const { auth, regist, cipher } = await register(session, settings);
      if (!auth) throw new VerdictSignal(silenceVerdict(session, 'req_auth', settings.timeoutMs));
      if (!regist || !cipher) {
        if (auth.result !== 0) throw new VerdictSignal(fail(`req_auth as ${settings.serviceProviderId} refused (${describeFrame(auth)}); cannot test on a registered session`));
        throw new VerdictSignal(silenceVerdict(session, 'req_regist', settings.timeoutMs));
      }
      if (regist.result !== 0) throw new VerdictSignal(fail(`req_regist as ${settings.serviceProviderId}/${settings.endUserId} refused (${describeFrame(regist)}); cannot test on a registered session`));
      return { session, regist, cipher };
    },
    shared,
  };
  return { ctx, cleanup: connections.closeAll };
}
