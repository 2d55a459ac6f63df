import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../../gateways/kit/conformance-check.ts';
import { formatReportTable } from '../../../gateways/kit/conformance-report-table.ts';

const report: ConformanceReport = {
  target: 'smpp://msgsim:***@127.0.0.1:2775',
  targetName: 'lab SMSC',
  passed: false,
  results: [
    { id: 'bind.transceiver', title: 'bind', clause: '§4.1.5 bind_transceiver', status: 'fail', detail: 'bind_transceiver_resp lacks sc_interface_version', ms: 12 },
    { id: 'sequence.echo', title: 'seq', clause: '§2.2.1 sequence_number', status: 'expected-fail', detail: 'x'.repeat(200), ms: 3 },
    { id: 'bind.receiver', title: 'bind', clause: '§4.1.3', status: 'pass', ms: 1500 },
  ],
};

describe('conformance report table', () => {
  it('heads the table with protocol, target and name, aligns one row per check and ends with a tally', () => {
    const lines = formatReportTable(report, { protocol: 'SMPP 3.4', reference: 'clause' }).split('\n');
    expect(lines[0]).toBe('SMPP 3.4 conformance against smpp://msgsim:***@127.0.0.1:2775 (lab SMSC)');
    // The clause column is as wide as the longest clause (23), the id column as the longest id (16).
    expect(lines[1]).toBe(`${'id'.padEnd(16)}  ${'clause'.padEnd(23)}  ${'status'.padEnd(15)}      ms  detail`);
    expect(lines[2]).toBe('bind.transceiver  §4.1.5 bind_transceiver  fail                 12  bind_transceiver_resp lacks sc_interface_version');
    expect(lines[3]).toMatch(/^sequence\.echo {5}§2\.2\.1 sequence_number {3}expected-fail {9}3  x{109}…$/);
    expect(lines[4]).toBe(`bind.receiver     ${'§4.1.3'.padEnd(23)}  ${'pass'.padEnd(15)}    1500  `);
    expect(lines.slice(5)).toEqual(['', 'FAILED: 1 fail, 1 expected-fail, 1 pass']);
  });

  it('names the reference column after the field, caps its width and appends a note to the heading', () => {
    const long = 'protocols.md §4.1 req_ping/res_ping keepalive (MyCommon XmlMaking.getAlive)';
    const text = formatReportTable(
      { target: 'tcp://127.0.0.1:8083', passed: true, results: [{ id: 'ping.answered', title: 'ping', source: long, status: 'pass', ms: 4 }] },
      { protocol: 'Xroshot MAS', reference: 'source', maxReference: 44, note: '; reports received' },
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Xroshot MAS conformance against tcp://127.0.0.1:8083; reports received');
    expect(lines[1]).toBe(`id${' '.repeat(11)}  ${'source'.padEnd(44)}  ${'status'.padEnd(15)}      ms  detail`);
    expect(lines[2]).toBe(`ping.answered  ${long.slice(0, 43)}…  ${'pass'.padEnd(15)}       4  `);
    expect(lines.at(-1)).toBe('PASSED: 1 pass');
  });
});
