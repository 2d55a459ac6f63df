// Message id -> the caller's reference, so a delivery report can name what the caller submitted.
// Bounded: reports that never come must not grow it forever; the oldest entries go first.

export interface ReferenceBook {
  put(messageId: string, reference: string): void;
  /** The reference for a message id; a final report also forgets it. */
  take(messageId: string, final: boolean): string | undefined;
  readonly size: number;
}

export function createReferenceBook(limit = 1_000_000): ReferenceBook {
  const refs = new Map<string, string>();
  return {
    put(id, reference) {
      if (refs.size >= limit) {
        const oldest = refs.keys().next();
        if (!oldest.done) refs.delete(oldest.value);
      }
      refs.set(id, reference);
    },
    take(id, final) {
      const r = refs.get(id);
      if (final && r !== undefined) refs.delete(id);
      return r;
    },
    get size() {
      return refs.size;
    },
  };
}
