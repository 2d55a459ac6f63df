// Seeded randomness: a run is reproducible from its seed. sfc32 is small, fast and passes PractRand
// far beyond what a simulator draws; Math.random is never used.

import { KitError } from './kit-errors.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Standard normal (mean 0, sd 1). */
  normal(): number;
  /**
   * An independent stream derived from this rng's seed and `label` only, so one component drawing more
   * or less never shifts another component's sequence. Same label, same stream.
   */
  fork(label: string): Rng;
}

const TWO_POW_32 = 4294967296;

// 32-bit FNV-1a over UTF-16 code units, then a murmur3-style finaliser for avalanche.
function hash32(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** The murmur3 32-bit finaliser: full avalanche, so nearby inputs give unrelated outputs. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic value in [0, 1) for a key (e.g. an MSISDN), independent of any rng state. */
export function unitHash(key: string, salt = ''): number {
  const h = hash32(`${salt}\u0000${key}`, 0x811c9dc5);
  // A second differently-seeded pass breaks FNV's weak mixing on short, similar keys (phone numbers).
  return fmix32(h ^ hash32(key, 0x9e3779b9)) / TWO_POW_32;
}

function createFromKey(key: string): Rng {
  let a = hash32(key, 0x811c9dc5);
  let b = hash32(key, 0x9e3779b9);
  let c = hash32(key, 0x7f4a7c15);
  let d = hash32(key, 0x2545f491);
  let spare: number | null = null;

  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard early outputs so near-identical seeds diverge before use.
  for (let i = 0; i < 12; i++) next32();

  const next = (): number => next32() / TWO_POW_32;

  return {
    next,
    int(min, max) {
      const lo = Math.ceil(min);
      const hi = Math.floor(max);
      if (hi < lo) throw new KitError('KIT_ERR_BAD_ARGUMENT', `int(${min}, ${max}): empty range`);
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // Box-Muller; 1 - u keeps the log argument in (0, 1].
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createFromKey(`${key}\u0001${label}`),
  };
}

export function createRng(seed: number | string): Rng {
  return createFromKey(typeof seed === 'number' ? `#${seed}` : seed);
}
