// Runs the msgsim CLI in a child process, as a user would. Asynchronous on purpose: the simulator
// answering the CLI lives in the test's own event loop.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface MsgsimRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runMsgsim(args: string[], killAfterMs = 50_000): Promise<MsgsimRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/msgsim.js', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
