import type { Command } from 'commander';
import { createConformanceCommand, positiveInt, runConformanceCommand, type CommonConformanceOptions } from '../../kit/conformance-cli.ts';
import { formatReportTable } from '../../kit/conformance-report-table.ts';

interface Opts extends CommonConformanceOptions {
  spId?: string;
  password?: string;
  endUserId?: string;
  cert?: string;
  callback?: string;
  recipient?: string;
  unregisteredCallback?: string;
  invalidRecipient?: string;
  reportTimeout?: number;
  throttleBurst?: number;
  expectThrottle?: boolean;
}

/** `msgsim conformance xroshot --target tcp://host:port --sp-id ID --password PW`: MAS checks against any relay. */
export function createXroshotConformanceCommand(): Command {
  return createConformanceCommand({
    name: 'xroshot',
    summary: 'Xroshot MAS (XML over TCP) conformance checks against a relay (ours or a third party)',
    target: 'tcp://host:port (credentials may also be given as tcp://spId:password@host:port)',
    onlyExample: 'auth,garbage.doctype',
  })
    .option('--sp-id <id>', 'ServiceProviderID')
    .option('--password <pw>', 'service provider password')
    .option('--end-user-id <id>', 'EndUserID (default: the ServiceProviderID)')
    .option('--cert <file>', "the account's certificate file (default: the simulator's bundled certificate for that account)")
    .option('--callback <number>', 'a pre-registered callback number of the account (default 15880000)')
    .option('--recipient <number>', 'a reachable subscriber of another carrier that yields reports (default 01012340004)')
    .option('--unregistered-callback <number>', 'a callback number the account has not registered (default 0299990000)')
    .option('--invalid-recipient <text>', 'a recipient the relay must refuse (default NOT-A-NUMBER)')
    .option('--report-timeout <ms>', 'how long to wait for a req_report (default 30000)', positiveInt)
    .option('--throttle-burst <n>', 'req_send_message_2 in the throttling burst (default 400)', positiveInt)
    .option('--expect-throttle', 'the per-session rate is below the burst: at least one Result 33 must be seen')
    .action(async (o: Opts) => {
      // Loaded here so `msgsim --help` does not pay for the suite.
      const { runXroshotConformance } = await import('./run-xroshot-conformance.ts');
      await runConformanceCommand(
        o,
        (common) =>
          runXroshotConformance({
            ...common,
            serviceProviderId: o.spId,
            password: o.password,
            endUserId: o.endUserId,
            certificateFile: o.cert,
            callback: o.callback,
            recipient: o.recipient,
            unregisteredCallback: o.unregisteredCallback,
            invalidRecipient: o.invalidRecipient,
            reportTimeoutMs: o.reportTimeout,
            throttleBurst: o.throttleBurst,
            expectThrottle: o.expectThrottle,
          }),
        (r) => formatReportTable(r, { protocol: 'Xroshot MAS', reference: 'source', maxReference: 44 }),
      );
    });
}
