import { describe, expect, it } from 'vitest';
import { nextLeg } from '../../../../engine/routing/next-leg.ts';
import { routePlanSchema } from '../../../../engine/engine-config.ts';
import { FALLBACK_TRIGGERS } from '../../../../engine/message.ts';
import type { FallbackTrigger } from '../../../../engine/message.ts';

const plan = routePlanSchema.parse({
  name: 'rcs',
  kinds: ['rcs'],
  legs: [
    { gateway: 'rcs', fallbackOn: ['not-capable', 'failed', 'no-report'] },
    { gateway: 'gmmsc', as: 'mms', transform: 'rcs-to-mms', fallbackOn: ['circuit-open', 'unavailable'] },
    { gateway: 'xroshot', as: 'mms', transform: 'rcs-to-mms', fallbackOn: [...FALLBACK_TRIGGERS] },
  ],
});

describe('nextLeg', () => {
  it.each(FALLBACK_TRIGGERS.map((t) => [t]))('moves past leg 0 on %s only if that leg lists it', (trigger: FallbackTrigger) => {
    expect(nextLeg(plan, 0, trigger)).toBe(['not-capable', 'failed', 'no-report'].includes(trigger) ? 1 : null);
  });

  it.each(FALLBACK_TRIGGERS.map((t) => [t]))('moves past leg 1 on %s only if that leg lists it', (trigger: FallbackTrigger) => {
    expect(nextLeg(plan, 1, trigger)).toBe(['circuit-open', 'unavailable'].includes(trigger) ? 2 : null);
  });

  it.each(FALLBACK_TRIGGERS.map((t) => [t]))('stops after the last leg on %s even when it lists the trigger', (trigger: FallbackTrigger) => {
    expect(nextLeg(plan, 2, trigger)).toBeNull();
  });

  it('stops for a leg index outside the plan', () => {
    expect(nextLeg(plan, 3, 'failed')).toBeNull();
    expect(nextLeg(plan, -1, 'failed')).toBeNull();
  });
});
