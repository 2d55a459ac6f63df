// Runs Kannel (bearerbox + smsbox) from the Debian package as a real ESME in a throwaway directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderKannelConfig, type KannelConfigOptions } from './kannel-config.ts';
import { stopChild, waitFor } from './start-smsvas-simulator.ts';

export interface StartKannelOptions {
  smsc: KannelConfigOptions['smsc'];
  bindMode: KannelConfigOptions['bindMode'];
  moUrl: string;
  /** Bounded wait for both boxes to listen and the SMSC link to come online. */
  startTimeoutMs?: number;
}

export interface KannelProcess {
  sendsmsUrl: string;
  sendsmsUser: { username: string; password: string };
  adminUrl: string;
  /** bearerbox's plain-text status page. */
  status(): Promise<string>;
  /** Last lines of every Kannel log, for failure messages. */
  logs(maxLinesPerFile?: number): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function startKannel(opts: StartKannelOptions): Promise<KannelProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-kannel-'));
  const ports = { admin: await freePort(), smsbox: await freePort(), sendsms: await freePort() };
  const adminPassword = 'interop';
  const sendsmsUser = { username: 'tester', password: 'foobar' };
  const configFile = join(dir, 'kannel.conf');
  writeFileSync(
    configFile,
    renderKannelConfig({ ports, adminPassword, logDir: dir, smsc: opts.smsc, bindMode: opts.bindMode, sendsmsUser, moUrl: opts.moUrl }),
  );

  const children: ChildProcess[] = [];
  const consoleTail: Record<string, string> = {};
  const run = (box: 'bearerbox' | 'smsbox'): ChildProcess => {
    const child = spawn(box, [configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    consoleTail[box] = '';
    const keep = (chunk: Buffer): void => {
      // Kannel echoes its log to the console; keep only the tail.
      consoleTail[box] = (consoleTail[box] + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    children.push(child);
    return child;
  };

  const adminUrl = `http://127.0.0.1:${ports.admin}`;
  const status = async (): Promise<string> => {
    const res = await fetch(`${adminUrl}/status.txt?password=${adminPassword}`, { signal: AbortSignal.timeout(3_000) });
    return res.text();
  };
  const logs = (maxLines = 40): string => {
    const parts: string[] = [];
    for (const name of ['bearerbox.log', 'smsc-msgsim.log', 'smsc-msgsim-rx.log', 'smsbox.log']) {
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      parts.push(`--- ${name} (last ${maxLines} lines) ---\n${lines.slice(-maxLines).join('\n')}`);
    }
    for (const [box, text] of Object.entries(consoleTail)) {
      if (text.trim()) parts.push(`--- ${box} console (tail) ---\n${text.split('\n').slice(-maxLines).join('\n')}`);
    }
    return parts.join('\n');
  };
  const stop = async (): Promise<void> => {
    // smsbox first, so bearerbox does not wait on it while shutting down.
    for (const child of [...children].reverse()) await stopChild(child, 10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  const assertAlive = (): void => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${child.spawnfile} exited (code ${child.exitCode}, signal ${child.signalCode})`);
      }
    }
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  const remaining = (): number => Math.max(1_000, deadline - Date.now());
  try {
    run('bearerbox');
    await waitFor(
      async () => {
        assertAlive();
        return canConnect(ports.admin);
      },
      remaining(),
      'bearerbox admin port',
    );
    run('smsbox');
    await waitFor(
      async () => {
        assertAlive();
        return canConnect(ports.sendsms);
      },
      remaining(),
      'smsbox sendsms port',
    );
    await waitFor(
      async () => {
        assertAlive();
        const text = await status().catch(() => '');
        const links = text.split('\n').filter((line) => line.includes('msgsim') && line.includes('SMPP'));
        return links.length > 0 && links.every((line) => line.includes('(online'));
      },
      remaining(),
      'Kannel SMSC link "msgsim" online',
    );
  } catch (err) {
    const detail = `${(err as Error).message}\n${await status().catch(() => '(no status page)')}\n${logs()}`;
    await stop();
    throw new Error(detail);
  }

  return {
    sendsmsUrl: `http://127.0.0.1:${ports.sendsms}/cgi-bin/sendsms`,
    sendsmsUser,
    adminUrl,
    status,
    logs,
    stop,
  };
}
