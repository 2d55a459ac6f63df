// Collects the segments of concatenated messages (UDH or SAR alike) until a group is whole. Groups are
// keyed by the caller (account, source, destination) plus the reference number; an incomplete group
// expires `timeoutMs` after its first segment, and at most `maxPending` groups are held at once.

export interface SegmentPart { ref: number; total: number; seq: number; bytes: Buffer }
export type ReassemblyResult =
  | { complete: false }
  | { complete: true; bytes: Buffer; segments: number }
  | { error: 'duplicate' | 'inconsistent' | 'overflow' };

export interface ExpiredGroup { key: string; ref: number; total: number; received: number }

export interface Reassembler {
  add(key: string, part: SegmentPart): ReassemblyResult;
  /** Groups still waiting for segments (expired ones are dropped first). */
  pending(): number;
  /** Drops expired groups and reports them (a simulator may log or count them). */
  sweep(): ExpiredGroup[];
}

interface Group { key: string; ref: number; total: number; parts: (Buffer | undefined)[]; received: number; startedAt: number }

export function createReassembler(opts: { timeoutMs: number; maxPending: number; now: () => number }): Reassembler {
  // Map keeps insertion order, which is also start order, so expiry scans stop at the first live group.
  const groups = new Map<string, Group>();

  function sweep(): ExpiredGroup[] {
    const expired: ExpiredGroup[] = [];
    const now = opts.now();
    for (const [id, g] of groups) {
      if (now - g.startedAt < opts.timeoutMs) break;
      groups.delete(id);
      expired.push({ key: g.key, ref: g.ref, total: g.total, received: g.received });
    }
    return expired;
  }

  return {
    sweep,
    pending() {
      sweep();
      return groups.size;
    },
    add(key, part) {
      const { ref, total, seq, bytes } = part;
      if (!Number.isInteger(total) || total < 1 || total > 255 || !Number.isInteger(seq) || seq < 1 || seq > total) {
        return { error: 'inconsistent' };
      }
      if (total === 1) return { complete: true, bytes: Buffer.from(bytes), segments: 1 };
      sweep();
      const id = `${key}\u0000${ref}`;
      let g = groups.get(id);
      if (!g) {
        if (groups.size >= opts.maxPending) return { error: 'overflow' };
        g = { key, ref, total, parts: new Array<Buffer | undefined>(total), received: 0, startedAt: opts.now() };
        groups.set(id, g);
      }
      if (g.total !== total) return { error: 'inconsistent' };
      if (g.parts[seq - 1]) return { error: 'duplicate' };
      // Copy: the caller's buffer may be a view into a socket chunk that is reused.
      g.parts[seq - 1] = Buffer.from(bytes);
      g.received++;
      if (g.received < g.total) return { complete: false };
      groups.delete(id);
      return { complete: true, bytes: Buffer.concat(g.parts as Buffer[]), segments: g.total };
    },
  };
}
