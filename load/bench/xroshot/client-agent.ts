// Bench agent: our Xroshot client with several sessions. Keeps `outstanding` messages in flight and
// times one phase to the last res_send_message_all (messages/s) and to the last req_report
// (messages with reports/s). Prints `RESULT <json>`.
import { createXroshotClient } from '../../../gateways/xroshot/client/xroshot-client.ts';
import { loadXroshotConfig } from '../../../gateways/xroshot/simulator/xroshot-config.ts';

export interface AgentArgs {
  port: number;
  /** The simulator process: asked for its CPU time (SIGUSR2) when the measured phase starts and ends. */
  serverPid?: number;
  messages: number;
  warmup: number;
  sessions: number;
  window: number;
  timeLimitMs: number;
}

export interface AgentPhase {
  messages: number;
  accepted: number;
  errors: number;
  reports: number;
  responsesPerSecond: number;
  cyclesPerSecond: number;
  /** CPU time (user + system) of this process per reported message, µs: the client's own cost. */
  clientCpuUsPerMessage: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as AgentArgs;
const cert = loadXroshotConfig().accounts.find((a) => a.serviceProviderId === 'msgsim')!.cert;
const client = createXroshotClient({ target: `tcp://msgsim:secret@127.0.0.1:${args.port}`, certificate: cert, sessions: args.sessions, window: args.window });
let onReport: (() => void) | null = null;
client.on('report', () => onReport?.());
await client.connect();
while (client.stats().sessionsUp < args.sessions) await new Promise((r) => setTimeout(r, 20));

function phase(messages: number): Promise<AgentPhase> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const outstanding = args.sessions * args.window * 2;
    let sent = 0;
    let answered = 0;
    let accepted = 0;
    let reports = 0;
    let responsesMs = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(limit);
      onReport = null;
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      resolve({
        messages,
        accepted,
        errors: answered - accepted,
        reports,
        responsesPerSecond: (answered / (responsesMs || ms)) * 1000,
        cyclesPerSecond: (reports / ms) * 1000,
        clientCpuUsPerMessage: (cpu.user + cpu.system) / Math.max(1, reports),
      });
    };
    const limit = setTimeout(finish, args.timeLimitMs);
    const check = () => {
      if (answered === messages && responsesMs === 0) responsesMs = performance.now() - t0;
      if (answered === messages && reports >= accepted) finish();
    };
    onReport = () => {
      reports++;
      check();
    };
    const fire = () => {
      while (sent < messages && sent - answered < outstanding) {
        sent++;
        client.submit({ kind: 'sms', source: '15880000', destination: '01012340004', text: 'msgsim bench message' }).then(
          (o) => {
            answered++;
            if (o.kind === 'accepted') accepted++;
            if (!finished) fire();
            check();
          },
          () => {
            answered++;
            check();
          },
        );
      }
    };
    fire();
  });
}

const askServerCpu = () => {
  if (args.serverPid) process.kill(args.serverPid, 'SIGUSR2');
};

await phase(args.warmup);
askServerCpu();
const result = await phase(args.messages);
askServerCpu();
console.log(`RESULT ${JSON.stringify(result)}`);
await client.close();
process.exit(0);
