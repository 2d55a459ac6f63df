// Starting the bench's server and ESME processes and reading the one line each prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  proc: ChildProcess;
  /** Resolves with the rest of the first stdout line that starts with `prefix`. */
  line(prefix: string, timeoutMs: number): Promise<string>;
  /** Waits up to graceMs for the child to exit by itself (so --cpu-prof can write), then SIGTERM. */
  stop(graceMs?: number): Promise<void>;
}

export function startChild(script: string, args: string[], nodeFlags: string[] = []): Child {
  const proc = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout! });
  const seen: string[] = [];
  const waiters: { prefix: string; resolve: (s: string) => void }[] = [];
  lines.on('line', (l) => {
    const w = waiters.find((x) => l.startsWith(x.prefix));
    if (w) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l.slice(w.prefix.length).trim());
    } else seen.push(l);
  });
  return {
    proc,
    line(prefix, timeoutMs) {
      const early = seen.find((l) => l.startsWith(prefix));
      if (early) return Promise.resolve(early.slice(prefix.length).trim());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script}: no '${prefix}' line within ${timeoutMs} ms`)), timeoutMs);
        const onExit = (code: number | null) => reject(new Error(`${script} exited (${code}) before printing '${prefix}'`));
        proc.once('exit', onExit);
        waiters.push({
          prefix,
          resolve: (s) => {
            clearTimeout(timer);
            proc.off('exit', onExit);
            resolve(s);
          },
        });
      });
    },
    stop(graceMs = 0) {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => proc.kill('SIGTERM'), graceMs);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
