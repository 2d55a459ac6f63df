// Garbage: a frame the server cannot use gets an error Result (or, where nothing can be trusted, a
// close), never a success and never silence; and the server goes on serving other agents.
import { sniffMethod } from '../codec/mas-document.ts';
import type { MasMessage } from '../codec/mas-message.ts';
import { SOURCE } from './check-sources.ts';
import { describeFrame, fail, pass, type CheckContext, type ConformanceCheck, type CheckVerdict } from './conformance-check.ts';
import type { MasWireSession } from './mas-wire-session.ts';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

/** A fresh connection still gets res_auth: the server survived. */
async function serverStillServes(ctx: CheckContext): Promise<string | null> {
  const probe = await ctx.open();
  const resp = await probe.request({ method: 'req_auth', serviceProviderId: ctx.serviceProviderId }, 'res_auth', ctx.timeoutMs);
  return resp ? null : 'afterwards a new connection got no res_auth: the server stopped serving';
}

async function judge(ctx: CheckContext, session: MasWireSession, garbage: Buffer, what: string): Promise<CheckVerdict> {
  const from = session.received.length;
  const undecodableFrom = session.undecodable.length;
  session.sendRaw(garbage);
  const deadline = Date.now() + ctx.timeoutMs;
  let seen: string | null = null;
  while (seen === null) {
    const answer = session.received.slice(from).find((m: MasMessage) => m.method.startsWith('res_'));
    const odd = session.undecodable[undecodableFrom];
    if (answer) {
      if (!('result' in answer) || answer.result === 0) return fail(`${what} was answered as a success: ${describeFrame(answer)}`);
      seen = describeFrame(answer);
    } else if (odd) {
      // An answer naming a method this suite does not know (res_<unknown>) is still an answer: judge its Result.
      const text = odd.frame.toString('utf8');
      const method = sniffMethod(text) ?? 'a frame';
      const result = /<Result>\s*(\d+)\s*<\/Result>/.exec(text)?.[1];
      if (result === undefined || result === '0') return fail(`${what} was answered by ${method} ${result === undefined ? 'without a Result' : 'Result 0'}`);
      seen = `${method} Result ${result}`;
    } else if (session.closed) seen = 'the server closed the connection';
    else if (Date.now() >= deadline || !(await session.waitActivity(deadline - Date.now()))) {
      return fail(`${what}: neither an error Result nor a close within ${ctx.timeoutMs}ms`);
    }
  }
  if (!session.closed) {
    // The session was kept: it must still work.
    const again = await session.request({ method: 'req_auth', serviceProviderId: ctx.serviceProviderId }, 'res_auth', ctx.timeoutMs);
    if (!again) return fail(`${seen}, but the session it kept then ignored req_auth`);
  }
  const dead = await serverStillServes(ctx);
  return dead ? fail(`${seen}; ${dead}`) : pass(seen);
}

export const garbageChecks: ConformanceCheck[] = [
  {
    id: 'garbage.not-xml',
    title: 'a NUL-terminated frame that is not XML gets an error Result or a close; the server keeps serving',
    source: SOURCE.garbage,
    async run(ctx) {
      const { session } = await ctx.openRegistered();
      return judge(ctx, session, Buffer.from('this is not a MAS frame\0', 'utf8'), 'a frame that is not XML');
    },
  },
  {
    id: 'garbage.unknown-method',
    title: 'a <MAS> frame with an unknown method gets an error Result or a close; the server keeps serving',
    source: SOURCE.garbage,
    async run(ctx) {
      const { session } = await ctx.openRegistered();
      return judge(ctx, session, Buffer.from(`${DECL}<MAS method="req_no_such_method"><Result>0</Result></MAS>\0`, 'utf8'), 'method req_no_such_method');
    },
  },
  {
    id: 'garbage.missing-field',
    title: 'a req_send_message_2 without <Message> gets a non-zero Result or a close; the server keeps serving',
    source: `${SOURCE.garbage}; ${SOURCE.send}`,
    async run(ctx) {
      const { session } = await ctx.openRegistered();
      const frame = `${DECL}<MAS method="req_send_message_2"><MessageType>1</MessageType><MessageSubType>1</MessageSubType><CallbackNumber>x</CallbackNumber><CustomMessageID>nomessage</CustomMessageID></MAS>\0`;
      return judge(ctx, session, Buffer.from(frame, 'utf8'), 'req_send_message_2 without <Message>');
    },
  },
  {
    id: 'garbage.doctype',
    title: 'a frame with a DOCTYPE/ENTITY declaration is refused (error Result or close), never expanded; the server keeps serving',
    source: SOURCE.garbage,
    async run(ctx) {
      const { session } = await ctx.openRegistered();
      const frame = `${DECL}<!DOCTYPE MAS [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><MAS method="req_ping"><Result>&b;</Result></MAS>\0`;
      return judge(ctx, session, Buffer.from(frame, 'utf8'), 'a frame declaring entities');
    },
  },
  {
    id: 'garbage.invalid-utf8',
    title: 'a frame that is not valid UTF-8 gets an error Result or a close; the server keeps serving',
    source: `${SOURCE.garbage}; ${SOURCE.framing}`,
    async run(ctx) {
      const { session } = await ctx.openRegistered();
      const frame = Buffer.concat([Buffer.from(`${DECL}<MAS method="req_ping"><Result>`, 'utf8'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('</Result></MAS>\0', 'utf8')]);
      return judge(ctx, session, frame, 'a frame with invalid UTF-8');
    },
  },
];
