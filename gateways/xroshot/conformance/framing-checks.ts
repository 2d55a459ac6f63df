// Framing: every frame is one UTF-8 XML document followed by a NUL octet, however TCP cuts or joins them.
import { fail, pass, silenceVerdict, skip, type ConformanceCheck } from './conformance-check.ts';
import { sendRequest } from './check-context.ts';
import { SOURCE } from './check-sources.ts';
import { encodeMas } from '../codec/mas-encoder.ts';

export const framingChecks: ConformanceCheck[] = [
  {
    id: 'framing.nul-terminated',
    title: 'req_auth is answered by a res_auth frame ended by a NUL octet',
    source: SOURCE.framing,
    async run(ctx) {
      const session = await ctx.open();
      const resp = await session.request({ method: 'req_auth', serviceProviderId: ctx.serviceProviderId }, 'res_auth', ctx.timeoutMs);
      if (!resp) {
        if (session.unterminated > 0) return fail(`the server sent ${session.unterminated} octets but no NUL terminator within ${ctx.timeoutMs}ms`);
        return silenceVerdict(session, 'req_auth', ctx.timeoutMs);
      }
      if (session.undecodable.length > 0) return fail(`a frame before res_auth does not decode: ${session.undecodable[0].error.message}`);
      return pass(`res_auth Result ${resp.result}`);
    },
  },
  {
    id: 'framing.split-and-joined',
    title: 'frames joined in one TCP write and a frame cut across writes are each answered',
    source: SOURCE.framing,
    async run(ctx) {
      const session = await ctx.open();
      const one = encodeMas({ method: 'req_auth', serviceProviderId: ctx.serviceProviderId });
      const from = session.received.length;
      session.sendRaw(Buffer.concat([one, one, one.subarray(0, 7)]));
      await new Promise((r) => setTimeout(r, 50));
      session.sendRaw(one.subarray(7));
      const deadline = Date.now() + ctx.timeoutMs;
      const answers = () => session.received.slice(from).filter((m) => m.method === 'res_auth').length;
      while (answers() < 3 && Date.now() < deadline && !session.closed) {
        await session.waitFor((m) => m.method === 'res_auth', deadline - Date.now());
      }
      if (answers() === 3) return pass('3 req_auth (two in one write, one cut in two) -> 3 res_auth');
      if (answers() === 0) return silenceVerdict(session, '3 req_auth', ctx.timeoutMs);
      return fail(`3 req_auth (two in one write, one cut in two) -> ${answers()} res_auth`);
    },
  },
  {
    id: 'framing.utf8',
    title: 'an LMS whose Korean subject is cut inside a UTF-8 character across writes is accepted, and answers are UTF-8',
    source: SOURCE.framing,
    async run(ctx) {
      const { session, cipher } = await ctx.openRegistered();
      const req = sendRequest(cipher, { callback: ctx.callback, recipients: [ctx.recipient], subject: '한글 제목', text: '유니코드 본문' });
      const frame = encodeMas(req);
      const at = frame.indexOf(Buffer.from('한', 'utf8')) + 1;
      const from = session.received.length;
      session.sendRaw(frame.subarray(0, at));
      await new Promise((r) => setTimeout(r, 50));
      session.sendRaw(frame.subarray(at));
      const all = await session.waitFor((m) => m.method === 'res_send_message_all', ctx.timeoutMs, from);
      if (!all) {
        const v = silenceVerdict(session, 'req_send_message_2 with a Korean subject', ctx.timeoutMs);
        return v.status === 'fail' && !session.closed ? skip(v.detail ?? '', 'send.accepted') : v;
      }
      const bad = session.undecodable.find((u) => /UTF-8/i.test(u.error.message));
      if (bad) return fail(`an answer is not UTF-8: ${bad.error.message}`);
      if (all.method !== 'res_send_message_all' || all.result !== 0) return fail(`expected Result 0 for a Korean LMS, got ${all.method} Result ${'result' in all ? all.result : '?'}`);
      return pass('res_send_message_all Result 0');
    },
  },
];
