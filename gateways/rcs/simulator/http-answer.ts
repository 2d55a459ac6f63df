// Answering MaaP requests: JSON error bodies, simulated latency on the simulator clock, and the
// behaviour model's faults (a dropped connection, a request never answered, a garbled body).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../kit/clock.ts';
import type { Fault } from '../../kit/behaviour-model.ts';
import { errorBody } from '../codec/error-body.ts';
import type { Violation } from './send-validator.ts';

export function sendViolation(reply: FastifyReply, v: Violation): FastifyReply {
  const status = v.result.http ?? 400;
  return reply.status(status).send(errorBody(v.result, v.message, status));
}

/** Waits `ms` of simulated time; 0 answers at once (a manual clock would otherwise wait for advance()). */
export function simulatedDelay(clock: Clock, ms: number): Promise<void> | null {
  if (!(ms > 0)) return null;
  return new Promise((resolve) => clock.setTimer(resolve, ms));
}

/** Requests held unanswered by the no-response fault or a blackhole; closed with the simulator. */
export type HeldRequests = Set<FastifyRequest['raw']['socket']>;

/**
 * Acts out a fault instead of a normal answer. `corrupt` answers 202 with a truncated JSON body and
 * resolves once it has left (the message was taken); the others resolve at once.
 */
export function actOutFault(req: FastifyRequest, reply: FastifyReply, fault: Exclude<Fault, 'silent'>, held: HeldRequests): Promise<void> {
  reply.hijack();
  const socket = req.raw.socket;
  if (fault === 'drop-connection') {
    socket.destroy();
    return Promise.resolve();
  }
  if (fault === 'no-response') {
    held.add(socket);
    socket.once('close', () => held.delete(socket));
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const body = '{"msgId":"';
    reply.raw.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
    reply.raw.end(body, () => resolve());
  });
}
