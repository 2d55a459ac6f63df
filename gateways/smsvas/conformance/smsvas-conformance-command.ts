import type { Command } from 'commander';
import { createConformanceCommand, positiveInt, runConformanceCommand, type CommonConformanceOptions } from '../../kit/conformance-cli.ts';
import { formatReportTable } from '../../kit/conformance-report-table.ts';

interface Opts extends CommonConformanceOptions {
  sender?: string;
  recipient?: string;
  receiptTimeout?: number;
  throttleBurst?: number;
  expectThrottle?: boolean;
  invalidDestination?: string;
}

/** `msgsim conformance smsvas --target smpp://user:pass@host:port`: SMPP 3.4 checks against any SMSC. */
export function createSmsvasConformanceCommand(): Command {
  return createConformanceCommand({
    name: 'smsvas',
    summary: 'SMPP 3.4 conformance checks against an SMSC (ours or a third party)',
    target: 'smpp://system_id:password@host:port',
    onlyExample: 'bind,receipt.tlvs',
  })
    .option('--sender <number>', 'a sender (callback number) the account may use (default 15880000)')
    .option('--recipient <number>', 'a reachable subscriber that yields delivery receipts (default 01012340001)')
    .option('--receipt-timeout <ms>', 'how long to wait for a delivery receipt (default 30000)', positiveInt)
    .option('--throttle-burst <n>', 'submit_sm in the throttling burst (default 200)', positiveInt)
    .option('--expect-throttle', 'the target limits below the burst: at least one ESME_RTHROTTLED must be seen')
    .option('--invalid-destination <addr>', 'destination_addr the target must refuse (default NOT-A-NUMBER)')
    .action(async (o: Opts) => {
      // Loaded here so `msgsim --help` does not pay for the suite.
      const { runSmsvasConformance } = await import('./run-smsvas-conformance.ts');
      await runConformanceCommand(
        o,
        (common) =>
          runSmsvasConformance({
            ...common,
            sender: o.sender,
            recipient: o.recipient,
            receiptTimeoutMs: o.receiptTimeout,
            throttleBurst: o.throttleBurst,
            expectThrottle: o.expectThrottle,
            invalidDestination: o.invalidDestination,
          }),
        (r) => formatReportTable(r, { protocol: 'SMPP 3.4', reference: 'clause' }),
      );
    });
}
