// Writes the smoke exchange's report: a Markdown page for people and the same facts as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SmokeReport } from './smoke-exchange.ts';

export function writeSmokeReport(report: SmokeReport, dir: string): { markdown: string; json: string } {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const stamp = report.startedAt.replace(/[-:]/g, '').replace(/\..*$/, '');
  const markdown = join(out, `demo-${stamp}.md`);
  const json = join(out, `demo-${stamp}.json`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  return { markdown, json };
}

export function renderMarkdown(r: SmokeReport): string {
  const b = r.burst;
  const rows = r.cases.map((c) => `| ${c.passed ? 'pass' : '**FAIL**'} | ${c.name} | ${c.expected} | ${c.actual} |`);
  const mix = Object.entries(b.outcomes).map(([k, v]) => `${k} ${v} (${pct(v, b.reportsReceived)})`).join(', ');
  const carriers = Object.entries(b.carriers).map(([k, v]) => `${k} ${v} (${pct(v, b.messages)})`).join(', ');
  const rejected = Object.entries(b.rejected).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    `# msgsim demo — ${r.passed ? 'passed' : 'FAILED'}`,
    '',
    `Started ${r.startedAt}. SMSVAS simulator (SMPP 3.4) with the demo preset, driven by the msgsim SMSVAS client.`,
    '',
    '## Endpoints',
    '',
    ...Object.entries(r.endpoints).map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Cases',
    '',
    '| result | case | expected | actual |',
    '|---|---|---|---|',
    ...rows,
    `| ${r.mo.passed ? 'pass' : '**FAIL**'} | MO reply to the service number | ${r.mo.sent} | ${r.mo.received ?? 'nothing received'} |`,
    '',
    '## Burst of random subscribers',
    '',
    `- ${b.messages} messages, ${b.accepted} accepted; rejected: ${rejected}`,
    `- submitted in ${b.submitSeconds} s (${b.submitsPerSecond} submit_sm/s); last receipt after ${b.lastReportSeconds} s`,
    `- receipts: ${b.reportsReceived}; outcomes: ${mix}`,
    `- recipients by carrier (from the simulated network): ${carriers}`,
    '',
    '## Simulator counters',
    '',
    '```json',
    JSON.stringify(r.simulatorCounters, null, 2),
    '```',
    '',
  ].join('\n');
}

const pct = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : '0.0'}%`;
