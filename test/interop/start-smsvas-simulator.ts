// Starts OUR SMSVAS simulator as a child process, exactly as a user would (`msgsim gateway smsvas`),
// so real peers talk to the shipped CLI rather than an in-process test double.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './prerequisites.ts';

export interface StartSimulatorOptions {
  /** Config YAML text written to a temp file and passed as --config. */
  configYaml?: string;
  /** Bounded wait for both "listening" lines. */
  startTimeoutMs?: number;
}

export interface MoInjection {
  source: string;
  destination: string;
  text: string;
  systemId?: string;
}

export interface SmsvasSimulatorProcess {
  smppHost: string;
  smppPort: number;
  adminUrl: string;
  /** smpp://user:pass@host:port for the default account. */
  target(systemId?: string, password?: string): string;
  stats(): Promise<Record<string, unknown>>;
  /** A counter from /admin/stats (e.g. `in:submit_sm`, `report:DELIVRD`); 0 when absent. */
  counter(name: string): Promise<number>;
  log(limit?: number): Promise<unknown>;
  injectMo(mo: MoInjection): Promise<{ status: number; body: unknown }>;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const smppLine = /smsvas smpp listening on smpp:\/\/([^:\s]+):(\d+)/;
const adminLine = /smsvas admin listening on (http:\/\/[^\s]+)/;

export async function startSmsvasSimulator(opts: StartSimulatorOptions = {}): Promise<SmsvasSimulatorProcess> {
  const workDir = mkdtempSync(join(tmpdir(), 'msgsim-sim-'));
  // MSGSIM_BIN lets the same tests drive another build of the CLI (e.g. an installed package).
  const args = [process.env.MSGSIM_BIN ?? 'bin/msgsim.js', 'gateway', 'smsvas', '--host', '127.0.0.1', '--port', '0', '--admin-port', '0'];
  if (opts.configYaml !== undefined) {
    const configFile = join(workDir, 'smsvas.yaml');
    writeFileSync(configFile, opts.configYaml);
    args.push('--config', configFile);
  }
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const cleanup = async (): Promise<void> => {
    await stopChild(child, 5_000);
    rmSync(workDir, { recursive: true, force: true });
  };

  let smpp: RegExpMatchArray | null = null;
  let admin: RegExpMatchArray | null = null;
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`simulator exited early (code ${child.exitCode}, signal ${child.signalCode})`);
        }
        smpp = output.match(smppLine);
        admin = output.match(adminLine);
        return smpp !== null && admin !== null;
      },
      opts.startTimeoutMs ?? 30_000,
      'simulator "listening" lines',
    );
  } catch (err) {
    await cleanup();
    throw new Error(`${(err as Error).message}\n--- simulator output ---\n${output}`);
  }
  const [, smppHost, smppPortText] = smpp as unknown as RegExpMatchArray;
  const adminUrl = (admin as unknown as RegExpMatchArray)[1].replace(/\/$/, '');
  const smppPort = Number(smppPortText);

  const getJson = async (path: string): Promise<unknown> => {
    const res = await fetch(`${adminUrl}${path}`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  const stats = async (): Promise<Record<string, unknown>> => (await getJson('/admin/stats')) as Record<string, unknown>;

  return {
    smppHost,
    smppPort,
    adminUrl,
    target: (systemId = 'msgsim', password = 'secret') =>
      `smpp://${encodeURIComponent(systemId)}:${encodeURIComponent(password)}@${smppHost}:${smppPort}`,
    stats,
    counter: async (name) => readCounter(await stats(), name),
    log: (limit = 100) => getJson(`/admin/log?limit=${limit}`),
    injectMo: async (mo) => {
      const res = await fetch(`${adminUrl}/admin/mo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(mo),
        signal: AbortSignal.timeout(5_000),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      return { status: res.status, body };
    },
    output: () => output,
    stop: cleanup,
  };
}

/** Looks a counter up wherever /admin/stats keeps it (`stats.counters`, `counters` or top level). */
export function readCounter(stats: Record<string, unknown>, name: string): number {
  const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const inner = record(stats.stats);
  for (const source of [record(inner.counters), record(stats.counters), stats]) {
    const value = source[name];
    if (typeof value === 'number') return value;
  }
  return 0;
}

/** Polls `ready` every 50 ms until it returns true; throws after `timeoutMs`. */
export async function waitFor(ready: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
