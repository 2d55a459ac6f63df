import { Command, InvalidArgumentError } from 'commander';
import { formatReportTable } from './conformance-report-table.ts';
import { runSmsvasConformance } from './run-smsvas-conformance.ts';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

interface Opts {
  target: string;
  sender?: string;
  recipient?: string;
  expectations?: string;
  only?: string;
  json?: boolean;
  timeout?: number;
  receiptTimeout?: number;
  throttleBurst?: number;
  expectThrottle?: boolean;
  invalidDestination?: string;
}

/** `msgsim conformance smsvas --target smpp://user:pass@host:port`: SMPP 3.4 checks against any SMSC. */
export function createSmsvasConformanceCommand(): Command {
  return new Command('smsvas')
    .description('SMPP 3.4 conformance checks against an SMSC (ours or a third party); exit code 1 when not passed')
    .requiredOption('--target <url>', 'smpp://system_id:password@host:port')
    .option('--sender <number>', 'a sender (callback number) the account may use (default 15880000)')
    .option('--recipient <number>', 'a reachable subscriber that yields delivery receipts (default 01012340001)')
    .option('--expectations <file>', 'YAML of known failures: { target-name, expected-failures: { <check id>: reason } }')
    .option('--only <ids>', 'comma-separated check ids or groups (e.g. bind,receipt.tlvs)')
    .option('--json', 'print the report as JSON')
    .option('--timeout <ms>', 'response timeout per request', positiveInt)
    .option('--receipt-timeout <ms>', 'how long to wait for a delivery receipt', positiveInt)
    .option('--throttle-burst <n>', 'submit_sm in the throttling burst (default 200)', positiveInt)
    .option('--expect-throttle', 'the target limits below the burst: at least one ESME_RTHROTTLED must be seen')
    .option('--invalid-destination <addr>', 'destination_addr the target must refuse (default NOT-A-NUMBER)')
    .action(async (o: Opts) => {
      const report = await runSmsvasConformance({
        target: o.target,
        sender: o.sender,
        recipient: o.recipient,
        expectations: o.expectations,
        only: o.only?.split(','),
        timeoutMs: o.timeout,
        receiptTimeoutMs: o.receiptTimeout,
        throttleBurst: o.throttleBurst,
        expectThrottle: o.expectThrottle,
        invalidDestination: o.invalidDestination,
      });
      console.log(o.json ? JSON.stringify(report, null, 2) : formatReportTable(report));
      if (!report.passed) process.exitCode = 1;
    });
}
