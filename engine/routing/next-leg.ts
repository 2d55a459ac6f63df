// Fallback moves a message down its plan one leg at a time, and only for the triggers the failing leg
// names: a rejection the leg does not list is final, since another gateway would refuse it too.
import type { RoutePlan } from '../engine-config.ts';
import type { FallbackTrigger } from '../message.ts';

/** Index of the leg to try after `legIndex` failed with `trigger`, or null when the message stops here. */
export function nextLeg(plan: RoutePlan, legIndex: number, trigger: FallbackTrigger): number | null {
  const leg = plan.legs[legIndex];
  if (leg === undefined || legIndex + 1 >= plan.legs.length) return null;
  return leg.fallbackOn.includes(trigger) ? legIndex + 1 : null;
}
