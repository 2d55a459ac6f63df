// Child processes of the e2e tests (the engine CLI, gateway fixtures): started with piped output,
// their first JSON line read as their endpoints, stderr kept for the failure message, and killed by
// their own pid only.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child<T> {
  proc: ChildProcess;
  /** The first stdout line that parsed as JSON. */
  info: T;
  /** stderr so far (the last 20,000 characters). */
  stderr(): string;
  exited: Promise<number | null>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop), then wait for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startChild<T>(args: string[], opts: { cwd: string; startTimeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<Child<T>> {
  const proc = spawn(process.execPath, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
  let err = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (d: string) => {
    err = (err + d).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const kill = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited;
  };
  const stop = async (graceMs = 5000): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(t);
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`${args.join(' ')}: no JSON line within ${opts.startTimeoutMs ?? 30_000} ms; stderr: ${err}`));
    }, opts.startTimeoutMs ?? 30_000);
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      let info: T;
      try {
        info = JSON.parse(line) as T;
      } catch {
        return;
      }
      clearTimeout(timer);
      lines.removeAllListeners('line');
      // Keep draining stdout so the child never blocks on a full pipe.
      lines.on('line', () => {});
      resolve({ proc, info, stderr: () => err, exited, kill, stop });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before printing its endpoints; stderr: ${err}`));
    });
  });
}
