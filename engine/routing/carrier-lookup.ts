// Which carrier serves each recipient, learnt from the network's number-portability API (the engine
// never reads the subscriber directory). At 10,000 messages/s a round trip per number would cost more
// than the send, so every lookup made in one event-loop turn goes out as one POST /np/v1/lookup, answers
// are cached for ttlMs on the engine's clock, and a number already on its way is never asked twice.
import { Pool } from 'undici';
import type { Clock } from '../../gateways/kit/clock.ts';
import { EngineError } from '../engine-errors.ts';

export interface CarrierInfo {
  /** The carrier serving the number now (after porting); null = not in service or not a mobile number. */
  carrier: string | null;
  /**
   * Served by the own carrier's network. MVNO lines count as their host's network (the NP API gives
   * carrier KT for a KT M mobile line; every simulator decides on-net by carrier alone).
   */
  onNet: boolean;
  ported: boolean;
}

export interface CarrierLookupOptions {
  /** Base URL of the NP API, e.g. http://127.0.0.1:8090. */
  npUrl: string;
  ownCarrier: string;
  /** How long an answer for a number in service is trusted. */
  ttlMs: number;
  clock: Clock;
  /** Numbers per POST (the NP API takes at most 10,000). */
  maxBatch?: number;
  /** How long a number with no carrier is trusted (default ttlMs / 24): it may be put into service. */
  unknownTtlMs?: number;
  /** No answer within this (on the clock) -> the lookups waiting on it fail with ENGINE_ERR_NP_LOOKUP. */
  requestTimeoutMs?: number;
  /** Keep-alive connections to the NP API (default 4): a few batches may be in flight at once. */
  connections?: number;
  /** Most numbers cached; past it the oldest cached answer is dropped first (default 1,000,000). */
  maxCacheEntries?: number;
}

export interface CarrierLookupStats {
  /** Numbers answered from the cache. */
  hits: number;
  /** Numbers not in the cache (asked, or joined a request already on its way). */
  misses: number;
  /** HTTP requests made. */
  requests: number;
  /** Numbers sent in those requests. */
  numbersLooked: number;
  /** Requests that failed (connection, timeout, status, malformed answer). */
  errors: number;
}

export interface CarrierLookup {
  /**
   * Carrier of each number, keyed by the string given (pass the national form, 01012340001, so that
   * one number has one cache entry). Rejects with ENGINE_ERR_NP_LOOKUP when the NP API cannot answer
   * and ENGINE_ERR_CLOSED after close(); nothing is cached from a failed request.
   */
  lookup(msisdns: readonly string[]): Promise<Map<string, CarrierInfo>>;
  stats(): CarrierLookupStats;
  /** Sends what is queued, waits for requests in flight, then closes the connections. */
  close(): Promise<void>;
}

/** One POST's worth of numbers; every lookup that needs one of them waits on `done`. */
interface Chunk {
  numbers: string[];
  results: Map<string, CarrierInfo>;
  done: Promise<void>;
  resolve: () => void;
  reject: (e: EngineError) => void;
}

interface CacheEntry {
  info: CarrierInfo;
  expiresAt: number;
}

const NOT_IN_SERVICE: CarrierInfo = Object.freeze({ carrier: null, onNet: false, ported: false });

export function createCarrierLookup(opts: CarrierLookupOptions): CarrierLookup {
  const { clock, ownCarrier, ttlMs } = opts;
  const maxBatch = opts.maxBatch ?? 10_000;
  const unknownTtlMs = opts.unknownTtlMs ?? ttlMs / 24;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  const maxCacheEntries = opts.maxCacheEntries ?? 1_000_000;
  const url = new URL(opts.npUrl);
  const path = `${url.pathname.replace(/\/+$/, '')}/np/v1/lookup`;
  const pool = new Pool(url.origin, {
    connections: opts.connections ?? 4,
    keepAliveTimeout: 30_000,
    // The clock-driven timeout below is the one that counts; these only stop a socket hanging forever.
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Chunk>();
  // Chunks filled this turn, sent together on setImmediate; the last one is still taking numbers.
  let queued: Chunk[] = [];
  let flushScheduled = false;
  let closed = false;
  const running = new Set<Promise<void>>();
  // Only a handful of distinct answers exist, so cache entries share them.
  const infos = new Map<string, CarrierInfo>();
  const stats: CarrierLookupStats = { hits: 0, misses: 0, requests: 0, numbersLooked: 0, errors: 0 };

  function infoFor(carrier: string, ported: boolean): CarrierInfo {
    const key = `${ported ? 1 : 0}${carrier}`;
    let info = infos.get(key);
    if (info === undefined) infos.set(key, (info = Object.freeze({ carrier, onNet: carrier === ownCarrier, ported })));
    return info;
  }

  function cached(msisdn: string, now: number): CarrierInfo | undefined {
    const entry = cache.get(msisdn);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry.info;
    cache.delete(msisdn);
    return undefined;
  }

  function remember(msisdn: string, info: CarrierInfo, now: number): void {
    cache.delete(msisdn); // re-inserted at the end, so the oldest answer is the first key
    cache.set(msisdn, { info, expiresAt: now + (info.carrier === null ? unknownTtlMs : ttlMs) });
    if (cache.size > maxCacheEntries) cache.delete(cache.keys().next().value!);
  }

  function openChunk(): Chunk {
    let last = queued[queued.length - 1];
    if (last === undefined || last.numbers.length >= maxBatch) {
      let resolve!: () => void;
      let reject!: (e: EngineError) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => {}); // the lookups waiting on it see the rejection; an orphan must not crash
      last = { numbers: [], results: new Map(), done, resolve, reject };
      queued.push(last);
    }
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
    return last;
  }

  function flush(): void {
    flushScheduled = false;
    const chunks = queued;
    queued = [];
    for (const chunk of chunks) {
      const p = send(chunk).finally(() => running.delete(p));
      running.add(p);
    }
  }

  async function send(chunk: Chunk): Promise<void> {
    stats.requests++;
    stats.numbersLooked += chunk.numbers.length;
    try {
      const results = await post(chunk.numbers);
      const now = clock.now();
      for (let i = 0; i < chunk.numbers.length; i++) {
        const msisdn = chunk.numbers[i];
        const info = readResult(results[i]);
        chunk.results.set(msisdn, info);
        remember(msisdn, info, now);
      }
      chunk.resolve();
    } catch (e) {
      stats.errors++;
      chunk.reject(e instanceof EngineError ? e : new EngineError('ENGINE_ERR_NP_LOOKUP', `NP lookup of ${chunk.numbers.length} numbers failed: ${(e as Error).message}`, { cause: e }));
    } finally {
      for (const msisdn of chunk.numbers) if (inFlight.get(msisdn) === chunk) inFlight.delete(msisdn);
    }
  }

  async function post(msisdns: string[]): Promise<unknown[]> {
    const abort = new AbortController();
    const timer = clock.setTimer(() => abort.abort(new Error(`no answer within ${requestTimeoutMs} ms`)), requestTimeoutMs);
    try {
      const res = await pool.request({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ msisdns }),
        signal: abort.signal,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw npError(`NP API answered HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw npError('NP API answered with a body that is not JSON');
      }
      const results = (body as { results?: unknown } | null)?.results;
      if (!Array.isArray(results) || results.length !== msisdns.length) {
        throw npError(`NP API answered ${Array.isArray(results) ? results.length : 'no'} results for ${msisdns.length} numbers`);
      }
      return results;
    } finally {
      timer.cancel();
    }
  }

  function readResult(r: unknown): CarrierInfo {
    if (typeof r !== 'object' || r === null) throw npError('NP API answered a result that is not an object');
    const { carrier, ported, error } = r as { carrier?: unknown; ported?: unknown; error?: unknown };
    // Not in service and not a mobile number alike: no carrier to route to.
    if (error !== undefined) return NOT_IN_SERVICE;
    if (typeof carrier !== 'string' || typeof ported !== 'boolean') throw npError('NP API answered a result without carrier or ported');
    return infoFor(carrier, ported);
  }

  return {
    async lookup(msisdns) {
      if (closed) throw new EngineError('ENGINE_ERR_CLOSED', 'carrier lookup is closed');
      const out = new Map<string, CarrierInfo>();
      const now = clock.now();
      let waiting: Map<string, Chunk> | undefined;
      for (const msisdn of msisdns) {
        if (out.has(msisdn) || waiting?.has(msisdn)) continue;
        const info = cached(msisdn, now);
        if (info !== undefined) {
          stats.hits++;
          out.set(msisdn, info);
          continue;
        }
        stats.misses++;
        let chunk = inFlight.get(msisdn);
        if (chunk === undefined) {
          chunk = openChunk();
          chunk.numbers.push(msisdn);
          inFlight.set(msisdn, chunk);
        }
        (waiting ??= new Map()).set(msisdn, chunk);
      }
      if (waiting === undefined) return out;
      await Promise.all([...new Set(waiting.values())].map((c) => c.done));
      for (const [msisdn, chunk] of waiting) out.set(msisdn, chunk.results.get(msisdn)!);
      return out;
    },
    stats: () => ({ ...stats }),
    async close() {
      if (closed) return;
      closed = true;
      if (flushScheduled) flush();
      await Promise.allSettled([...running]);
      await pool.close();
    },
  };
}

function npError(message: string): EngineError {
  return new EngineError('ENGINE_ERR_NP_LOOKUP', message);
}
