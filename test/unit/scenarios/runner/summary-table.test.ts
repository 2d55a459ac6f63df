import { describe, expect, it } from 'vitest';
import { createProgressDisplay, progressLine } from '../../../../scenarios/runner/progress-display.ts';
import type { RunProgress } from '../../../../scenarios/runner/run-scenario.ts';
import { failureLines, summaryTable } from '../../../../scenarios/runner/summary-table.ts';
import { reportFixture } from '../report-fixture.ts';

describe('summary table', () => {
  const [outage, peak] = reportFixture();

  it('has one row per scenario with its verdict, messages, delivered, fallbacks, p95 and durations', () => {
    const text = summaryTable([outage, peak]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^scenario\s+result\s+messages\s+delivered\s+fallbacks\s+p95 latency\s+simulated\s+wall$/);
    expect(lines[2]).toMatch(/^rcs-outage-fallback\s+passed\s+45,210\s+44,560 \(98\.6%\)\s+11,645\s+\S+ s\s+20:00\s+3\.48 s$/);
    expect(lines[3]).toMatch(/^peak-hour-mix\s+FAILED\s+1\.2M/);
    expect(text).toContain('1 of 2 scenarios failed');
  });

  it('lists every failed expectation with expected against actual', () => {
    const lines = failureLines([outage, peak]);
    expect(lines[0]).toBe('peak-hour-mix (scenarios/examples/peak-hour-mix.yaml):');
    expect(lines[1]).toBe('  ✗ xroshot p95 latency');
    expect(lines[2]).toBe('      expected <= 10 s');
    expect(lines[3]).toMatch(/^ {6}actual {3}\d/);
    expect(failureLines([outage])).toEqual([]);
  });

  it('says why a run did not complete', () => {
    const lines = failureLines([{ ...outage, passed: false, error: 'timed out after 120 s' }]);
    expect(lines).toEqual(['rcs-outage-fallback (scenarios/examples/rcs-outage-fallback.yaml):', '  run did not complete: timed out after 120 s']);
  });
});

describe('progress display', () => {
  const p: RunProgress = { name: 'demo', offset: 90_000, wallMs: 1500, submitted: 10, accepted: 10, refused: 0, final: 4, delivered: 3, fallbacks: 1, faults: ['smsvas outage'], openCircuits: ['smsvas'] };

  it('rewrites one line on a terminal', () => {
    const out: string[] = [];
    const d = createProgressDisplay({ isTTY: true, columns: 200, write: (t) => out.push(t) });
    d.update(p);
    d.update({ ...p, final: 10 });
    d.done();
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(`\r\x1b[2K${progressLine(p)}`);
    expect(out[2]).toBe('\n');
    expect(progressLine(p)).toBe('demo · 1:30 simulated · 10 accepted · 4 final · 3 delivered · 1 fallbacks · fault: smsvas outage · circuit open: smsvas · 1.5 s');
  });

  it('prints a plain line every few seconds elsewhere, and the last state at the end', () => {
    const out: string[] = [];
    let now = 0;
    const d = createProgressDisplay({ write: (t) => out.push(t) }, { plainEveryMs: 5000, now: () => now });
    d.update(p);
    now = 1000;
    d.update({ ...p, final: 5 });
    now = 6000;
    d.update({ ...p, final: 6 });
    d.update({ ...p, final: 10 });
    d.done();
    expect(out.map((l) => /(\d+) final/.exec(l)?.[1])).toEqual(['4', '6', '10']);
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });
});
