import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSharedResults, fail, pass, skip, trackConnections, VerdictSignal, type CheckVerdict, type ConformanceCheck } from '../../../gateways/kit/conformance-check.ts';
import { runConformanceChecks, settleSkip } from '../../../gateways/kit/conformance-runner.ts';
import { createConformanceSuite } from '../../../gateways/kit/conformance-suite.ts';

type Check = ConformanceCheck<{ calls: string[] }> & { clause: string };

const check = (id: string, run: () => Promise<CheckVerdict> | CheckVerdict): Check => ({ id, title: `title of ${id}`, clause: `§ ${id}`, run: async () => run() });

async function runAll(checks: Check[], extra: Partial<Parameters<typeof runConformanceChecks<{ calls: string[] }, 'clause'>>[0]> = {}) {
  return runConformanceChecks({ checks, reference: 'clause', capMs: 1000, openContext: () => ({ ctx: { calls: [] } }), ...extra });
}

afterEach(() => vi.useRealTimers());

describe('conformance runner', () => {
  it('runs checks in order and reports id, title, reference, status, detail and duration', async () => {
    const order: string[] = [];
    const report = await runAll([check('a.one', () => (order.push('a'), pass('fine'))), check('b.two', () => (order.push('b'), fail('broken')))]);
    expect(order).toEqual(['a', 'b']);
    expect(report.passed).toBe(false);
    expect(report.results).toEqual([
      { id: 'a.one', title: 'title of a.one', clause: '§ a.one', status: 'pass', detail: 'fine', ms: expect.any(Number) },
      { id: 'b.two', title: 'title of b.two', clause: '§ b.two', status: 'fail', detail: 'broken', ms: expect.any(Number) },
    ]);
    expect(Object.keys(report.results[0])).toEqual(['id', 'title', 'clause', 'status', 'detail', 'ms']);
  });

  it('copies the reference field the suite names', async () => {
    const checks = [{ id: 'ping.answered', title: 'ping', source: 'protocols.md §4.1', run: async () => pass() }];
    const report = await runConformanceChecks({ checks, reference: 'source', capMs: 1000, openContext: () => ({ ctx: null }) });
    expect(report.results[0]).toEqual({ id: 'ping.answered', title: 'ping', source: 'protocols.md §4.1', status: 'pass', ms: expect.any(Number) });
  });

  it('does not pass an empty run', async () => {
    expect((await runAll([])).passed).toBe(false);
  });

  it('ends a check with the verdict a helper throws, fails a crash, and cleans up after each', async () => {
    const cleaned: string[] = [];
    const report = await runAll(
      [check('a.signal', () => Promise.reject(new VerdictSignal(fail('refused bind')))), check('a.crash', () => Promise.reject(new Error('boom')))],
      { openContext: (c) => ({ ctx: { calls: [] }, cleanup: async () => void cleaned.push(c.id) }) },
    );
    expect(report.results.map((r) => [r.status, r.detail])).toEqual([
      ['fail', 'refused bind'],
      ['fail', 'check crashed: boom'],
    ]);
    expect(cleaned).toEqual(['a.signal', 'a.crash']);
  });

  it('fails a check that does not finish within the cap and goes on with the next', async () => {
    vi.useFakeTimers();
    const cleaned: string[] = [];
    const running = runAll([check('a.hang', () => new Promise<CheckVerdict>(() => {})), check('a.next', () => pass())], {
      capMs: 250,
      openContext: (c) => ({ ctx: { calls: [] }, cleanup: async () => void cleaned.push(c.id) }),
    });
    await vi.advanceTimersByTimeAsync(250);
    const report = await running;
    expect(report.results.map((r) => [r.id, r.status, r.detail])).toEqual([
      ['a.hang', 'fail', 'check did not finish within 250ms'],
      ['a.next', 'pass', undefined],
    ]);
    expect(cleaned).toEqual(['a.hang', 'a.next']);
  });

  it('keeps a skip that points at a failed check and fails one whose prerequisite passed or was not run', async () => {
    const report = await runAll([
      check('submit.answered', () => fail('no submit_sm_resp')),
      check('receipt.sent', () => skip('no message to watch', 'submit.answered')),
      check('bind.transmitter', () => pass()),
      check('receipt.tlvs', () => skip('no bind', 'bind.transmitter')),
      check('receipt.resend', () => skip('no receipt', 'receipt.missing')),
    ]);
    expect(report.results.map((r) => [r.id, r.status, r.detail])).toEqual([
      ['submit.answered', 'fail', 'no submit_sm_resp'],
      ['receipt.sent', 'skip', 'no message to watch (see submit.answered)'],
      ['bind.transmitter', 'pass', undefined],
      ['receipt.tlvs', 'fail', 'no bind (bind.transmitter passed earlier)'],
      ['receipt.resend', 'fail', 'no receipt (receipt.missing was not run)'],
    ]);
    expect(report.passed).toBe(false);
    const skipsOnly = await runAll([check('a.first', () => fail('x')), check('a.second', () => skip('because', 'a.first'))]);
    expect(skipsOnly.results.map((r) => r.status)).toEqual(['fail', 'skip']);
  });

  it('settles a skip against a prerequisite that runs later only once the run is over', async () => {
    const progress: Array<[string, string]> = [];
    const report = await runAll([check('utf8.text', () => skip('no accepted message', 'send.accepted')), check('send.accepted', () => pass())], {
      onResult: (r) => progress.push([r.id, r.status]),
    });
    expect(progress).toEqual([
      ['utf8.text', 'skip'],
      ['send.accepted', 'pass'],
    ]);
    expect(report.results[0]).toMatchObject({ status: 'fail', detail: 'no accepted message (send.accepted passed later)' });
    expect(settleSkip(skip('x', 'later'), [], { final: false })).toEqual(skip('x', 'later'));
  });

  it('applies expectations: an expected failure passes the run, a listed check that passes fails it', async () => {
    const expectations = { expectedFailures: { 'a.broken': 'known gap', 'a.fine': 'believed broken' } };
    const report = await runAll([check('a.broken', () => fail('wrong code')), check('a.fine', () => pass())], { expectations });
    expect(report.results.map((r) => [r.status, r.detail])).toEqual([
      ['expected-fail', 'known gap — wrong code'],
      ['unexpected-pass', 'listed as expected failure (believed broken) but passed'],
    ]);
    expect(report.passed).toBe(false);
    const only = await runAll([check('a.broken', () => fail('wrong code'))], { expectations });
    expect(only.passed).toBe(true);
  });
});

describe('conformance suite', () => {
  const configError = (m: string) => Object.assign(new Error(m), { code: 'SUITE_ERR_CONFIG' });
  const suite = createConformanceSuite([check('bind.transmitter', pass), check('bind.receiver', pass), check('bindx.other', pass), check('receipt.tlvs', pass)], configError);

  it('selects by id or group, in suite order, trimming blanks; nothing selected means every check', () => {
    expect(suite.select(['receipt.tlvs', ' bind ']).map((c) => c.id)).toEqual(['bind.transmitter', 'bind.receiver', 'receipt.tlvs']);
    expect(suite.select(undefined)).toHaveLength(4);
    expect(suite.select(['', ' '])).toHaveLength(4);
  });

  it("refuses an unknown id or group with the gateway's error", () => {
    expect(() => suite.select(['bin', 'receipt'])).toThrow(expect.objectContaining({ code: 'SUITE_ERR_CONFIG', message: 'unknown check id(s): bin' }));
  });

  it('checks expectations against every check of the suite, not only the selected ones', () => {
    expect(suite.resolveExpectations({ expectedFailures: { 'receipt.tlvs': 'x' } })).toEqual({ expectedFailures: { 'receipt.tlvs': 'x' } });
    expect(() => suite.resolveExpectations({ expectedFailures: { 'receipt.tlv': 'x' } })).toThrow(expect.objectContaining({ code: 'SUITE_ERR_CONFIG' }));
    expect(() => suite.parseExpectations('expected-failures:\n  a: ""\n', 'f.yaml')).toThrow(/^f\.yaml: .*give a reason/);
  });
});

describe('check context basics', () => {
  it('computes a shared result once per run', async () => {
    const shared = createSharedResults();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await Promise.all([shared('receipt', compute), shared('receipt', compute)])).toEqual([1, 1]);
    expect(await shared('other', compute)).toBe(2);
  });

  it('closes every connection a check opened and fails the check when one cannot be made', async () => {
    const closed: number[] = [];
    let n = 0;
    const tracker = trackConnections(async () => {
      const id = ++n;
      if (id === 3) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      return { id, close: async () => void closed.push(id) };
    });
    await tracker.open();
    await tracker.open();
    await expect(tracker.open()).rejects.toEqual(new VerdictSignal(fail('connect ECONNREFUSED 127.0.0.1:1')));
    await tracker.closeAll();
    expect(closed).toEqual([1, 2]);
  });
});
