// Bench VASP: our GMMSC client, `outstanding` submits in flight. Phases: text SubmitReq (no report),
// MMS SubmitReq with a 100 KB JPEG (no report), then text SubmitReq with DeliveryReport timed to the
// last report received. Prints `RESULT <json>`.
import { readFileSync } from 'node:fs';
import { createGmmscClient } from '../../../gateways/gmmsc/client/gmmsc-client.ts';
import type { GmmscSubmitMessage } from '../../../gateways/gmmsc/client/submit-request.ts';

export interface PhaseResult {
  messages: number;
  accepted: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
  /** The VASP process's CPU time for the phase: how far this one process is from its own ceiling. */
  cpuMs: number;
  /** The server process's CPU time for the phase (from /proc; null where there is none). */
  serverCpuMs: number | null;
}

export interface VaspArgs {
  port: number;
  callbackPort: number;
  messages: number;
  mmsMessages: number;
  reportMessages: number;
  outstanding: number;
  connections: number;
  timeLimitMs: number;
  /** The server's process id, to read its CPU time from /proc (Linux). */
  serverPid?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as VaspArgs;
const client = createGmmscClient({
  target: `http://msgsim:secret@127.0.0.1:${args.port}/mm7`,
  connections: args.connections,
  callback: { port: args.callbackPort },
  deliveryReport: false,
});
await client.connect();
let onReport: (() => void) | null = null;
client.on('report', () => onReport?.());

// utime + stime of a process, in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms).
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const image = Buffer.alloc(100 * 1024, 0x5a);
image.writeUInt32BE(0xffd8ffe0, 0);
image.writeUInt16BE(0xffd9, image.length - 2);
const TEXT: GmmscSubmitMessage = { source: '15880000', destination: '01012340001', text: 'msgsim bench LMS 본문' };
const MMS: GmmscSubmitMessage = { ...TEXT, images: [{ data: image }] };

function phase(messages: number, msg: GmmscSubmitMessage, waitReports: boolean): Promise<PhaseResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const server0 = processCpuMs(args.serverPid);
    let sent = 0;
    let answered = 0;
    let accepted = 0;
    let errors = 0;
    let reports = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(limit);
      onReport = null;
      const elapsedMs = performance.now() - t0;
      const completed = waitReports ? reports : accepted;
      const cpu = process.cpuUsage(cpu0);
      const server1 = processCpuMs(args.serverPid);
      const serverCpuMs = server0 === null || server1 === null ? null : server1 - server0;
      resolve({ messages, accepted: completed, errors, elapsedMs, perSecond: (completed / elapsedMs) * 1000, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs });
    };
    const limit = setTimeout(finish, args.timeLimitMs);
    if (messages === 0) return finish();
    const check = () => {
      if (answered === messages && (!waitReports || reports >= accepted)) finish();
    };
    if (waitReports) onReport = () => (reports++, check());
    const next = () => {
      if (done || sent >= messages) return;
      sent++;
      client.submit(msg).then(
        (o) => {
          answered++;
          if (o.kind === 'accepted') accepted++;
          else errors++;
          check();
          next();
        },
        () => {
          answered++;
          errors++;
          check();
          next();
        },
      );
    };
    for (let i = 0; i < args.outstanding; i++) next();
  });
}

await phase(Math.min(2000, args.messages), TEXT, false);
const text = await phase(args.messages, TEXT, false);
const mms = await phase(args.mmsMessages, MMS, false);
const reports = await phase(args.reportMessages, { ...TEXT, deliveryReport: true }, true);
console.log(`RESULT ${JSON.stringify({ text, mms, reports })}`);
await client.close();
process.exit(0);
