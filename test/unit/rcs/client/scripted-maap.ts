// A tiny MaaP for client tests: each route answers from a script the test sets, and every request is
// recorded. 'hold' leaves a request unanswered (released when the server closes).
import { fastify } from 'fastify';
import type { AddressInfo } from 'node:net';

export type ScriptedAnswer = { status: number; body?: unknown } | 'hold';
export interface SeenRequest {
  route: 'token' | 'send' | 'capability';
  authorization?: string;
  body: unknown;
  query: Record<string, string>;
}

export interface ScriptedMaap {
  url: string;
  seen: SeenRequest[];
  token: (n: number) => ScriptedAnswer;
  send: (n: number, req: SeenRequest) => ScriptedAnswer;
  capability: (n: number, req: SeenRequest) => ScriptedAnswer;
  close(): Promise<void>;
}

export async function startScriptedMaap(): Promise<ScriptedMaap> {
  const app = fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  let tokens = 0;
  const counts = { token: 0, send: 0, capability: 0 };
  const maap: ScriptedMaap = {
    url: '',
    seen: [],
    token: () => ({ status: 200, body: { access_token: `tok-${++tokens}`, token_type: 'Bearer', expires_in: 3600 } }),
    send: (n) => ({ status: 202, body: { msgId: `m-${n}`, status: 'pending' } }),
    capability: () => ({ status: 200, body: { userContact: '+821012340001', capabilities: ['chatBotCommunication'] } }),
    close: () => app.close(),
  };
  const handle = (route: SeenRequest['route']) => async (req: { headers: Record<string, unknown>; body: unknown; query: unknown }, reply: { status(n: number): { send(b?: unknown): unknown } }) => {
    const seen: SeenRequest = { route, authorization: req.headers.authorization as string | undefined, body: req.body, query: req.query as Record<string, string> };
    maap.seen.push(seen);
    const n = ++counts[route];
    const answer = route === 'token' ? maap.token(n) : maap[route](n, seen);
    if (answer === 'hold') return new Promise(() => {});
    return reply.status(answer.status).send(answer.body);
  };
  app.post('/oauth2/v1/token', handle('token'));
  app.post('/rcs/bot/v1/:botId/messages', handle('send'));
  app.get('/rcs/bot/v1/:botId/contactCapabilities', handle('capability'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  maap.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return maap;
}
