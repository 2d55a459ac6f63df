// How the runner reaches a simulator's admin API (outages, behaviour): in-process through fastify's
// inject (no socket), or over HTTP for simulators someone else started (`msgsim up`).
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';

export interface AdminAnswer {
  status: number;
  json: unknown;
}

export interface AdminPort {
  request(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<AdminAnswer>;
}

export function injectAdminPort(app: FastifyInstance): AdminPort {
  return {
    async request(method, path, body) {
      const res = await app.inject({ method, url: path, ...(body === undefined ? {} : { payload: body as object }) });
      return { status: res.statusCode, json: res.body === '' ? null : JSON.parse(res.body) };
    },
  };
}

export function httpAdminPort(baseUrl: string): AdminPort {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async request(method, path, body) {
      const res = await request(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.body.text();
      return { status: res.statusCode, json: text === '' ? null : JSON.parse(text) };
    },
  };
}

/** The answer, or an Error naming the call and what the admin API said. */
export async function adminCall(port: AdminPort, method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const res = await port.request(method, path, body);
  if (res.status >= 300) {
    const e = (res.json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new Error(`${method} ${path} answered ${res.status}${e ? ` ${e.code}: ${e.message}` : ''}`);
  }
  return res.json;
}
