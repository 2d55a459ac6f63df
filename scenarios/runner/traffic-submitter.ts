// Hands the traffic scheduler's requests to the engine API: a `send` as one message, everything else
// as a batch. A 429 (intake quota) is retried after a short pause; any other refusal is counted and
// its first few reasons kept, because a scenario may send content the engine must refuse.
import type { MessageState } from '../../engine/message.ts';
import type { EngineClient, SubmitAnswer } from './engine-client.ts';
import type { Submission } from './traffic-scheduler.ts';

export interface SubmitterStats {
  /** Requests made and messages the engine accepted / refused. */
  requests: number;
  accepted: number;
  refused: number;
  /** The first refusals, e.g. 'traffic[2] batch: 400 ENGINE_ERR_BAD_CONTENT: ...'. */
  refusals: string[];
}

export interface TrafficSubmitter {
  submit(s: Submission): Promise<void>;
  stats(): SubmitterStats;
}

const KEEP_REFUSALS = 5;
const QUOTA_RETRIES = 50;

export function createTrafficSubmitter(opts: {
  client: EngineClient;
  /** Every id the engine answered, with its intake state and the offset of the request. */
  onAccepted?(id: string, state: MessageState, at: number): void;
  log?(line: string): void;
  /** Real ms to wait before retrying a 429. */
  quotaPauseMs?: number;
}): TrafficSubmitter {
  const stats: SubmitterStats = { requests: 0, accepted: 0, refused: 0, refusals: [] };
  const pause = opts.quotaPauseMs ?? 100;

  async function once(s: Submission): Promise<SubmitAnswer> {
    stats.requests++;
    return s.kind === 'send' ? opts.client.send(s.content, s.recipients[0]) : opts.client.sendBatch(s.content, s.recipients);
  }

  return {
    async submit(s) {
      let answer: SubmitAnswer;
      try {
        answer = await once(s);
        for (let i = 0; i < QUOTA_RETRIES && answer.status === 429; i++) {
          await new Promise((r) => setTimeout(r, pause));
          answer = await once(s);
        }
      } catch (err) {
        answer = { ok: false, status: 0, ids: [], states: [], error: { code: 'NO_ANSWER', message: (err as Error).message } };
      }
      if (answer.ok) {
        stats.accepted += answer.ids.length;
        answer.ids.forEach((id, i) => opts.onAccepted?.(id, answer.states[i] as MessageState, s.at));
        return;
      }
      stats.refused += s.recipients.length;
      const line = `traffic[${s.step}] ${s.kind} (${s.recipients.length} recipient${s.recipients.length === 1 ? '' : 's'}): ${answer.status} ${answer.error?.code ?? ''}: ${answer.error?.message ?? ''}`;
      if (stats.refusals.length < KEEP_REFUSALS) {
        stats.refusals.push(line);
        opts.log?.(`refused ${line}`);
      }
    },
    stats: () => ({ ...stats, refusals: [...stats.refusals] }),
  };
}
