import { describe, expect, it } from 'vitest';
import type { GatewayName } from '../../../../engine/channel.ts';
import { parseBehaviour, type Behaviour } from '../../../../gateways/kit/behaviour-schema.ts';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { parseScenario } from '../../../../scenarios/load-scenario.ts';
import type { AdminPort } from '../../../../scenarios/runner/admin-port.ts';
import { createFaultInjector, faultedBehaviour } from '../../../../scenarios/runner/fault-injector.ts';
import type { WebhookGate } from '../../../../scenarios/runner/webhook-gate.ts';

const START = 1_000_000;
const ORIGINAL: Behaviour = parseBehaviour({ version: 1, latency: 5, rules: [{ name: 'slow-block', when: { destination: '0109*' }, latency: 50 }] });

/** An admin API that records calls and keeps the behaviour and outage it was given. */
function fakeAdmin() {
  const calls: string[] = [];
  let behaviour = ORIGINAL;
  let outage: unknown = null;
  const port: AdminPort = {
    async request(method, path, body) {
      calls.push(`${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`);
      if (method === 'GET' && path === '/admin/behaviour') return { status: 200, json: behaviour };
      if (method === 'PUT' && path === '/admin/behaviour') {
        behaviour = parseBehaviour(body);
        outage = null; // a reload starts a fresh model
        return { status: 200, json: {} };
      }
      if (path === '/admin/outage') {
        outage = method === 'POST' ? body : null;
        return { status: 200, json: {} };
      }
      return { status: 404, json: { error: { code: 'KIT_ERR_NOT_FOUND', message: 'no route' } } };
    },
  };
  return { port, calls, behaviour: () => behaviour, outage: () => outage };
}

function fakeGate() {
  const log: string[] = [];
  const gate = {
    url: 'http://127.0.0.1:1',
    isDown: false,
    setTarget() {},
    gateUrlFor: (u: string) => u,
    async down() {
      log.push('down');
    },
    async up() {
      log.push('up');
    },
    async close() {},
  } as WebhookGate;
  return { gate, log };
}

function setup(faults: string) {
  const scenario = parseScenario(`version: 1\nname: f\ntraffic: [ { send: { at: 0s, to: ktIos, text: x } } ]\nfaults:\n${faults}`);
  const clock = createManualClock(START);
  const admins = new Map<GatewayName, ReturnType<typeof fakeAdmin>>();
  const admin = (gw: GatewayName) => {
    if (!admins.has(gw)) admins.set(gw, fakeAdmin());
    return admins.get(gw)!;
  };
  const gates = { rcs: fakeGate(), gmmsc: fakeGate() };
  const errors: string[] = [];
  const injector = createFaultInjector({
    clock,
    start: START,
    faults: scenario.faults,
    admin: (gw) => admin(gw).port,
    gate: (gw) => (gw === 'rcs' || gw === 'gmmsc' ? gates[gw].gate : null),
    onError: (f, e) => errors.push(`${f.kind}: ${(e as Error).message}`),
  });
  injector.start();
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { clock, admin, gates, errors, injector, flush };
}

describe('fault injector', () => {
  it('sets an outage at its offset and lifts it when its window ends', async () => {
    const t = setup(`  - { at: 30s, for: 1m, gateway: smsvas, kind: outage, mode: blackhole }\n`);
    t.clock.advance(29_999);
    await t.flush();
    expect(t.admin('smsvas').calls).toEqual([]);
    t.clock.advance(1);
    await t.flush();
    expect(t.admin('smsvas').calls).toEqual(['POST /admin/outage {"mode":"blackhole"}']);
    expect(t.injector.active()).toEqual(['smsvas outage']);
    t.clock.advance(60_000);
    await t.flush();
    expect(t.admin('smsvas').calls).toEqual(['POST /admin/outage {"mode":"blackhole"}', 'DELETE /admin/outage']);
    expect(t.injector.active()).toEqual([]);
    expect(t.injector.windows()).toEqual([{ gateway: 'smsvas', kind: 'outage', at: 30_000, until: 90_000, detail: 'blackhole' }]);
  });

  it('swaps in a behaviour that rejects a share of message requests for an error burst, then restores the original', async () => {
    const t = setup(`  - { at: 10s, for: 20s, gateway: xroshot, kind: error-burst, reason: throttled, ratio: 0.3 }\n`);
    t.clock.advance(10_000);
    await t.flush();
    const during = t.admin('xroshot').behaviour();
    expect(during.rules[0]).toMatchObject({ when: { operation: ['req_send_message_2'], probability: 0.3 }, then: { reject: 'throttled' } });
    expect(during.rules.slice(1)).toEqual(ORIGINAL.rules);
    t.clock.advance(20_000);
    await t.flush();
    expect(t.admin('xroshot').behaviour()).toEqual(ORIGINAL);
    expect(t.injector.windows()[0]).toMatchObject({ kind: 'error-burst', detail: 'throttled 30%', until: 30_000 });
  });

  it('makes every response slow during a latency spike, and keeps an outage in force across the swap', async () => {
    const t = setup(`  - { at: 0s, for: 1m, gateway: gmmsc, kind: outage, mode: slow, latency: 2000 }\n  - { at: 10s, for: 10s, gateway: gmmsc, kind: latency-spike, latency: { fixed: 8000 } }\n`);
    t.clock.advance(10_000);
    await t.flush();
    const spiked = t.admin('gmmsc').behaviour();
    expect(spiked.latency).toEqual({ fixed: 8000 });
    expect(spiked.rules.every((r) => JSON.stringify(r.latency) === JSON.stringify({ fixed: 8000 }))).toBe(true);
    expect(t.admin('gmmsc').outage()).toEqual({ mode: 'slow', latency: 2000 });
    t.clock.advance(10_000);
    await t.flush();
    expect(t.admin('gmmsc').behaviour()).toEqual(ORIGINAL);
    expect(t.admin('gmmsc').outage()).toEqual({ mode: 'slow', latency: 2000 });
  });

  it('closes the webhook gate for webhook-down and opens it again', async () => {
    const t = setup(`  - { at: 5s, for: 30s, gateway: rcs, kind: webhook-down }\n`);
    t.clock.advance(5000);
    await t.flush();
    expect(t.gates.rcs.log).toEqual(['down']);
    t.clock.advance(30_000);
    await t.flush();
    expect(t.gates.rcs.log).toEqual(['down', 'up']);
    expect(t.gates.gmmsc.log).toEqual([]);
  });

  it('lifts a fault without an end when stopped, and restores every swapped behaviour', async () => {
    const t = setup(`  - { at: 1s, gateway: rcs, kind: outage, mode: refuse }\n  - { at: 1s, gateway: smsvas, kind: latency-spike, latency: 3000 }\n`);
    t.clock.advance(1000);
    await t.flush();
    expect(t.injector.windows().map((w) => w.until)).toEqual([null, null]);
    await t.injector.stop();
    expect(t.admin('rcs').calls.at(-1)).toBe('DELETE /admin/outage');
    expect(t.admin('smsvas').behaviour()).toEqual(ORIGINAL);
    expect(t.errors).toEqual([]);
  });

  it('reports a fault the simulator refused', async () => {
    const t = setup(`  - { at: 0s, for: 1s, gateway: smsvas, kind: outage, mode: refuse }\n`);
    const port = t.admin('smsvas').port;
    port.request = async () => ({ status: 400, json: { error: { code: 'KIT_ERR_BAD_REQUEST', message: 'no' } } });
    t.clock.advance(0);
    await t.flush();
    expect(t.errors).toEqual(['outage: POST /admin/outage answered 400 KIT_ERR_BAD_REQUEST: no']);
  });
});

describe('faultedBehaviour', () => {
  it('is the original when nothing is in force', () => {
    expect(faultedBehaviour(ORIGINAL, 'rcs', [])).toBe(ORIGINAL);
  });
});
