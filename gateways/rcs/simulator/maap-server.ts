// The MaaP HTTP server: body parsing (JSON, and forms for the token endpoint), one JSON error body
// for every 4xx/5xx fastify itself raises, and the routes. Nothing a client sends may crash it.
import { fastify, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { errorBody } from '../codec/error-body.ts';
import { RCS_RESULT, type RcsResultCode } from '../codec/rcs-result-codes.ts';
import { registerCapabilityRoute } from './capability-route.ts';
import type { HeldRequests } from './http-answer.ts';
import type { RcsContext } from './rcs-context.ts';
import { registerSendRoutes } from './send-route.ts';
import { registerTokenRoute } from './token-route.ts';

// Body too large, unsupported media type, bad URL and the like are all parameter errors to MaaP.
function resultForFastify(err: FastifyError): RcsResultCode {
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return RCS_RESULT.JSON_PARSING_ERROR;
  return RCS_RESULT.PARAMETER_ERROR;
}

export function createMaapServer(ctx: () => RcsContext, held: HeldRequests, opts: { bodyLimit: number }): FastifyInstance {
  const app = fastify({
    logger: false,
    bodyLimit: opts.bodyLimit,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // Errors raised before routing (a URL that does not decode, a bad content-type) skip the error
    // handler; without this they would leave with fastify's own body instead of the MaaP one.
    frameworkErrors: (err, _req, reply) => {
      ctx().stats.inc('http:400');
      void (reply as FastifyReply).status(400).send(errorBody(RCS_RESULT.PARAMETER_ERROR, err.message.slice(0, 300)));
    },
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const result = status >= 500 ? RCS_RESULT.INTERNAL_ERROR : resultForFastify(err);
    ctx().stats.inc(`http:${status}`);
    return reply.status(status).send(errorBody(result, err.message.slice(0, 300), status));
  });

  app.setNotFoundHandler((req, reply) => {
    ctx().stats.inc('http:404');
    const path = (req.url.split('?')[0] ?? '').slice(0, 200);
    return reply.status(404).send(errorBody(RCS_RESULT.NOT_FOUND_HANDLER, `no route ${req.method} ${path}`));
  });

  registerTokenRoute(app, ctx, held);
  registerCapabilityRoute(app, ctx, held);
  registerSendRoutes(app, ctx, held);
  return app;
}
