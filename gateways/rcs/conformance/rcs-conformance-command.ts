import type { Command } from 'commander';
import { createConformanceCommand, portNumber, positiveInt, runConformanceCommand, splitList, type CommonConformanceOptions } from '../../kit/conformance-cli.ts';
import { formatReportTable } from '../../kit/conformance-report-table.ts';

interface Opts extends CommonConformanceOptions {
  clientId: string;
  clientSecret: string;
  botId: string;
  webhookTimeout?: number;
  maxTokenWait?: number;
  throttleBurst?: number;
  expectThrottle?: boolean;
  capableContact?: string;
  notCapableContacts?: string;
  admin?: string;
  webhookHost?: string;
  webhookPort?: number;
  webhookUrl?: string;
  webhookPublicHost?: string;
  webhook: boolean;
}

/** `msgsim conformance rcs --target URL --client-id .. --client-secret .. --bot-id ..`: MaaP checks against any endpoint. */
export function createRcsConformanceCommand(): Command {
  return createConformanceCommand({
    name: 'rcs',
    summary: 'RCS MaaP conformance checks against a MaaP-style endpoint (ours or a third party)',
    target: 'MaaP base URL, e.g. http://127.0.0.1:8082',
    onlyExample: 'auth,limits.title',
  })
    .requiredOption('--client-id <id>', 'OAuth2 client id')
    .requiredOption('--client-secret <secret>', 'OAuth2 client secret')
    .requiredOption('--bot-id <id>', 'chatbot id (registered sender number) the account may send as')
    .option('--webhook-timeout <ms>', 'how long to wait for a status webhook (default 30000)', positiveInt)
    .option('--max-token-wait <ms>', 'wait for token expiry only when expires_in is at most this (default 5000)', positiveInt)
    .option('--throttle-burst <n>', 'sends in the throttling burst (default 200)', positiveInt)
    .option('--expect-throttle', 'the target limits below the burst: at least one 429 / 50201 must be seen')
    .option('--capable-contact <msisdn>', 'a KT Android RCS user (default 01012340001)')
    .option('--not-capable-contacts <list>', 'comma-separated users RCS cannot reach (default 01012340002,01012340004)')
    .option('--admin <url>', "our simulator's admin URL: the webhook receiver is registered there (PUT /admin/webhook) and unregistered after")
    .option('--webhook-host <host>', 'interface the webhook receiver binds (default 127.0.0.1; 0.0.0.0 for a target in a container)')
    .option('--webhook-port <port>', 'port of the webhook receiver (default: a free one)', portNumber)
    .option('--webhook-public-host <host>', 'host the target reaches this machine by (e.g. 172.17.0.1, the docker bridge gateway); the bound port is kept')
    .option('--webhook-url <url>', 'the full URL the target must post to, when it differs from the bound one')
    .option('--no-webhook', 'run without a webhook receiver (webhook checks are not judged)')
    .action(async (o: Opts) => {
      // Loaded here so `msgsim --help` does not pay for the suite.
      const { runRcsConformance } = await import('./run-rcs-conformance.ts');
      const { registerViaAdmin } = await import('./admin-webhook.ts');
      await runConformanceCommand(
        o,
        (common) =>
          runRcsConformance({
            ...common,
            clientId: o.clientId,
            clientSecret: o.clientSecret,
            botId: o.botId,
            webhookTimeoutMs: o.webhookTimeout,
            maxTokenWaitMs: o.maxTokenWait,
            throttleBurst: o.throttleBurst,
            expectThrottle: o.expectThrottle,
            capableContact: o.capableContact,
            notCapableContacts: splitList(o.notCapableContacts),
            webhook: o.webhook ? { host: o.webhookHost, port: o.webhookPort, publicUrl: o.webhookUrl, publicHost: o.webhookPublicHost } : false,
            registerWebhook: o.admin ? registerViaAdmin(o.admin, o.botId) : undefined,
            onWebhookUrl: (url) => console.error(`rcs conformance: webhook receiver at ${url}${o.admin ? ' (registered through the admin API)' : ' (the target must post status events here)'}`),
          }),
        (r) => formatReportTable(r, { protocol: 'RCS MaaP', reference: 'clause', note: `; webhooks received at ${r.webhookUrl ?? '(no receiver)'}` }),
      );
    });
}
