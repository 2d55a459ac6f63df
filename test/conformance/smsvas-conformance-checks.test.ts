import { describe, expect, it } from 'vitest';
import { COMMAND_STATUS as S } from '../../gateways/smsvas/codec/command-status.ts';
import { runSmsvasConformance, type ConformanceResult } from '../../gateways/smsvas/conformance/run-smsvas-conformance.ts';
import { acceptWithReceipt, receiptFields, startScriptedSmsc, type Script } from './scripted-smsc.ts';
import { startConformanceTarget } from './start-conformance-target.ts';

const QUICK = { timeoutMs: 800, receiptTimeoutMs: 2000, noReceiptWaitMs: 500, resendWaitMs: 500 };

async function runAgainst(script: Script, only: string[], extra?: { throttleBurst?: number }): Promise<ConformanceResult[]> {
  const smsc = await startScriptedSmsc(script);
  try {
    return (await runSmsvasConformance({ target: smsc.url, ...QUICK, ...extra, only })).results;
  } finally {
    await smsc.close();
  }
}

describe('SMSVAS conformance checks against a scripted SMSC', () => {
  it('pass against a well-behaved scripted SMSC (the baseline for the failures below)', async () => {
    const results = await runAgainst({}, ['receipt', 'throttle', 'generic-nack.short-command-length'], { throttleBurst: 20 });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['generic-nack.short-command-length', 'pass'],
      ['receipt.arrives', 'pass'],
      ['receipt.appendix-b-format', 'pass'],
      ['receipt.tlvs', 'pass'],
      ['receipt.no-resend', 'pass'],
      ['receipt.not-requested', 'pass'],
      ['throttle.burst', 'pass'],
    ]);
  });

  it('receipt.no-resend fails when an acknowledged receipt is delivered again', async () => {
    const [r] = await runAgainst({
      submit: (req, s, n) => {
        acceptWithReceipt(req, s, n);
        setTimeout(() => s.deliver(receiptFields(`m${n}`)), 150);
      },
    }, ['receipt.no-resend']);
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.detail).toContain('delivered again');
  });

  it('receipt.not-requested fails when a receipt arrives for registered_delivery 0', async () => {
    const [r] = await runAgainst({
      submit: (req, s, n) => {
        s.respond(req, S.ESME_ROK, { message_id: `m${n}` });
        setTimeout(() => s.deliver(receiptFields(`m${n}`)), 20);
      },
    }, ['receipt.not-requested']);
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.detail).toContain('registered_delivery was 0');
  });

  it('receipt.tlvs fails on a message_state that contradicts stat, receipt.appendix-b-format on a foreign id', async () => {
    const results = await runAgainst({
      submit: (req, s, n) => {
        s.respond(req, S.ESME_ROK, { message_id: `m${n}` });
        setTimeout(() => s.deliver(receiptFields(`m${n}`, { stat: 'DELIVRD', state: 5, textId: 'other' })), 20);
      },
    }, ['receipt.arrives', 'receipt.appendix-b-format', 'receipt.tlvs']);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['receipt.arrives', 'pass'],
      ['receipt.appendix-b-format', 'fail'],
      ['receipt.tlvs', 'fail'],
    ]);
    expect(results[1].detail).toContain("receipt id 'other' differs");
    expect(results[2].detail).toContain('contradicts stat:DELIVRD');
  });

  it('throttle.burst fails when a burst is refused with anything but ESME_RTHROTTLED / ESME_RMSGQFUL', async () => {
    const [r] = await runAgainst({
      submit: (req, s, n) => (n % 3 === 0 ? s.respond(req, S.ESME_RSYSERR) : s.respond(req, S.ESME_ROK, { message_id: `m${n}` })),
    }, ['throttle'], { throttleBurst: 30 });
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.detail).toContain('10 ESME_RSYSERR');
  });

  it('submit.invalid-destination fails when the SMSC accepts an address that is not a number', async () => {
    const [r] = await runAgainst({}, ['submit.invalid-destination']);
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.detail).toContain('answered ESME_ROK, expected ESME_RINVDSTADR');
  });

  it('generic-nack.short-command-length fails when the SMSC neither nacks nor closes', async () => {
    const [r] = await runAgainst({ onInvalidLength: 'ignore' }, ['generic-nack.short-command-length']);
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.detail).toContain('neither generic_nack nor a close');
  });

  it('turns a skip into a failure when its prerequisite passed or was not run', async () => {
    const answeredOnce = await runAgainst({ submit: (req, s, n) => (n === 1 ? s.respond(req, S.ESME_ROK, { message_id: 'm1' }) : undefined) }, ['submit.answered', 'submit.message-id']);
    expect(answeredOnce.map((r) => [r.id, r.status])).toEqual([
      ['submit.answered', 'pass'],
      ['submit.message-id', 'fail'],
    ]);
    expect(answeredOnce[1].detail).toContain('submit.answered passed earlier');

    const target = await startConformanceTarget('black-hole');
    try {
      const report = await runSmsvasConformance({ target: target.url, ...QUICK, only: ['receipt.tlvs'] });
      expect(report.results[0]).toMatchObject({ id: 'receipt.tlvs', status: 'fail' });
      expect(report.results[0].detail).toContain('submit.answered was not run');
      expect(report.passed).toBe(false);
    } finally {
      await target.close();
    }
  });

  it('fails every check that needs a connection when nothing listens at the target', async () => {
    const smsc = await startScriptedSmsc({});
    const url = smsc.url;
    await smsc.close();
    const report = await runSmsvasConformance({ target: url, ...QUICK, only: ['bind.transmitter', 'submit.answered'] });
    expect(report.results.map((r) => r.status)).toEqual(['fail', 'fail']);
    expect(report.results[0].detail).toMatch(/cannot connect/);
    expect(report.passed).toBe(false);
  });
});
