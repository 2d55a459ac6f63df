// A run's figures against the profile's targets. Throughput is projected to an hour from the measured
// rate; "delivered" (reached a final state) is judged only when the engine's progress was read.
import type { LoadTargets } from './load-profile-schema.ts';

export interface MeasuredFigures {
  /** Messages accepted (in 2xx answers) per hour over the measured phases. */
  acceptedPerHour: number;
  /** Messages reaching a final state per hour, from the first request until drained; null when unknown. */
  finalPerHour: number | null;
  /** Highest p99 intake latency of the measured phases (ms). */
  intakeP99Ms: number;
  /** Failed requests / requests over the measured phases. */
  errorRatio: number;
}

export interface TargetCheck {
  name: 'accepted/hour' | 'delivered/hour' | 'intake p99 ms' | 'error ratio';
  comparison: '>=' | '<=';
  target: number;
  measured: number;
  passed: boolean;
}

export function evaluateLoadTargets(m: MeasuredFigures, targets: LoadTargets): TargetCheck[] {
  const atLeast = (name: TargetCheck['name'], measured: number, target: number): TargetCheck => ({ name, comparison: '>=', target, measured, passed: measured >= target });
  const atMost = (name: TargetCheck['name'], measured: number, target: number): TargetCheck => ({ name, comparison: '<=', target, measured, passed: measured <= target });
  const checks = [atLeast('accepted/hour', m.acceptedPerHour, targets.sustainedPerHour)];
  if (m.finalPerHour !== null) checks.push(atLeast('delivered/hour', m.finalPerHour, targets.sustainedPerHour));
  checks.push(atMost('intake p99 ms', m.intakeP99Ms, targets.intakeP99Ms));
  checks.push(atMost('error ratio', m.errorRatio, targets.errors));
  return checks;
}

/** Per second -> per hour. */
export const perHour = (count: number, ms: number): number => (ms > 0 ? (count / ms) * 3_600_000 : 0);
