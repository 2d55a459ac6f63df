// The number-portability lookup the engine routes by: which carrier serves a number now, and whether
// it was ported. Nothing else about the subscriber leaks here; device and RCS capability are learnt
// through the gateways' own protocols.
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Network } from './create-network.ts';
import type { Carrier } from './subscriber.ts';
import { normalizeMsisdn } from './normalize-msisdn.ts';
import type { NetworkErrorCode } from './network-errors.ts';

export interface NpRecord {
  /** National form, e.g. 01012345678. */
  msisdn: string;
  carrier: Carrier;
  mvno: string | null;
  ported: boolean;
  portedFrom: Carrier | null;
}

export interface NpApiOptions {
  /** fastify logger; off by default (tests and the CLI print their own lines). */
  logger?: boolean;
}

export function createNpApi(network: Network, options: NpApiOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });

  app.get('/healthz', async () => ({ status: 'ok', ownCarrier: network.ownCarrier }));

  app.get<{ Params: { msisdn: string } }>('/np/v1/:msisdn', async (request, reply) => {
    const national = normalizeMsisdn(request.params.msisdn);
    const subscriber = national === null ? null : network.lookup(national);
    if (subscriber === null) {
      return sendError(reply, 400, 'NETWORK_ERR_BAD_MSISDN', `'${request.params.msisdn}' is not a Korean mobile number`);
    }
    if (subscriber.reachability === 'invalid') {
      return sendError(reply, 404, 'NETWORK_ERR_NOT_IN_SERVICE', `${subscriber.msisdn} is not in service`);
    }
    const record: NpRecord = {
      msisdn: subscriber.msisdn,
      carrier: subscriber.carrier,
      mvno: subscriber.mvno,
      ported: subscriber.reachability === 'ported',
      portedFrom: subscriber.portedFrom,
    };
    return record;
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'NETWORK_ERR_NOT_FOUND', `no route for ${request.method} ${request.url}`));
  return app;
}

function sendError(reply: FastifyReply, status: number, code: NetworkErrorCode, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}
