// The connection lifecycle every gateway channel shares (engine/channel-connection.ts).
import { describe, expect, it } from 'vitest';
import { createChannelConnection } from '../../../../engine/channel-connection.ts';

function fakeClient() {
  let release!: (err?: Error) => void;
  const started = new Promise<void>((res, rej) => (release = (err) => (err ? rej(err) : res())));
  return { closed: 0, started, release, close: async function (this: { closed: number }) { this.closed++; } };
}

function setup(enabled = true) {
  const made: Array<ReturnType<typeof fakeClient>> = [];
  const conn = createChannelConnection({
    label: 'SMSVAS',
    enabled,
    closedError: () => new Error('closed'),
    create: () => {
      const c = fakeClient();
      made.push(c);
      return c;
    },
    start: (c) => c.started,
  });
  return { conn, made };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('channel connection', () => {
  it('shares one opening between concurrent connects and hands out the client once started', async () => {
    const { conn, made } = setup();
    const a = conn.connect();
    const b = conn.connect();
    await tick();
    expect(made).toHaveLength(1);
    expect(conn.client()).toBeNull();
    expect(conn.unavailable()).toEqual({ kind: 'unavailable', why: 'SMSVAS channel is not connected' });
    made[0].release();
    await Promise.all([a, b]);
    expect(conn.client()).toBe(made[0]);
  });

  it('closes a client that fails to start, and a later connect starts a fresh one', async () => {
    const { conn, made } = setup();
    const first = conn.connect();
    await tick();
    made[0].release(new Error('bind refused'));
    await expect(first).rejects.toThrow('bind refused');
    expect(made[0].closed).toBe(1);
    const second = conn.connect();
    await tick();
    made[1].release();
    await second;
    expect(conn.client()).toBe(made[1]);
  });

  it('closes a client still starting when the channel closes, and never hands it out', async () => {
    const { conn, made } = setup();
    const opening = conn.connect();
    await tick();
    await conn.close();
    expect(made[0].closed).toBe(1);
    made[0].release();
    await opening;
    expect(conn.client()).toBeNull();
    expect(conn.unavailable().why).toBe('SMSVAS channel is closed');
    await expect(conn.connect()).rejects.toThrow('closed');
  });

  it('a disabled channel connects to nothing and says why', async () => {
    const { conn, made } = setup(false);
    await conn.connect();
    expect(made).toHaveLength(0);
    expect(conn.unavailable().why).toBe('SMSVAS is disabled in the config');
  });
});
