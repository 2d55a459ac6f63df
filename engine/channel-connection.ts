// What every gateway Channel does with its protocol client, in one place: connect() runs one opening at
// a time (concurrent calls share it, a failed one can be tried again), a client still opening when the
// channel closes is closed as soon as it is reached, send() gets the connected client or the
// 'unavailable' outcome saying why there is none, and close() closes whichever client exists.
import type { ChannelOutcome } from './channel.ts';

export interface ClosableClient {
  close(): Promise<void>;
}

export interface ChannelConnection<C extends ClosableClient> {
  connect(): Promise<void>;
  /** The connected client; null when disabled, not connected (yet) or closed. */
  client(): C | null;
  /** Why client() is null, as the outcome a send gets. */
  unavailable(): Extract<ChannelOutcome, { kind: 'unavailable' }>;
  /** A function, so a check after an await reads what close() may have changed meanwhile. */
  closed(): boolean;
  close(): Promise<void>;
}

export function createChannelConnection<C extends ClosableClient>(o: {
  /** As people name the gateway: 'SMSVAS', 'GMMSC', 'RCS', 'Xroshot'. */
  label: string;
  enabled: boolean;
  closedError(): Error;
  /** Creates the client (after any reachability probe); null when the channel closed meanwhile. */
  create(): Promise<C | null> | C | null;
  /** Makes a created client usable (connect, register webhooks, ...); the client is closed if it fails. */
  start(client: C): Promise<void>;
}): ChannelConnection<C> {
  let client: C | null = null;
  let opening: C | null = null;
  let connecting: Promise<void> | null = null;
  let state: 'idle' | 'ready' | 'closed' = 'idle';
  const closed = (): boolean => state === 'closed';

  async function open(): Promise<void> {
    const c = await o.create();
    if (c === null || closed()) {
      await c?.close();
      return;
    }
    opening = c;
    try {
      await o.start(c);
    } catch (err) {
      // A later connect() starts a fresh client.
      await c.close().catch(() => {});
      throw err;
    } finally {
      opening = null;
    }
    if (closed()) {
      await c.close();
      return;
    }
    client = c;
    state = 'ready';
  }

  return {
    connect() {
      if (closed()) return Promise.reject(o.closedError());
      if (!o.enabled || state === 'ready') return Promise.resolve();
      connecting ??= open().finally(() => {
        connecting = null;
      });
      return connecting;
    },
    client: () => (state === 'ready' ? client : null),
    unavailable: () => ({ kind: 'unavailable', why: !o.enabled ? `${o.label} is disabled in the config` : `${o.label} channel is ${closed() ? 'closed' : 'not connected'}` }),
    closed,
    async close() {
      if (closed()) return;
      state = 'closed';
      const c = client ?? opening;
      client = opening = null;
      await c?.close();
    },
  };
}
