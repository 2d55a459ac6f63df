// Counters every simulator keeps, keyed in spec spelling: 'submit_sm', 'submit_sm:ESME_RTHROTTLED',
// 'receipt:DELIVRD'. A Map keeps inc() cheap on the hot path; snapshot() copies.

export interface GatewayStats {
  inc(key: string, by?: number): void;
  snapshot(): Record<string, number>;
}

export function createGatewayStats(): GatewayStats {
  const counts = new Map<string, number>();
  return {
    inc(key, by = 1) {
      counts.set(key, (counts.get(key) ?? 0) + by);
    },
    snapshot() {
      const out: Record<string, number> = {};
      for (const key of [...counts.keys()].sort()) out[key] = counts.get(key) as number;
      return out;
    },
  };
}
