import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createGatewayStats } from '../../../gateways/kit/gateway-stats.ts';
import { createTcpSessionServer } from '../../../gateways/kit/tcp-session-server.ts';

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}
const closed = (s: Socket) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setImmediate(r));
};

describe('tcp session server', () => {
  it('opens one session per connection, refuses while told to, and closes sessions then connections', async () => {
    const stats = createGatewayStats();
    let refusing = false;
    const closedIds: number[] = [];
    const server = createTcpSessionServer({
      stats,
      refusing: () => refusing,
      openSession: (_socket, id) => ({ id, close: () => closedIds.push(id) }),
    });
    const { port } = await server.listen(0, '127.0.0.1');
    const a = await open(port);
    const b = await open(port);
    await until(() => server.sessionCount === 2);
    expect(server.sessions().map((s) => s.id)).toEqual([1, 2]);
    refusing = true;
    const c = await open(port);
    await closed(c);
    expect(stats.snapshot()).toMatchObject({ connection: 2, 'connection:refused': 1 });
    server.destroyConnections();
    await Promise.all([closed(a), closed(b)]);
    await until(() => server.sessionCount === 0);
    expect(server.sessionCount).toBe(0);
    refusing = false;
    const d = await open(port);
    await until(() => server.sessionCount === 1);
    await server.close();
    await closed(d);
    expect(closedIds).toEqual([3]);
  });
});
