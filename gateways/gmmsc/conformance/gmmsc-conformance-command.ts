import type { Command } from 'commander';
import { createConformanceCommand, portNumber, positiveInt, runConformanceCommand, type CommonConformanceOptions } from '../../kit/conformance-cli.ts';
import { formatReportTable } from '../../kit/conformance-report-table.ts';
import type { GmmscConformanceOptions } from './run-gmmsc-conformance.ts';

/** The MM7 options commander hands over under the runner's own names. */
type Mm7Options = Pick<
  GmmscConformanceOptions,
  'namespace' | 'mm7Version' | 'sender' | 'recipient' | 'invalidRecipient' | 'vaspId' | 'vasId' | 'serviceCode' | 'callbackHost' | 'callbackPort' | 'callbackPath' | 'callbackUrl' | 'xsd'
>;

interface Opts extends CommonConformanceOptions, Mm7Options {
  reportTimeout?: number;
}

/** `msgsim conformance gmmsc --target http://user:pass@host:port/path`: MM7 checks against any MMSC. */
export function createGmmscConformanceCommand(): Command {
  return createConformanceCommand({
    name: 'gmmsc',
    summary: 'MM7 (3GPP TS 23.140) conformance checks against an MMSC (ours or a third party)',
    target: 'http://user:password@host:port/path of the MM7 endpoint',
    onlyExample: 'status,report.shape',
  })
    .option('--callback-host <host>', "address the suite's delivery-report receiver binds (default 127.0.0.1)")
    .option('--callback-port <port>', "its port (default 0: a free one; fix it when the target's callback URL is configured beforehand)", portNumber)
    .option('--callback-path <path>', 'its path (default /mm7/callback)')
    .option('--callback-url <url>', 'the URL the target posts to, if not http://<callback-host>:<port><path> (NAT, docker bridge)')
    .option('--xsd <dir>', 'directory holding the MM7 schemas (REL-6-MM7-1-4.xsd, ...): validate every envelope with xmllint')
    .option('--namespace <ns>', 'MM7 namespace of ordinary requests (default REL-6-MM7-1-4)')
    .option('--mm7-version <v>', 'MM7Version of ordinary requests (default 6.8.0 for REL-6)')
    .option('--sender <number>', 'a sender number the account may use (default 15880000)')
    .option('--recipient <number>', 'a reachable subscriber that yields delivery reports (default 01012340001)')
    .option('--invalid-recipient <addr>', 'a recipient the target must refuse with 2002 (default NOT-A-NUMBER)')
    .option('--vasp-id <id>', 'VASPID to send in SenderIdentification')
    .option('--vas-id <id>', 'VASID to send in SenderIdentification')
    .option('--service-code <code>', 'ServiceCode to send')
    .option('--report-timeout <ms>', 'how long to wait for a delivery report (default 30000)', positiveInt)
    .action(async (o: Opts) => {
      // Loaded here so `msgsim --help` does not pay for the suite.
      const { runGmmscConformance } = await import('./run-gmmsc-conformance.ts');
      const { target, expectations, only, json, timeout, reportTimeout, ...mm7 } = o;
      await runConformanceCommand(
        { target, expectations, only, json, timeout },
        (common) =>
          runGmmscConformance({
            ...mm7,
            ...common,
            reportTimeoutMs: reportTimeout,
            onCallbackUrl: json ? undefined : (url) => console.error(`delivery reports are received at ${url}`),
          }),
        (r) => formatReportTable(r, { protocol: 'MM7 (3GPP TS 23.140)', reference: 'clause' }),
      );
    });
}
