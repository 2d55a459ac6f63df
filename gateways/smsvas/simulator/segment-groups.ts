// Concatenated messages (UDH IEI 0x00/0x08 or SAR TLVs) in flight: parts are held until the group
// completes, then judged as one message of N segments. A group that never completes fails its parts.
import type { Timer } from '../../kit/clock.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { decodeText } from '../codec/data-coding.ts';
import { createReassembler } from '../codec/reassembler.ts';
import { finish } from './message-lifecycle.ts';
import type { SmscMessage } from './message-store.ts';
import type { SmscContext } from './smsc-context.ts';
import type { SegmentInfo } from './submit-validator.ts';

export type SegmentAdd =
  | { kind: 'error'; status: number }
  | { kind: 'partial' }
  | { kind: 'complete'; parts: SmscMessage[]; text: string; scheduleAt: number | null };

export interface SegmentGroups {
  add(key: string, seg: SegmentInfo, body: Buffer, dataCoding: number): SegmentAdd;
  /** Keeps a part's message with its group until the group completes or times out. */
  attach(key: string, m: SmscMessage, scheduleAt: number | null): void;
  pending(): number;
}

interface Group {
  parts: SmscMessage[];
  dataCoding: number;
  scheduleAt: number | null;
  timer: Timer;
}

const MAX_PENDING_GROUPS = 50_000;

export function createSegmentGroups(ctx: SmscContext): SegmentGroups {
  const timeoutMs = ctx.cfg.sms.reassemblyTimeout;
  const reassembler = createReassembler({ timeoutMs, maxPending: MAX_PENDING_GROUPS, now: () => ctx.clock.now() });
  const groups = new Map<string, Group>();

  function group(key: string, dataCoding: number): Group {
    let g = groups.get(key);
    if (!g) {
      const timer = ctx.clock.setTimer(() => {
        groups.delete(key);
        ctx.stats.inc('segments:incomplete');
        for (const p of g!.parts) {
          p.text = '';
          finish(ctx, p, 'undeliverable');
        }
      }, timeoutMs);
      g = { parts: [], dataCoding, scheduleAt: null, timer };
      groups.set(key, g);
    }
    return g;
  }

  return {
    add(key, seg, body, dataCoding) {
      const g = group(key, dataCoding);
      const r = reassembler.add(key, { ref: seg.ref, total: seg.total, seq: seg.seq, bytes: body });
      if ('error' in r) {
        if (g.parts.length === 0) {
          g.timer.cancel();
          groups.delete(key);
        }
        return { kind: 'error', status: r.error === 'overflow' ? S.ESME_RMSGQFUL : S.ESME_RINVOPTPARAMVAL };
      }
      if (!r.complete) return { kind: 'partial' };
      g.timer.cancel();
      groups.delete(key);
      const text = decodeText(r.bytes, g.dataCoding, { smscDefault: ctx.cfg.sms.smscDefaultAlphabet }) ?? '';
      return { kind: 'complete', parts: g.parts, text, scheduleAt: g.scheduleAt };
    },
    attach(key, m, scheduleAt) {
      const g = groups.get(key);
      if (!g) return;
      g.parts.push(m);
      g.scheduleAt ??= scheduleAt;
    },
    pending: () => groups.size,
  };
}
