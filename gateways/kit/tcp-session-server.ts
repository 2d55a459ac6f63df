// The TCP side every socket simulator (SMPP, Xroshot MAS) shares: one session per connection, none
// while a `refuse` outage is in force, and a close that ends sessions politely before destroying
// whatever connection is still open 200 ms later.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { GatewayStats } from './gateway-stats.ts';

export interface TcpSessionServerOptions<S> {
  stats: GatewayStats;
  /** Checked per connection: true closes it at once (counted as `connection:refused`). */
  refusing(): boolean;
  /** The gateway's session over a new connection; `id` counts from 1. */
  openSession(socket: Socket, id: number): S;
}

export interface TcpSessionServer<S> {
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Closes every session, stops listening, destroys connections still open after 200 ms. */
  close(): Promise<void>;
  sessions(): S[];
  readonly sessionCount: number;
  /** Drops every open connection (an outage that refuses has begun). */
  destroyConnections(): void;
}

export function createTcpSessionServer<S extends { close(): void }>(opts: TcpSessionServerOptions<S>): TcpSessionServer<S> {
  const { stats } = opts;
  const live = new Set<S>();
  const sockets = new Set<Socket>();
  let nextSession = 1;

  const server: Server = createServer((socket) => {
    if (opts.refusing()) {
      stats.inc('connection:refused');
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    sockets.add(socket);
    const session = opts.openSession(socket, nextSession++);
    live.add(session);
    stats.inc('connection');
    socket.on('close', () => {
      live.delete(session);
      sockets.delete(socket);
    });
  });

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      for (const s of live) s.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 200).unref();
      });
    },
    sessions: () => [...live],
    get sessionCount() {
      return live.size;
    },
    destroyConnections() {
      for (const s of sockets) s.destroy();
    },
  };
}
