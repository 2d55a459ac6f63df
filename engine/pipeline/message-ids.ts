// Message ids: 22 characters of Crockford base32 — clock milliseconds (10), a random run (8) drawn
// once per millisecond, and a counter within it (4). Sorting by id sorts by acceptance time (store
// paging and resume rely on that); the random run keeps two processes, or one process before and after
// a restart, from colliding within the same millisecond.
import type { Clock } from '../../gateways/kit/clock.ts';
import type { Rng } from '../../gateways/kit/rng.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SEQ_LIMIT = 32 ** 4;

export interface MessageIds {
  next(): string;
}

function encode(value: number, chars: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < chars; i++) {
    out = ALPHABET[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
}

export function createMessageIds(clock: Clock, rng: Rng): MessageIds {
  let lastMs = -1;
  let prefix = '';
  let seq = 0;
  const renew = (ms: number): void => {
    lastMs = ms;
    seq = 0;
    prefix = encode(ms, 10) + encode(rng.int(0, 2 ** 20 - 1), 4) + encode(rng.int(0, 2 ** 20 - 1), 4);
  };
  return {
    next() {
      const ms = Math.floor(clock.now());
      // A clock that steps back (or a million ids in one ms) keeps counting forward from the last prefix.
      if (ms > lastMs) renew(ms);
      else if (seq >= SEQ_LIMIT) renew(lastMs + 1);
      return prefix + encode(seq++, 4);
    },
  };
}
