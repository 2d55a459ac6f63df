// Net::SMPP (Perl, Debian libnet-smpp-perl) is an SMPP 3.4 ESME nobody here wrote: if our simulator
// speaks 3.4 the way the spec and other implementations read it, this client completes a full cycle.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INTEROP_ACCOUNT, INTEROP_RECIPIENT, INTEROP_SENDER, INTEROP_SIMULATOR_CONFIG } from './interop-simulator-config.ts';
import { parseNetSmppOutput, type NetSmppEvent } from './net-smpp-output.ts';
import { commandOnPath, describeWithPrerequisites, findMissing, perlModule, repoPath, repoRoot } from './prerequisites.ts';
import { startSmsvasSimulator, waitFor, type SmsvasSimulatorProcess } from './start-smsvas-simulator.ts';

const missing = await findMissing([
  commandOnPath('perl', 'perl'),
  perlModule('Net::SMPP', 'libnet-smpp-perl'),
  repoPath('gateways/smsvas/simulator/smsc-simulator.ts', 'the SMSVAS simulator'),
]);

interface PerlRun {
  code: number | null;
  stdout: string;
  stderr: string;
  events: NetSmppEvent[];
}

function runNetSmppEsme(sim: SmsvasSimulatorProcess, text: string): Promise<PerlRun> {
  const script = join(repoRoot, 'test/interop/net-smpp-esme.pl');
  const args = [script, sim.smppHost, String(sim.smppPort), INTEROP_ACCOUNT.systemId, INTEROP_ACCOUNT.password, INTEROP_SENDER, INTEROP_RECIPIENT, text, '20'];
  return new Promise((resolve) => {
    execFile('perl', args, { timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr, events: parseNetSmppOutput(stdout) });
    });
  });
}

const accountBinds = (stats: Record<string, unknown>, systemId: string): unknown =>
  (stats.stats as { accounts?: Record<string, { binds?: unknown }> } | undefined)?.accounts?.[systemId]?.binds;

const one = (run: PerlRun, event: string): Record<string, string> => {
  const found = run.events.find((e) => e.event === event);
  if (!found) throw new Error(`no ${event} in Net::SMPP output:\n${run.stdout}\n${run.stderr}`);
  return found.fields;
};

describeWithPrerequisites('Net::SMPP (Perl) ESME against the SMSVAS simulator', missing, () => {
  let sim: SmsvasSimulatorProcess;
  let run: PerlRun;

  beforeAll(async () => {
    sim = await startSmsvasSimulator({ configYaml: INTEROP_SIMULATOR_CONFIG });
    run = await runNetSmppEsme(sim, 'hello from Net::SMPP');
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('completes the cycle and exits cleanly', () => {
    expect(run.events.filter((e) => e.event === 'error'), `${run.stdout}\n${run.stderr}\n${sim.output()}`).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('binds as an SMPP 3.4 transceiver', () => {
    const bind = one(run, 'bind_transceiver_resp');
    expect(bind.status).toBe('0');
    expect(bind.system_id).not.toBe('');
    // Net::SMPP sent interface_version 0x34, so a 3.4 SMSC may announce its own version back.
    if (bind.sc_interface_version !== '') expect(Number(bind.sc_interface_version)).toBe(0x34);
  });

  it('gets a message_id for its submit_sm', () => {
    const submit = one(run, 'submit_sm_resp');
    expect(submit.status).toBe('0');
    expect(submit.message_id.length).toBeGreaterThan(0);
  });

  it('receives a delivery receipt for that message_id, in Appendix B form with the 3.4 TLVs', () => {
    const messageId = one(run, 'submit_sm_resp').message_id;
    const receipt = one(run, 'deliver_sm');
    expect(Number(receipt.esm_class) & 0x3c).toBe(0x04);
    expect(receipt.source_addr).toBe(INTEROP_RECIPIENT);
    expect(receipt.destination_addr).toBe(INTEROP_SENDER);
    expect(receipt.short_message).toMatch(new RegExp(`^id:${messageId} sub:\\d{3} dlvrd:\\d{3} submit date:\\d{10,12} done date:\\d{10,12} stat:DELIVRD err:\\d{3}`, 'i'));
    expect(receipt.receipted_message_id).toBe(messageId);
    expect(receipt.message_state).toBe('2');
  });

  it('leaves the simulator counting one accepted submit and one acknowledged receipt', async () => {
    await waitFor(async () => (await sim.counter('in:deliver_sm_resp')) >= 1, 5_000, 'in:deliver_sm_resp in /admin/stats').catch(() => undefined);
    const stats = await sim.stats();
    const counts = {
      'in:submit_sm': await sim.counter('in:submit_sm'),
      submit_sm_resp: await sim.counter('submit_sm_resp'),
      'report:DELIVRD': await sim.counter('report:DELIVRD'),
      deliver_sm: await sim.counter('deliver_sm'),
      'in:deliver_sm_resp': await sim.counter('in:deliver_sm_resp'),
    };
    expect(counts, JSON.stringify(stats)).toEqual({ 'in:submit_sm': 1, submit_sm_resp: 1, 'report:DELIVRD': 1, deliver_sm: 1, 'in:deliver_sm_resp': 1 });
  });

  it('holds no bind for the account once the client has unbound and closed', async () => {
    let binds: unknown;
    await waitFor(
      async () => {
        binds = accountBinds(await sim.stats(), INTEROP_ACCOUNT.systemId);
        return binds === 0;
      },
      5_000,
      'the account to show 0 binds',
    ).catch(() => undefined);
    expect(binds, JSON.stringify(await sim.stats())).toBe(0);
  });

  it('ends with unbind_resp', () => {
    expect(one(run, 'unbind_resp').status).toBe('0');
  });
});
