// The number-portability lookup the engine routes by: which carrier serves a number now, and whether
// it was ported. Nothing else about the subscriber leaks here; device and RCS capability are learnt
// through the gateways' own protocols.
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
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

/** One number of a batch that has no record: the same code and message GET would answer with. */
export interface NpItemError {
  /** National form when the number is well-formed, else the input unchanged. */
  msisdn: string;
  error: { code: 'NETWORK_ERR_BAD_MSISDN' | 'NETWORK_ERR_NOT_IN_SERVICE'; message: string };
}

export type NpBatchResult = NpRecord | NpItemError;

/** Most numbers one POST /np/v1/lookup may carry (an engine batch intake is 10,000 recipients). */
export const NP_MAX_BATCH = 10_000;
// 10,000 numbers in their longest accepted spelling (32 characters) plus JSON quoting fit well within.
const BATCH_BODY_LIMIT = 1024 * 1024;

export interface NpApiOptions {
  /** fastify logger; off by default (tests and the CLI print their own lines). */
  logger?: boolean;
}

export function createNpApi(network: Network, options: NpApiOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });

  function resolve(msisdn: string): NpBatchResult {
    const national = normalizeMsisdn(msisdn);
    const subscriber = national === null ? null : network.lookup(national);
    if (subscriber === null) return { msisdn, error: { code: 'NETWORK_ERR_BAD_MSISDN', message: `'${msisdn}' is not a Korean mobile number` } };
    if (subscriber.reachability === 'invalid') {
      return { msisdn: subscriber.msisdn, error: { code: 'NETWORK_ERR_NOT_IN_SERVICE', message: `${subscriber.msisdn} is not in service` } };
    }
    return {
      msisdn: subscriber.msisdn,
      carrier: subscriber.carrier,
      mvno: subscriber.mvno,
      ported: subscriber.reachability === 'ported',
      portedFrom: subscriber.portedFrom,
    };
  }

  app.get('/healthz', async () => ({ status: 'ok', ownCarrier: network.ownCarrier }));

  app.get<{ Params: { msisdn: string } }>('/np/v1/:msisdn', async (request, reply) => {
    const result = resolve(request.params.msisdn);
    if (!('error' in result)) return result;
    return sendError(reply, result.error.code === 'NETWORK_ERR_BAD_MSISDN' ? 400 : 404, result.error.code, result.error.message);
  });

  // The engine resolves a whole batch intake in one round trip; per-number problems are results, so
  // one bad recipient does not fail the other 9,999.
  app.post('/np/v1/lookup', { bodyLimit: BATCH_BODY_LIMIT }, async (request, reply) => {
    const problem = batchProblem(request.body);
    if (problem !== null) return sendError(reply, 400, 'NETWORK_ERR_BAD_REQUEST', problem);
    const msisdns = (request.body as { msisdns: string[] }).msisdns;
    const results: NpBatchResult[] = new Array(msisdns.length);
    for (let i = 0; i < msisdns.length; i++) results[i] = resolve(msisdns[i]);
    return { results };
  });

  // fastify's own refusals (bad JSON, body too large, wrong content type) in the API's error shape.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) throw error;
    return sendError(reply, status, 'NETWORK_ERR_BAD_REQUEST', error.message);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'NETWORK_ERR_NOT_FOUND', `no route for ${request.method} ${request.url}`));
  return app;
}

function batchProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object { "msisdns": [...] }';
  const extra = Object.keys(body).filter((k) => k !== 'msisdns');
  if (extra.length > 0) return `unknown field '${extra[0]}'; the body is { "msisdns": [...] }`;
  const msisdns = (body as { msisdns?: unknown }).msisdns;
  if (!Array.isArray(msisdns)) return 'msisdns must be an array of strings';
  if (msisdns.length === 0) return 'msisdns must hold at least one number';
  if (msisdns.length > NP_MAX_BATCH) return `msisdns holds ${msisdns.length} numbers; at most ${NP_MAX_BATCH} per request`;
  const bad = msisdns.findIndex((m) => typeof m !== 'string');
  if (bad !== -1) return `msisdns[${bad}] must be a string, got ${msisdns[bad] === null ? 'null' : typeof msisdns[bad]}`;
  return null;
}

function sendError(reply: FastifyReply, status: number, code: NetworkErrorCode, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}
