// The engine bench's view of its child processes: `msgsim engine` started from a config file (its
// JSON endpoints line read, stderr kept for a failure report), and what /proc says about a process —
// CPU seconds (all threads, or the main thread alone) and peak resident memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MSGSIM = fileURLToPath(new URL('../../../bin/msgsim.js', import.meta.url));

export interface EngineProcess {
  proc: ChildProcess;
  /** Base URL of the engine API. */
  url: string;
  /** The last lines the engine wrote to stderr (its log). */
  log(): string[];
  /** SIGTERM (graceful: sends answered, writes flushed) and wait for the exit; SIGKILL after graceMs. */
  stop(graceMs: number): Promise<number | null>;
}

export async function startEngine(configFile: string, nodeFlags: string[], timeoutMs: number, echoStdout?: (line: string) => void): Promise<EngineProcess> {
  const proc = spawn(process.execPath, [...nodeFlags, MSGSIM, 'engine', '--config', configFile, '--json', '--seed', 'engine-bench'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  createInterface({ input: proc.stderr! }).on('line', (l) => {
    tail.push(l);
    if (tail.length > 40) tail.shift();
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`msgsim engine printed no endpoints within ${timeoutMs} ms:\n${tail.join('\n')}`)), timeoutMs);
    // Node's own tracing (--trace-gc and the like) writes to stdout too: the endpoints are the JSON line.
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      if (!l.startsWith('{"engine"')) return echoStdout?.(l);
      clearTimeout(timer);
      resolve((JSON.parse(l) as { engine: string }).engine);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`msgsim engine exited (${code}) before it listened:\n${tail.join('\n')}`));
    });
  });
  return {
    proc,
    url,
    log: () => [...tail],
    async stop(graceMs) {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a process (every thread), or of one thread when `tid` is given, in seconds. */
export function cpuSeconds(pid: number, tid?: number): number {
  const path = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
  try {
    // The command name may hold spaces; the fields after it are fixed.
    const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Peak resident set (VmHWM) of a process, in bytes. */
export function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? Number.NaN : Number(m[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}
