// What every bench ESME does, so the raw and our client measure the same thing: a warm-up, then
// phase 1 (submit_sm without receipts, timed to the last submit_sm_resp) and phase 2 (submit_sm with
// receipts, timed to the last receipt acknowledged). The caller keeps `window` requests outstanding.

export interface WorkloadArgs {
  port: number;
  messages: number;
  warmup: number;
  window: number;
  timeLimitMs: number;
}

export interface PhaseResult {
  messages: number;
  completed: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
}

export interface WorkloadResult {
  submit: PhaseResult;
  cycle: PhaseResult;
}

export const SOURCE = '15880000';
export const DESTINATION = '01012340001';
export const TEXT = 'msgsim bench message';

export function readArgs(): WorkloadArgs {
  const a = JSON.parse(process.argv[2] ?? '{}') as Partial<WorkloadArgs>;
  if (!a.port) throw new Error('usage: <esme>.ts \'{"port":N,"messages":N,"warmup":N,"window":N,"timeLimitMs":N}\'');
  return { port: a.port, messages: a.messages ?? 200_000, warmup: a.warmup ?? 10_000, window: a.window ?? 100, timeLimitMs: a.timeLimitMs ?? 60_000 };
}

/**
 * Drives `send(registered, done)` with `window` outstanding calls. `done(ok)` is the submit response;
 * receipts are counted by the caller through `receipt()`. Resolves when every message of the phase is
 * answered (and, with receipts, every receipt arrived) or when the time limit passes.
 */
export function createPhaseRunner(send: (registered: boolean, done: (ok: boolean) => void) => void) {
  let onReceipt: (() => void) | null = null;
  return {
    receipt(): void {
      onReceipt?.();
    },
    run(messages: number, registered: boolean, window: number, timeLimitMs: number): Promise<PhaseResult> {
      return new Promise((resolve) => {
        const t0 = performance.now();
        let sent = 0;
        let answered = 0;
        let errors = 0;
        let receipts = 0;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          clearTimeout(limit);
          onReceipt = null;
          const elapsedMs = performance.now() - t0;
          const completed = registered ? receipts : answered - errors;
          resolve({ messages, completed, errors, elapsedMs, perSecond: (completed / elapsedMs) * 1000 });
        };
        const limit = setTimeout(finish, timeLimitMs);
        const check = () => {
          if (answered === messages && (!registered || receipts >= messages - errors)) finish();
        };
        onReceipt = () => {
          receipts++;
          check();
        };
        const done = (ok: boolean) => {
          answered++;
          if (!ok) errors++;
          if (!finished) fire();
          check();
        };
        const fire = () => {
          while (sent < messages && sent - answered < window) {
            sent++;
            send(registered, done);
          }
        };
        fire();
      });
    },
  };
}

export function report(result: WorkloadResult): void {
  console.log(`RESULT ${JSON.stringify(result)}`);
}
