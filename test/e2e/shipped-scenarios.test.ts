// Every shipped scenario file run through the runner in this process (network, simulators and engine
// on free ports, memory store), as `msgsim run` runs it: the run finishes and every expectation the
// file states holds. Where a file cannot state what it shows in its `expect` section (which gateway
// answered how, when messages were sent), the result is checked here as well. The million-message
// campaign has a test of its own, run alone: test/campaign/.
import { describe, expect, it } from 'vitest';
import { gatewayOf as gateway, latencyOf as latency, runShipped as run } from './support/run-shipped-scenario.ts';

describe('shipped scenarios', () => {
  it('rcs-failed-status-mms.yaml: a failed RCS status sends the replacement MMS through GMMSC', async () => {
    const r = await run('rcs-failed-status-mms.yaml');
    expect(r.messages).toBe(401);
    // Every fallback is one RCS attempt the platform accepted and reported undeliverable.
    const fallbacks = r.fallbacks.reduce((n, f) => n + f.count, 0);
    expect(gateway(r, 'rcs')?.reports.undeliverable).toBe(fallbacks);
    expect(gateway(r, 'gmmsc')?.accepted).toBe(fallbacks);
  }, 60_000);

  it('rcs-no-report-mms.yaml: RCS without a final status within the leg timeout sends the MMS', async () => {
    const r = await run('rcs-no-report-mms.yaml');
    expect(gateway(r, 'rcs')).toMatchObject({ accepted: 300, reports: {} });
    // Three in four messages waited out the 60 s report timeout before their MMS went.
    expect(latency(r, 'gmmsc')?.p50).toBeGreaterThanOrEqual(60_000);
  }, 60_000);

  it('invalid-number-no-fallback.yaml: dead numbers fail, with or without a gateway answer, and nothing falls back', async () => {
    const r = await run('invalid-number-no-fallback.yaml');
    // Not-in-service numbers never reach a gateway; the ten refused ones are refused once each.
    expect(r.states).toContainEqual({ channel: null, state: 'failed', count: 202 });
    const smsvas = gateway(r, 'smsvas');
    expect(Object.values(smsvas?.rejected ?? {}).reduce((a, n) => a + n, 0)).toBe(10);
    expect(r.gateways.map((g) => g.gateway)).toEqual(['smsvas']);
  }, 60_000);

  it('throttled-retried-delivered.yaml: throttled sends are retried on their own gateway until delivered', async () => {
    const r = await run('throttled-retried-delivered.yaml');
    // The scenario is only about throttling if both gateways did throttle.
    expect(gateway(r, 'smsvas')?.rejected.throttled).toBeGreaterThan(10);
    expect(gateway(r, 'xroshot')?.rejected.throttled).toBeGreaterThan(10);
    expect(r.fallbacks).toEqual([]);
  }, 60_000);

  it('gmmsc-down.yaml: on-net LMS/MMS and replacement MMS take Xroshot while GMMSC is down', async () => {
    const r = await run('gmmsc-down.yaml');
    expect(r.faults).toEqual([{ gateway: 'gmmsc', kind: 'outage', at: 40_000, until: 100_000, detail: 'refuse' }]);
    // Only a gateway that cannot be reached moves a message on; everything else stays on its plan.
    const moved = r.fallbacks.filter((f) => f.from === 'gmmsc');
    expect(moved.length).toBeGreaterThan(0);
    for (const f of moved) expect(['circuit-open', 'unavailable']).toContain(f.reason);
    expect(gateway(r, 'gmmsc')?.unavailable).toBeGreaterThan(0);
  }, 60_000);

  it('rcs-down.yaml: RCS messages go as MMS through GMMSC while the RCS platform is down', async () => {
    const r = await run('rcs-down.yaml');
    expect(r.fallbacks.every((f) => f.from === 'rcs' && f.to === 'gmmsc')).toBe(true);
    expect(gateway(r, 'rcs')?.unavailable).toBeGreaterThan(0);
  }, 60_000);

  it('xroshot-down.yaml: off-net messages fail while Xroshot is down (no second path), on-net ones do not', async () => {
    const r = await run('xroshot-down.yaml');
    // While the circuit is open they fail at once, without reaching any gateway.
    expect(r.states.find((s) => s.channel === null && s.state === 'failed')?.count).toBeGreaterThan(50);
    // Sends that reached the downed relay failed there: timed out, or answered unavailable once the
    // client's re-registering had failed (which of the two depends on how fast the host is).
    const xroshot = gateway(r, 'xroshot');
    expect((xroshot?.timeouts ?? 0) + (xroshot?.unavailable ?? 0)).toBeGreaterThan(0);
    for (const gw of ['smsvas', 'gmmsc', 'rcs'] as const) expect(r.states.filter((s) => s.channel === gw && s.state === 'failed').reduce((a, s) => a + s.count, 0)).toBeLessThan(10);
  }, 60_000);

  it('black-hole-smsc.yaml: an SMSC that never answers times out, opens the circuit and SMS take Xroshot', async () => {
    const r = await run('black-hole-smsc.yaml');
    const smsvas = gateway(r, 'smsvas');
    // Ten timeouts in a row opened it; later half-open probes timed out as well.
    expect(smsvas?.timeouts).toBeGreaterThan(10);
    expect(smsvas?.accepted).toBe(0);
  }, 60_000);

  it('slow-mmsc.yaml: a slow MMSC moves LMS/MMS latency out to minutes, still delivered through GMMSC', async () => {
    const r = await run('slow-mmsc.yaml');
    // The lower side of the shift, which the file's upper bounds cannot state: reports a minute later.
    expect(latency(r, 'gmmsc')?.p50).toBeGreaterThanOrEqual(45_000);
    expect(latency(r, 'smsvas')?.p50).toBeLessThan(10_000);
    expect(gateway(r, 'gmmsc')?.timeouts).toBe(0);
  }, 60_000);

  it('webhook-failures.yaml: callbacks the engine cannot receive end late or through the no-report fallback, never hang', async () => {
    const r = await run('webhook-failures.yaml');
    expect(r.faults.map((f) => `${f.gateway} ${f.kind} ${f.at}-${f.until}`)).toEqual(['rcs webhook-down 30000-120000', 'gmmsc webhook-down 60000-100000']);
    // Statuses retried into the reopened receiver: delivered as RCS, tens of seconds late.
    expect(latency(r, 'rcs')?.p95).toBeGreaterThan(15_000);
  }, 60_000);

  it('ad-night-window.yaml: ads accepted from 21:00 are held until 08:00 and sent then; non-ads go at once', async () => {
    const r = await run('ad-night-window.yaml');
    // Deliveries per 10 simulated minutes from 20:50: the held ads all go in the 08:00 bucket, none in
    // the night, where only the trickle of notices (about 12 a bucket) is delivered.
    expect(r.throughput.bucketMs).toBe(600_000);
    const at = (hhmm: string): number => {
      const [h, m] = hhmm.split(':').map(Number);
      return ((h < 12 ? h + 24 : h) * 60 + m - (20 * 60 + 50)) * 60_000;
    };
    const delivered = (from: string, to: string) => r.throughput.buckets.filter((b) => b.at >= at(from) && b.at < at(to)).map((b) => b.delivered);
    expect(Math.max(...delivered('21:10', '07:30'))).toBeLessThan(30);
    expect(delivered('08:00', '08:10')[0]).toBeGreaterThanOrEqual(80);
    expect(delivered('07:30', '07:40')[0]).toBeGreaterThanOrEqual(10);
    expect(delivered('08:30', '08:40')[0]).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('off-net-heavy-mix.yaml: Xroshot carries the off-net majority, RCS to other carriers included, with no fallback', async () => {
    const r = await run('off-net-heavy-mix.yaml');
    // The 200 RCS cards to SKT/LGU+ handsets never reached the RCS gateway: only the KT minority did.
    expect(gateway(r, 'rcs')?.accepted ?? 0).toBeLessThan(60);
    expect(gateway(r, 'xroshot')?.accepted).toBeGreaterThan(0.85 * r.messages);
  }, 60_000);

  it('multi-language-templates.yaml: approved templates go out in five languages, the length rule choosing SMS or LMS', async () => {
    const r = await run('multi-language-templates.yaml');
    // The ten sends of the unapproved draft were refused at intake: no message was made of them.
    expect(r.messages).toBe(240);
    expect(r.states).toEqual([
      { channel: 'smsvas', state: 'delivered', count: 180 },
      { channel: 'gmmsc', state: 'delivered', count: 60 },
    ]);
  }, 60_000);

  it('korean-market-day.yaml: a market-mix morning at 480x keeps its hourly rate, mix and delivery ratio, none lost', async () => {
    const r = await run('korean-market-day.yaml');
    expect(r.messages).toBe(5_220);
    // Own-network RCS to handsets without it is the only fallback: a healthy platform moves nothing else.
    for (const f of r.fallbacks) expect(`${f.from}->${f.to}`).toBe('rcs->gmmsc');
    // Whatever ended without a report ended on the engine's 15-minute report timeout (or the gateway's
    // own 'expired'), never by being lost: every message is final and counted once.
    expect(r.states.reduce((n, s) => n + s.count, 0)).toBe(5_220);
  }, 150_000);

  it('rcs-flaky-webhooks.yaml: statuses posted twice and out of order end each message once, in its first final state', async () => {
    const r = await run('rcs-flaky-webhooks.yaml');
    expect(r.messages).toBe(500);
    // Every fallback is a failed RCS status: none came from a duplicate or from a 'delivered' seen before 'sent'.
    const fallbacks = r.fallbacks.reduce((n, f) => n + f.count, 0);
    expect(r.fallbacks.every((f) => f.from === 'rcs' && f.to === 'gmmsc' && f.reason === 'failed')).toBe(true);
    expect(gateway(r, 'rcs')?.reports).toEqual({ delivered: 500 - fallbacks, undeliverable: fallbacks });
    expect(gateway(r, 'gmmsc')?.accepted).toBe(fallbacks);
  }, 90_000);
});
