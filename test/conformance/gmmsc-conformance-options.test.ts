import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GMMSC_SUITE, runGmmscConformance, type ConformanceReport } from '../../gateways/gmmsc/conformance/run-gmmsc-conformance.ts';
import { createXsdValidator } from '../../gateways/gmmsc/conformance/xsd-validator.ts';
import { commandOnPath, describeWithPrerequisites, findMissing } from '../interop/prerequisites.ts';
import { FAST, startGmmscConformanceTarget } from './gmmsc-conformance-target.ts';
import { runMsgsim } from './run-msgsim.ts';

const { parseExpectations } = GMMSC_SUITE;
const XSD_DIR = fileURLToPath(new URL('./gmmsc-xsd', import.meta.url));

describe('GMMSC conformance expectations and CLI', () => {
  it.concurrent('a listed failure is expected-fail and the run passes; a listed check that passes fails the run', { timeout: 60_000 }, async () => {
    const broken = await startGmmscConformanceTarget('no-transaction-id');
    const good = await startGmmscConformanceTarget('fast-reports');
    try {
      const expectations = parseExpectations('target-name: vendor-x\nexpected-failures:\n  envelope.transaction-id: "drops the header (ticket 42)"\n');
      const a = await runGmmscConformance({ target: broken.url, ...FAST, only: ['submit', 'envelope'], expectations });
      expect(a.passed).toBe(true);
      expect(a.targetName).toBe('vendor-x');
      expect(a.results.find((r) => r.id === 'envelope.transaction-id')).toMatchObject({ status: 'expected-fail', detail: expect.stringContaining('ticket 42') });
      const b = await runGmmscConformance({ target: good.url, ...FAST, only: ['envelope.transaction-id'], expectations });
      expect(b.passed).toBe(false);
      expect(b.results[0].status).toBe('unexpected-pass');
    } finally {
      await broken.close();
      await good.close();
    }
  });

  it.concurrent('refuses an expectations file naming an unknown check, and an unknown --only id', async () => {
    const expectations = parseExpectations('expected-failures:\n  envelope.transactionid: typo\n');
    await expect(runGmmscConformance({ target: 'http://u:p@127.0.0.1:1/mm7', expectations })).rejects.toThrow(/unknown check id.*envelope.transactionid/);
    await expect(runGmmscConformance({ target: 'http://u:p@127.0.0.1:1/mm7', only: ['nope'] })).rejects.toThrow(/unknown check id/);
    expect(() => parseExpectations('expected-failures:\n  submit.accepted: ""\n')).toThrow(/reason/);
  });

  it.concurrent('msgsim conformance gmmsc prints JSON, exits 0 on a pass and 1 on a failure', { timeout: 60_000 }, async () => {
    const good = await startGmmscConformanceTarget('fast-reports');
    const broken = await startGmmscConformanceTarget('wrong-namespace');
    try {
      const ok = await runMsgsim(['conformance', 'gmmsc', '--target', good.url, '--json', '--only', 'submit,envelope,status', '--timeout', '2000']);
      expect(ok.stderr).not.toMatch(/Error/);
      expect(ok.code).toBe(0);
      const report = JSON.parse(ok.stdout) as ConformanceReport;
      expect(report.passed).toBe(true);
      expect(report.results.map((r) => r.id)).toContain('status.corrupt-format');
      const bad = await runMsgsim(['conformance', 'gmmsc', '--target', broken.url, '--only', 'envelope.namespace-echo', '--timeout', '2000']);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/envelope\.namespace-echo\s.*fail/);
      expect(bad.stdout).toMatch(/FAILED/);
      expect(bad.stderr).toMatch(/delivery reports are received at http:\/\/127\.0\.0\.1:\d+\/mm7\/callback/);
    } finally {
      await good.close();
      await broken.close();
    }
  });
});

const missing = await findMissing([commandOnPath('xmllint', 'libxml2-utils')]);

describeWithPrerequisites('GMMSC conformance --xsd (xmllint)', missing, () => {
  it('validates every envelope of a run against the schemas in the directory', { timeout: 60_000 }, async () => {
    const target = await startGmmscConformanceTarget('fast-reports');
    try {
      const report = await runGmmscConformance({ target: target.url, ...FAST, xsd: XSD_DIR, onCallbackUrl: target.setCallback });
      expect(report.results.find((r) => r.id === 'schema.envelopes')).toMatchObject({ status: 'pass' });
      expect(report.passed).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('names what breaks the schema, and a namespace it has no schema for', { timeout: 30_000 }, async () => {
    const v = await createXsdValidator(XSD_DIR);
    try {
      const ns = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4';
      const env = (body: string, bodyNs = ns) =>
        `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header><mm7:TransactionID xmlns:mm7="${bodyNs}" env:mustUnderstand="1">T</mm7:TransactionID></env:Header><env:Body>${body.replace('NS', bodyNs)}</env:Body></env:Envelope>`;
      expect(await v.validate(env('<SubmitRsp xmlns="NS"><MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode></Status><MessageID>M</MessageID></SubmitRsp>'))).toEqual([]);
      const outOfOrder = await v.validate(env('<SubmitRsp xmlns="NS"><MM7Version>6.8.0</MM7Version><MessageID>M</MessageID><Status><StatusCode>1000</StatusCode></Status></SubmitRsp>'));
      expect(outOfOrder.join('\n')).toMatch(/MessageID/);
      const badCode = await v.validate(env('<SubmitRsp xmlns="NS"><MM7Version>6.8.0</MM7Version><Status><StatusCode>99</StatusCode></Status></SubmitRsp>'));
      expect(badCode.join('\n')).toMatch(/StatusCode/);
      const rel4 = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-5-MM7-1-0';
      expect((await v.validate(env('<SubmitRsp xmlns="NS"/>', rel4))).join('\n')).toMatch(/no schema .*REL-5-MM7-1-0\.xsd/);
    } finally {
      v.close();
    }
  });

  it('refuses a directory that does not exist', async () => {
    await expect(createXsdValidator('/nonexistent/mm7-xsd')).rejects.toMatchObject({ code: 'GMMSC_ERR_XSD' });
  });
});
