import { Command, InvalidArgumentError } from 'commander';
import { formatReportTable } from './conformance-report-table.ts';
import { runGmmscConformance } from './run-gmmsc-conformance.ts';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be 0..65535');
  return n;
}

interface Opts {
  target: string;
  namespace?: string;
  mm7Version?: string;
  sender?: string;
  recipient?: string;
  invalidRecipient?: string;
  vaspId?: string;
  vasId?: string;
  serviceCode?: string;
  callbackHost?: string;
  callbackPort?: number;
  callbackPath?: string;
  callbackUrl?: string;
  xsd?: string;
  expectations?: string;
  only?: string;
  json?: boolean;
  timeout?: number;
  reportTimeout?: number;
}

/** `msgsim conformance gmmsc --target http://user:pass@host:port/path`: MM7 checks against any MMSC. */
export function createGmmscConformanceCommand(): Command {
  return new Command('gmmsc')
    .description('MM7 (3GPP TS 23.140) conformance checks against an MMSC (ours or a third party); exit code 1 when not passed')
    .requiredOption('--target <url>', 'http://user:password@host:port/path of the MM7 endpoint')
    .option('--callback-host <host>', 'address the suite\'s delivery-report receiver binds (default 127.0.0.1)')
    .option('--callback-port <port>', 'its port (default 0: a free one; fix it when the target\'s callback URL is configured beforehand)', port)
    .option('--callback-path <path>', 'its path (default /mm7/callback)')
    .option('--callback-url <url>', 'the URL the target posts to, if not http://<callback-host>:<port><path> (NAT, docker bridge)')
    .option('--xsd <dir>', 'directory holding the MM7 schemas (REL-6-MM7-1-4.xsd, ...): validate every envelope with xmllint')
    .option('--expectations <file>', 'YAML of known failures: { target-name, expected-failures: { <check id>: reason } }')
    .option('--only <ids>', 'comma-separated check ids or groups (e.g. status,report.shape)')
    .option('--json', 'print the report as JSON')
    .option('--namespace <ns>', 'MM7 namespace of ordinary requests (default REL-6-MM7-1-4)')
    .option('--mm7-version <v>', 'MM7Version of ordinary requests (default 6.8.0 for REL-6)')
    .option('--sender <number>', 'a sender number the account may use (default 15880000)')
    .option('--recipient <number>', 'a reachable subscriber that yields delivery reports (default 01012340001)')
    .option('--invalid-recipient <addr>', 'a recipient the target must refuse with 2002 (default NOT-A-NUMBER)')
    .option('--vasp-id <id>', 'VASPID to send in SenderIdentification')
    .option('--vas-id <id>', 'VASID to send in SenderIdentification')
    .option('--service-code <code>', 'ServiceCode to send')
    .option('--timeout <ms>', 'response timeout per request (default 5000)', positiveInt)
    .option('--report-timeout <ms>', 'how long to wait for a delivery report (default 30000)', positiveInt)
    .action(async (o: Opts) => {
      const report = await runGmmscConformance({
        target: o.target,
        namespace: o.namespace,
        mm7Version: o.mm7Version,
        sender: o.sender,
        recipient: o.recipient,
        invalidRecipient: o.invalidRecipient,
        vaspId: o.vaspId,
        vasId: o.vasId,
        serviceCode: o.serviceCode,
        callbackHost: o.callbackHost,
        callbackPort: o.callbackPort,
        callbackPath: o.callbackPath,
        callbackUrl: o.callbackUrl,
        xsd: o.xsd,
        expectations: o.expectations,
        only: o.only?.split(','),
        timeoutMs: o.timeout,
        reportTimeoutMs: o.reportTimeout,
        onCallbackUrl: o.json ? undefined : (url) => console.error(`delivery reports are received at ${url}`),
      });
      console.log(o.json ? JSON.stringify(report, null, 2) : formatReportTable(report));
      if (!report.passed) process.exitCode = 1;
    });
}
