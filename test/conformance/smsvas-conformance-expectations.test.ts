import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSmsvasConformance, SMSVAS_CHECKS, SMSVAS_SUITE } from '../../gateways/smsvas/conformance/run-smsvas-conformance.ts';
import { FAST, startConformanceTarget } from './start-conformance-target.ts';

const SEQUENCE_FAILURES = ['enquire-link.bound', 'generic-nack.unknown-command-id', 'sequence.echo', 'sequence.window-echo'];
const { loadExpectations, parseExpectations } = SMSVAS_SUITE;
const only = [...SEQUENCE_FAILURES, 'bind.transmitter'];

describe('conformance expectations', () => {
  it('turns listed failures into expected-fail and lets the run pass', { timeout: 60_000 }, async () => {
    const target = await startConformanceTarget('wrong-sequence');
    try {
      const expectations = { targetName: 'wrong-sequence simulator', expectedFailures: Object.fromEntries(SEQUENCE_FAILURES.map((id) => [id, 'answers seq+1'])) };
      const report = await runSmsvasConformance({ target: target.url, ...FAST, only, expectations });
      expect(report.passed).toBe(true);
      expect(report.targetName).toBe('wrong-sequence simulator');
      const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
      for (const id of SEQUENCE_FAILURES) {
        expect(byId[id].status).toBe('expected-fail');
        expect(byId[id].detail).toContain('answers seq+1');
      }
      expect(byId['bind.transmitter'].status).toBe('pass');
    } finally {
      await target.close();
    }
  });

  it('reports a listed check that passes as unexpected-pass and fails the run', { timeout: 60_000 }, async () => {
    const target = await startConformanceTarget('wrong-sequence');
    try {
      const expectations = { expectedFailures: { 'sequence.echo': 'answers seq+1', 'bind.transmitter': 'believed broken' } };
      const report = await runSmsvasConformance({ target: target.url, ...FAST, only: ['sequence.echo', 'bind.transmitter'], expectations });
      expect(report.results.map((r) => [r.id, r.status])).toEqual([
        ['bind.transmitter', 'unexpected-pass'],
        ['sequence.echo', 'expected-fail'],
      ]);
      expect(report.passed).toBe(false);
    } finally {
      await target.close();
    }
  });

  it('ships an example file that names only real checks', () => {
    const file = fileURLToPath(new URL('../../gateways/smsvas/conformance/expectations.example.yaml', import.meta.url));
    const exp = loadExpectations(file);
    expect(exp.targetName).toBeTruthy();
    const ids = new Set(SMSVAS_CHECKS.map((c) => c.id));
    expect(Object.keys(exp.expectedFailures).length).toBeGreaterThan(0);
    for (const id of Object.keys(exp.expectedFailures)) expect(ids.has(id)).toBe(true);
  });

  it('rejects an expectations file with an unknown check id or a missing reason', async () => {
    await expect(runSmsvasConformance({ target: 'smpp://a:b@127.0.0.1:1', expectations: { expectedFailures: { 'bind.typo': 'x' } } })).rejects.toMatchObject({
      code: 'SMSVAS_ERR_CONFIG',
      message: expect.stringMatching(/unknown check id.*bind\.typo/),
    });
    expect(() => parseExpectations('expected-failures:\n  bind.transmitter: ""\n')).toThrow(/reason/);
    expect(() => parseExpectations('target-name: x\nexpected: {}\n')).toThrow();
    expect(parseExpectations('target-name: x\nexpected-failures:\n')).toEqual({ targetName: 'x', expectedFailures: {} });
  });

  it('rejects an unknown --only id and a target that is not smpp://user:pass@host:port', async () => {
    await expect(runSmsvasConformance({ target: 'smpp://a:b@127.0.0.1:1', only: ['nope'] })).rejects.toThrow(/unknown check id/);
    await expect(runSmsvasConformance({ target: 'http://a:b@127.0.0.1:1' })).rejects.toThrow(/smpp:\/\//);
    await expect(runSmsvasConformance({ target: 'smpp://127.0.0.1:1' })).rejects.toThrow(/system_id/);
  });
});
