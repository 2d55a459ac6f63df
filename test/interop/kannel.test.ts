// Kannel (bearerbox + smsbox, Debian package `kannel`) is a widely deployed SMPP 3.4 ESME nobody here
// wrote. Its sendsms HTTP interface, dlr-url callbacks and sms-service MO routing exercise our
// submit_sm_resp, receipt deliver_sm and MO deliver_sm the way a production gateway reads them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpRecorder, type HttpRecorder, type RecordedRequest } from './http-recorder.ts';
import { INTEROP_ACCOUNT, INTEROP_RECIPIENT, INTEROP_SENDER, INTEROP_SIMULATOR_CONFIG } from './interop-simulator-config.ts';
import { commandOnPath, describeWithPrerequisites, findMissing, repoPath } from './prerequisites.ts';
import { startKannel, type KannelProcess } from './start-kannel.ts';
import { startSmsvasSimulator, waitFor, type SmsvasSimulatorProcess } from './start-smsvas-simulator.ts';

const missing = await findMissing([
  commandOnPath('bearerbox', 'kannel'),
  commandOnPath('smsbox', 'kannel'),
  repoPath('gateways/smsvas/simulator/smsc-simulator.ts', 'the SMSVAS simulator'),
]);

/** Kannel DLR types (the %d of a dlr-url). */
const DLR_DELIVERED = '1';
/** What Kannel makes of an intermediate notification (esm_class 0x20, e.g. ENROUTE). */
const DLR_BUFFERED = '4';
const DLR_SMSC_ACK = '8';
/** Final Kannel DLR types: delivered, failed, SMSC reject (4 "buffered" and 8 "SMSC ack" are not final). */
const FINAL_DLR_TYPES = new Set(['1', '2', '16']);
/** Ask Kannel for every DLR type (1 delivered, 2 failed, 4 buffered, 8 SMSC ack, 16 SMSC reject). */
const DLR_MASK_ALL = 31;

for (const bindMode of ['transceiver', 'split'] as const) {
  const title = `Kannel ESME against the SMSVAS simulator (${bindMode === 'transceiver' ? 'bind_transceiver' : 'bind_transmitter + bind_receiver'})`;
  describeWithPrerequisites(title, missing, () => {
    let recorder: HttpRecorder;
    let sim: SmsvasSimulatorProcess;
    let kannel: KannelProcess;
    /** The ref carried in the dlr-url of the message the first test sends. */
    let sentRef = '';

    const context = async (): Promise<string> =>
      [
        `recorded: ${JSON.stringify(recorder.requests)}`,
        `simulator stats: ${JSON.stringify(await sim.stats().catch((e: Error) => e.message))}`,
        `simulator log: ${JSON.stringify(await sim.log(20).catch((e: Error) => e.message))}`,
        `--- simulator output ---\n${sim.output().slice(-4_000)}`,
        `--- kannel status ---\n${await kannel.status().catch((e: Error) => e.message)}`,
        kannel.logs(30),
      ].join('\n');

    const waitForRequest = async (match: (r: RecordedRequest) => boolean, what: string, timeoutMs = 20_000): Promise<RecordedRequest> => {
      try {
        await waitFor(() => recorder.requests.some(match), timeoutMs, what);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${await context()}`);
      }
      return recorder.requests.find(match) as RecordedRequest;
    };

    beforeAll(async () => {
      recorder = await startHttpRecorder();
      sim = await startSmsvasSimulator({ configYaml: INTEROP_SIMULATOR_CONFIG });
      kannel = await startKannel({
        smsc: { host: sim.smppHost, port: sim.smppPort, systemId: INTEROP_ACCOUNT.systemId, password: INTEROP_ACCOUNT.password },
        bindMode,
        moUrl: `${recorder.baseUrl}/mo`,
      });
    });

    afterAll(async () => {
      await kannel?.stop();
      await sim?.stop();
      await recorder?.close();
    });

    it('sends a sendsms request as a submit_sm and calls dlr-url with "delivered" from our receipt', async () => {
      const ref = randomUUID();
      sentRef = ref;
      const submitsBefore = await sim.counter('in:submit_sm');
      const dlrUrl = `${recorder.baseUrl}/dlr?ref=${ref}&type=%d&reply=%A`;
      const query = new URLSearchParams({
        username: kannel.sendsmsUser.username,
        password: kannel.sendsmsUser.password,
        from: INTEROP_SENDER,
        to: INTEROP_RECIPIENT,
        text: `hello from Kannel ${ref.slice(0, 8)}`,
        'dlr-mask': String(DLR_MASK_ALL),
        'dlr-url': dlrUrl,
      });
      const res = await fetch(`${kannel.sendsmsUrl}?${query}`, { signal: AbortSignal.timeout(10_000) });
      const body = await res.text();
      expect(res.status, body).toBe(202);
      expect(body).toMatch(/^0: Accepted/);

      await waitFor(async () => (await sim.counter('in:submit_sm')) > submitsBefore, 15_000, 'in:submit_sm counted by the simulator').catch(
        async (err: Error) => {
          throw new Error(`${err.message}\n${await context()}`);
        },
      );

      const ack = await waitForRequest((r) => r.path === '/dlr' && r.query.ref === ref && r.query.type === DLR_SMSC_ACK, 'Kannel DLR type 8 (SMSC ack)');
      expect(ack.query.type).toBe(DLR_SMSC_ACK);

      const delivered = await waitForRequest((r) => r.path === '/dlr' && r.query.ref === ref && FINAL_DLR_TYPES.has(r.query.type), 'Kannel DLR with a final state');
      expect(delivered.query.type, JSON.stringify(delivered.query)).toBe(DLR_DELIVERED);
      expect(delivered.query.reply).toMatch(/stat:DELIVRD/);

      // Kannel asks for intermediate notifications too (dlr-mask 4), so there may be an ENROUTE receipt
      // before the final one; every deliver_sm must have been acknowledged.
      await waitFor(async () => (await sim.counter('in:deliver_sm_resp')) === (await sim.counter('deliver_sm')), 5_000, 'every deliver_sm acknowledged').catch(
        () => undefined,
      );
      const stats = JSON.stringify(await sim.stats());
      expect(await sim.counter('report:DELIVRD'), stats).toBe(1);
      expect(await sim.counter('deliver_sm'), stats).toBeGreaterThanOrEqual(1);
      expect(await sim.counter('in:deliver_sm_resp'), stats).toBe(await sim.counter('deliver_sm'));
    });

    // Only on one transceiver connection is the order of submit_sm_resp and deliver_sm a given; with
    // split binds they travel on two sockets that Kannel reads in separate threads.
    if (bindMode === 'transceiver') it('reports the intermediate notification it asked for (dlr-mask 4 sets registered_delivery 0x10) as "buffered"', async () => {
      expect(sentRef, 'the sendsms test ran first').not.toBe('');
      // Kannel can only match a notification whose message_id it already has from submit_sm_resp.
      const buffered = await waitForRequest((r) => r.path === '/dlr' && r.query.ref === sentRef && r.query.type === DLR_BUFFERED, 'Kannel DLR type 4 (intermediate)', 5_000);
      expect(buffered.query.reply).toMatch(/stat:ENROUTE/);
    });

    it('passes an MO injected at the simulator to its sms-service with sender, receiver and text', async () => {
      const text = `mo via Kannel ${randomUUID().slice(0, 8)}`;
      const injected = await sim.injectMo({ source: INTEROP_RECIPIENT, destination: INTEROP_SENDER, text, systemId: INTEROP_ACCOUNT.systemId });
      expect(injected.status, JSON.stringify(injected.body)).toBeLessThan(300);

      const mo = await waitForRequest((r) => r.path === '/mo' && r.query.text === text, 'Kannel sms-service call with the MO text');
      expect(mo.query.from).toBe(INTEROP_RECIPIENT);
      expect(mo.query.to).toBe(INTEROP_SENDER);
      expect(mo.query.smsc).toBe('msgsim');
    });
  });
}
