// The engine's route plans end to end: real simulators on the default network, the real engine on a
// memory store, messages sent through its HTTP API. Each path is judged by its final state, the
// gateway that delivered, the fallback list (from, to, trigger), the attempt history GET
// /v1/messages/:id shows, and the status webhook the tenant receives. The clock runs 20x, so report
// timeouts of simulated seconds pass in real milliseconds; waits end on engine events, never on sleeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../engine/api/message-view.ts';
import { loadDefaultRoutes } from '../../engine/routing/load-default-routes.ts';
import { parseBehaviour } from '../../gateways/kit/behaviour-schema.ts';
import { KNOWN_SUBSCRIBERS as K, NOT_IN_SERVICE_BLOCK_SAMPLE } from '../../gateways/network/known-subscribers.ts';
import { E2E_SENDER, PROMPT_DELIVERY, startE2eStack, type E2eStack } from './support/engine-stack.ts';
import type { ReceivedHook } from './support/webhook-receiver.ts';

const SPEED = 20;
// FF D8 FF: enough of a JPEG for the replacement MMS (the carriers' rule is JPEG only).
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]).toString('base64');
const RCS_CARD = { messagebaseId: 'SMwThT00', cards: [{ title: '봄 신상품', description: '새로 나온 상품을 만나 보세요', media: { url: `data:image/jpeg;base64,${JPEG}` } }] };

/** The default route plans, with the RCS leg giving up on a missing report after 20 simulated seconds. */
function routesWithShortRcsTimeout() {
  return loadDefaultRoutes().map((plan) => ({
    ...plan,
    legs: plan.legs.map((leg) => (leg.gateway === 'rcs' ? { ...leg, reportTimeout: 20_000 } : leg)),
  }));
}

interface Settled {
  view: MessageView;
  hook: ReceivedHook;
}

/** Waits for the final event, then the webhook (sent once the final state is committed), then reads the message back. */
async function settled(stack: E2eStack, id: string): Promise<Settled> {
  const fin = await stack.events.final(id);
  const hook = await stack.hooks.waitFor((h) => h.body.id === id, 20_000, `status webhook for ${id}`);
  const view = await stack.api.message(id);
  expect(hook.body.state).toBe(fin.state);
  expect(view.state).toBe(fin.state);
  return { view, hook };
}

const outcomes = (v: MessageView) => v.attempts.map((a) => ({ gateway: a.gateway, contentKind: a.contentKind, outcome: a.outcome }));

describe('engine route plans against the simulators', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack({
      speed: SPEED,
      seed: 'e2e-fallbacks',
      behaviour: {
        rcs: {
          ...PROMPT_DELIVERY,
          rules: [
            { name: 'failed-status', when: { operation: 'sendMessage', destination: K.ktAndroidRcs }, reports: { outcomes: { undeliverable: 1 } } },
            { name: 'never-reports', when: { operation: 'sendMessage', destination: K.ktMvnoAndroidRcs }, reports: false },
          ],
        },
      },
      engine: {
        routes: routesWithShortRcsTimeout(),
        // 30 s of validity: a switched-off handset's SMS expires within two real seconds.
        gateways: { smsvas: { policy: { reportTimeout: '30s', retry: { attempts: 10, initialDelay: '300ms', maxDelay: '5s' } } } },
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends an RCS message to a KT iPhone as a replacement MMS through GMMSC (not capable)', async () => {
    const id = await stack.api.send({ to: K.ktIos, from: E2E_SENDER, rcs: RCS_CARD });
    const { view, hook } = await settled(stack, id);
    expect(view).toMatchObject({ state: 'delivered', carrier: 'KT', contentKind: 'rcs' });
    expect(view.fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', trigger: 'not-capable' }]);
    // The capability answer kept RCS from being tried at all: the only attempt is the MMS.
    expect(outcomes(view)).toEqual([{ gateway: 'gmmsc', contentKind: 'mms', outcome: 'delivered' }]);
    expect(view.attempts[0].gatewayIds).toHaveLength(1);
    expect(hook.body).toMatchObject({ state: 'delivered', gateway: 'gmmsc', contentKind: 'mms', fallbacks: view.fallbacks, attempts: 1 });
    const types = stack.events.of(id).map((e) => e.type);
    expect(types).toEqual(['accepted', 'routed', 'fallback', 'submitted', 'report', 'final', 'webhook']);
  });

  it('sends SMS to an SKT subscriber through Xroshot, with no fallback (off-net plan)', async () => {
    const id = await stack.api.send({ to: K.sktAndroid, from: E2E_SENDER, text: '주문하신 상품이 발송되었습니다' });
    const { view, hook } = await settled(stack, id);
    expect(view).toMatchObject({ state: 'delivered', carrier: 'SKT', contentKind: 'sms', fallbacks: [] });
    expect(outcomes(view)).toEqual([{ gateway: 'xroshot', contentKind: 'sms', outcome: 'delivered' }]);
    expect(hook.body).toMatchObject({ gateway: 'xroshot', contentKind: 'sms' });
    expect(stack.events.of(id).find((e) => e.type === 'routed')).toMatchObject({ onNet: false, plan: 'off-net-sms-lms-mms' });
  });

  it('sends an RCS request to an SKT subscriber as a replacement MMS through Xroshot at once (KT RCS cannot reach it)', async () => {
    const id = await stack.api.send({ to: K.sktAndroid, from: E2E_SENDER, rcs: RCS_CARD });
    const { view, hook } = await settled(stack, id);
    expect(view).toMatchObject({ state: 'delivered', carrier: 'SKT', contentKind: 'rcs', fallbacks: [] });
    expect(outcomes(view)).toEqual([{ gateway: 'xroshot', contentKind: 'mms', outcome: 'delivered' }]);
    expect(hook.body).toMatchObject({ gateway: 'xroshot', contentKind: 'mms', fallbacks: [] });
    expect(stack.events.of(id).find((e) => e.type === 'routed')).toMatchObject({ onNet: false, plan: 'off-net-rcs' });
  });

  it('falls back from a failed RCS status to an MMS through GMMSC', async () => {
    const id = await stack.api.send({ to: K.ktAndroidRcs, from: E2E_SENDER, rcs: RCS_CARD });
    const { view, hook } = await settled(stack, id);
    expect(view.state).toBe('delivered');
    expect(view.fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', trigger: 'failed' }]);
    expect(outcomes(view)).toEqual([
      { gateway: 'rcs', contentKind: 'rcs', outcome: 'failed' },
      { gateway: 'gmmsc', contentKind: 'mms', outcome: 'delivered' },
    ]);
    expect(view.attempts[0].gatewayIds).toHaveLength(1);
    expect(view.attempts.map((a) => a.leg)).toEqual([0, 1]);
    expect(hook.body).toMatchObject({ state: 'delivered', gateway: 'gmmsc', attempts: 2 });
  });

  it('falls back to an MMS when RCS gives no final report within the leg\'s report timeout', async () => {
    const id = await stack.api.send({ to: K.ktMvnoAndroidRcs, from: E2E_SENDER, rcs: RCS_CARD });
    const { view } = await settled(stack, id);
    expect(view.state).toBe('delivered');
    expect(view.fallbacks).toEqual([{ from: 'rcs', to: 'gmmsc', trigger: 'no-report' }]);
    expect(outcomes(view)).toEqual([
      { gateway: 'rcs', contentKind: 'rcs', outcome: 'no-report' },
      { gateway: 'gmmsc', contentKind: 'mms', outcome: 'delivered' },
    ]);
    // The RCS attempt was closed by its deadline: 20 s after it was accepted, on the engine clock.
    const rcs = view.attempts[0];
    expect(Date.parse(rcs.endedAt as string) - Date.parse(rcs.startedAt)).toBeGreaterThanOrEqual(20_000);
  });

  it('fails a number not in service without sending it anywhere and without fallback', async () => {
    for (const to of [K.invalid, NOT_IN_SERVICE_BLOCK_SAMPLE]) {
      const id = await stack.api.send({ to, from: E2E_SENDER, text: '안내 문자' });
      const { view, hook } = await settled(stack, id);
      expect(view).toMatchObject({ state: 'failed', fallbacks: [], attempts: [] });
      expect(view.reason).not.toBeNull();
      expect(hook.body).toMatchObject({ state: 'failed', reason: view.reason, fallbacks: [] });
    }
  });

  it('fails an SMS the SMSC refuses as an invalid destination, without trying the alternate route', async () => {
    stack.smsvas.reloadBehaviour(
      parseRule({ name: 'refuse-number', when: { operation: 'submit_sm', destination: K.ktFeatureNoMms }, then: { reject: 'invalid-destination' } }),
    );
    try {
      const id = await stack.api.send({ to: K.ktFeatureNoMms, from: E2E_SENDER, text: '안내 문자' });
      const { view } = await settled(stack, id);
      expect(view).toMatchObject({ state: 'failed', reason: 'invalid-destination', fallbacks: [] });
      expect(outcomes(view)).toEqual([{ gateway: 'smsvas', contentKind: 'sms', outcome: 'rejected' }]);
    } finally {
      stack.smsvas.reloadBehaviour(parseRule());
    }
  });

  it('retries throttled SMS on SMSVAS until they are delivered, none failed and none sent elsewhere', async () => {
    // A 5 TPS contract with a burst of 2: a burst of 8 sends is mostly throttled on the first try.
    stack.smsvas.reloadBehaviour(parseRule(undefined, { tps: { rate: 5, burst: 2 } }));
    try {
      const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => stack.api.send({ to: K.ktAndroidEnglish, from: E2E_SENDER, text: `throttle ${i}` })));
      const views = await Promise.all(ids.map(async (id) => (await settled(stack, id)).view));
      for (const v of views) {
        expect(v.state).toBe('delivered');
        expect(v.fallbacks).toEqual([]);
        expect(v.attempts.every((a) => a.gateway === 'smsvas')).toBe(true);
        expect(v.attempts.at(-1)?.outcome).toBe('delivered');
        for (const a of v.attempts.slice(0, -1)) expect(a).toMatchObject({ outcome: 'rejected', code: 'throttled' });
      }
      const retried = views.filter((v) => v.attempts.length > 1);
      expect(retried.length).toBeGreaterThanOrEqual(3);
    } finally {
      stack.smsvas.reloadBehaviour(parseRule());
    }
  });

  it('expires an SMS to a switched-off handset when its validity runs out, and tells the tenant', async () => {
    const id = await stack.api.send({ to: K.ktOff, from: E2E_SENDER, text: '전원이 꺼진 단말' });
    const { view, hook } = await settled(stack, id);
    expect(view).toMatchObject({ state: 'expired', fallbacks: [] });
    expect(outcomes(view)).toEqual([{ gateway: 'smsvas', contentKind: 'sms', outcome: 'expired' }]);
    expect(hook.body).toMatchObject({ state: 'expired', gateway: 'smsvas' });
  });

  it('cancels a scheduled message before it is sent; the tenant is told and nothing reaches a gateway', async () => {
    const sendAt = new Date(stack.clock.now() + 6 * 3_600_000).toISOString();
    const res = await stack.api.post<{ id: string; state: string }>('/v1/messages', { to: K.ktAndroidRcs, from: E2E_SENDER, text: '예약 문자', kind: 'scheduled', sendAt });
    expect(res.status).toBe(202);
    const id = res.body.id;
    expect((await stack.api.message(id)).state).toBe('accepted');
    const cancel = await stack.api.post<MessageView>(`/v1/messages/${id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect(cancel.body.state).toBe('cancelled');
    const { view, hook } = await settled(stack, id);
    expect(view).toMatchObject({ state: 'cancelled', attempts: [], fallbacks: [] });
    expect(hook.body).toMatchObject({ state: 'cancelled', gateway: null });
    expect(stack.events.of(id).some((e) => e.type === 'submitted' || e.type === 'routed')).toBe(false);
    // A second cancel finds it final.
    expect((await stack.api.post(`/v1/messages/${id}/cancel`, {})).status).toBe(409);
  });
});

/** The stack's SMSVAS behaviour (prompt delivery, default limits), with one extra rule or other limits. */
function parseRule(rule?: Record<string, unknown>, tps?: Record<string, unknown>) {
  return parseBehaviour({ ...PROMPT_DELIVERY, rules: rule === undefined ? [] : [rule], limits: { tps: tps?.tps ?? { rate: 5000, burst: 500 }, sessionsPerAccount: 8 } });
}

describe('engine circuit breaker against an SMSVAS outage', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack({
      speed: SPEED,
      seed: 'e2e-outage',
      engine: {
        gateways: {
          smsvas: {
            // Two consecutive failures open the circuit for ten simulated minutes (30 real seconds).
            policy: { timeout: '3s', retry: { attempts: 2, initialDelay: '200ms', maxDelay: '1s' }, circuitBreaker: { failures: 2, openFor: '10m' } },
          },
        },
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('opens the circuit when SMSVAS refuses connections and sends SMS on the alternate route through Xroshot while it is open', async () => {
    const answer = await stack.smsvas.admin.inject({ method: 'POST', url: '/admin/outage', payload: { mode: 'refuse' } });
    expect(answer.statusCode).toBeLessThan(300);

    const first = await stack.api.send({ to: K.ktAndroidRcs, from: E2E_SENDER, text: '장애 중 첫 문자' });
    const opened = await stack.events.waitFor((e) => e.type === 'circuit' && e.gateway === 'smsvas' && e.state === 'open', 20_000, 'SMSVAS circuit open');
    const { view: firstView, hook } = await settled(stack, first);
    expect(firstView.state).toBe('delivered');
    expect(firstView.fallbacks).toHaveLength(1);
    expect(firstView.fallbacks[0]).toMatchObject({ from: 'smsvas', to: 'xroshot' });
    expect(['unavailable', 'circuit-open']).toContain(firstView.fallbacks[0].trigger);
    // The SMSVAS tries that failed are in the history, then the delivery through Xroshot.
    const smsvasTries = firstView.attempts.filter((a) => a.gateway === 'smsvas');
    expect(smsvasTries.length).toBeGreaterThanOrEqual(1);
    for (const a of smsvasTries) expect(['unavailable', 'timeout']).toContain(a.outcome);
    expect(outcomes(firstView).at(-1)).toEqual({ gateway: 'xroshot', contentKind: 'sms', outcome: 'delivered' });
    expect(hook.body).toMatchObject({ state: 'delivered', gateway: 'xroshot' });

    // While the circuit is open, SMS skip SMSVAS entirely.
    const later = await Promise.all([0, 1, 2].map((i) => stack.api.send({ to: K.ktAndroidRcs, from: E2E_SENDER, text: `장애 중 ${i}` })));
    for (const id of later) {
      const { view } = await settled(stack, id);
      expect(view.state).toBe('delivered');
      expect(view.fallbacks).toEqual([{ from: 'smsvas', to: 'xroshot', trigger: 'circuit-open' }]);
      expect(outcomes(view)).toEqual([{ gateway: 'xroshot', contentKind: 'sms', outcome: 'delivered' }]);
      expect(Date.parse(view.createdAt)).toBeGreaterThanOrEqual(opened.at - 1);
    }
    expect(stack.service.engine.snapshot().circuits.smsvas).toBe('open');
    const metrics = await stack.api.get<string>('/metrics');
    expect(metrics.body).toMatch(/circuit-open/);
  });
});
