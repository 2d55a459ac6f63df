// GET /rcs/bot/v1/{botId}/contactCapabilities?userContact=...: the network decides. RCS features for
// the own carrier's Android subscribers with RCS; 404 41200 (non-RCS user) for everyone else.
import type { FastifyInstance } from 'fastify';
import { RCS_FEATURES, type CapabilityResponse } from '../codec/capability-schema.ts';
import { RCS_RESULT } from '../codec/rcs-result-codes.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import { authorize } from './bearer-auth.ts';
import { actOutFault, sendViolation, simulatedDelay, type HeldRequests } from './http-answer.ts';
import type { RcsContext } from './rcs-context.ts';
import { REJECT_RESULT } from './rcs-outcome-table.ts';
import type { Violation } from './send-validator.ts';
import { unreachableBy } from './status-plan.ts';

export function registerCapabilityRoute(app: FastifyInstance, ctx: () => RcsContext, held: HeldRequests): void {
  app.get<{ Params: { botId: string }; Querystring: Record<string, unknown> }>('/rcs/bot/v1/:botId/contactCapabilities', async (req, reply) => {
    const c = ctx();
    c.stats.inc('contactCapabilities');
    const { botId } = req.params;
    const refuse = (v: Violation) => {
      c.stats.inc(`contactCapabilities:${v.result.code}`);
      c.log.push({ at: c.clock.now(), op: 'contactCapabilities', botId, http: v.result.http ?? 400, code: v.result.code });
      return sendViolation(reply, v);
    };
    const caller = authorize(c, req.headers.authorization, botId);
    if (!caller.ok) return refuse(caller.violation);
    const raw = req.query.userContact;
    const national = typeof raw === 'string' ? normalizeMsisdn(raw) : null;
    if (typeof raw !== 'string' || national === null) {
      return refuse({ result: RCS_RESULT.INVALID_DEST_NUMBER, message: 'userContact must be one Korean mobile number (+8210..., 010...)' });
    }
    const subscriber = c.network.lookup(national);
    const d = c.behaviour.decide({ operation: 'contactCapabilities', account: caller.account.account.clientId, source: botId, destination: national, subscriber });
    const wait = simulatedDelay(c.clock, d.latencyMs);
    if (wait) await wait;
    if (d.response.kind === 'fault' && d.response.fault !== 'silent') return actOutFault(req, reply, d.response.fault, held);
    if (d.response.kind === 'reject') return refuse({ result: REJECT_RESULT[d.response.reason], message: `refused by ${d.rule ?? 'behaviour'}` });
    const capable = c.cfg.quirks.capabilityForAll ? subscriber !== null : unreachableBy(subscriber, c.network.ownCarrier) === null;
    if (!capable) return refuse({ result: RCS_RESULT.NON_RCS_USER, message: `${raw} is not an RCS user of this network` });
    c.log.push({ at: c.clock.now(), op: 'contactCapabilities', botId, userContact: raw, http: 200 });
    const out: CapabilityResponse = { userContact: raw, capabilities: [...RCS_FEATURES] };
    return reply.send(out);
  });
}
