// Capability query: RCS reaches the carrier's own Android subscribers with RCS; iPhones and other
// carriers' subscribers must be reported as non-RCS users so the sender falls back to MMS.
import { capabilityResponseSchema } from '../codec/capability-schema.ts';
import { describeAnswer, fail, pass, type CheckContext, type ConformanceCheck } from './conformance-check.ts';

/** Codes that say "RCS cannot reach this user": Samsung MaaP GW 41200, MaaP-FE 54001/54002. */
export const NOT_CAPABLE_CODES = new Set([41200, 54001, 54002]);

const query = async (ctx: CheckContext, contact: string) =>
  ctx.wire.request({ method: 'GET', path: `/rcs/bot/v1/${encodeURIComponent(ctx.botId)}/contactCapabilities?userContact=${encodeURIComponent(contact)}`, token: await ctx.token() });

export const capabilityChecks: ConformanceCheck[] = [
  {
    id: 'capability.capable',
    title: 'the capability query for an RCS user answers 200 with userContact and a capabilities list',
    clause: 'GSMA FNW.11 contactCapabilities',
    async run(ctx) {
      const a = await query(ctx, ctx.capableContact);
      if (a.kind !== 'answer' || a.status !== 200) return fail(`${ctx.capableContact}: ${describeAnswer(a)}, expected 200`);
      const parsed = capabilityResponseSchema.safeParse(a.body);
      if (!parsed.success) return fail(`body is not { userContact, capabilities: [...] }: ${JSON.stringify(a.body).slice(0, 200)}`);
      return pass(`${parsed.data.capabilities.length} capabilities`);
    },
  },
  {
    id: 'capability.not-capable',
    title: 'the capability query for users RCS cannot reach (an iPhone, another carrier) answers 404 non-RCS user',
    clause: 'GSMA FNW.11 contactCapabilities; KT code sheet Samsung MaaP GW 41200 (MaaP-FE 54001/54002 accepted)',
    async run(ctx) {
      const seen: string[] = [];
      for (const contact of ctx.notCapableContacts) {
        const a = await query(ctx, contact);
        if (a.kind !== 'answer') return fail(`${contact}: ${describeAnswer(a)}`);
        if (a.status === 200) return fail(`${contact}: answered 200 (RCS-capable); RCS cannot reach this user`);
        if (a.status !== 404 || a.code === null || !NOT_CAPABLE_CODES.has(a.code)) return fail(`${contact}: ${describeAnswer(a)}, expected HTTP 404 code 41200`);
        seen.push(`${contact} ${a.code}`);
      }
      return pass(seen.join(', '));
    },
  },
];
