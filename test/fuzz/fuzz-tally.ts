// Counts of every outcome class across fuzz sessions, and the failures with the hex to replay them.

export interface FuzzFailure {
  session: string;
  reason: string;
  label?: string;
  hex?: string;
}

export interface FuzzTally {
  count(outcome: string, n?: number): void;
  fail(f: FuzzFailure): void;
  readonly counts: Map<string, number>;
  readonly failures: FuzzFailure[];
  /** Failures beyond this many are counted but not kept. */
  readonly keep: number;
  dropped(): number;
  report(): string;
}

export function createFuzzTally(keep = 50): FuzzTally {
  const counts = new Map<string, number>();
  const failures: FuzzFailure[] = [];
  let dropped = 0;
  return {
    counts,
    failures,
    keep,
    count(outcome, n = 1) {
      counts.set(outcome, (counts.get(outcome) ?? 0) + n);
    },
    fail(f) {
      if (failures.length < keep) failures.push(f);
      else dropped++;
    },
    dropped: () => dropped,
    report() {
      const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k.padEnd(48)} ${v}`);
      const fails = failures.map((f) => `  [${f.session}] ${f.reason}${f.label ? ` (${f.label})` : ''}${f.hex ? `\n    hex ${truncate(f.hex)}` : ''}`);
      return [...rows, ...(fails.length ? ['failures:', ...fails] : []), ...(dropped ? [`  ... and ${dropped} more failures`] : [])].join('\n');
    },
  };
}

// Frames of tens of kilobytes would drown the report; the first 2 KiB of hex (1 KiB of frame) reproduce the header and the fault in practice.
function truncate(hex: string): string {
  return hex.length <= 2048 ? hex : `${hex.slice(0, 2048)}... (${hex.length / 2} octets)`;
}
