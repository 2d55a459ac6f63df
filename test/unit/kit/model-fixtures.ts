// Helpers shared by the behaviour-model tests.

import { createBehaviourModel } from '../../../gateways/kit/behaviour-model.ts';
import type { BehaviourModel } from '../../../gateways/kit/behaviour-model.ts';
import { parseBehaviour } from '../../../gateways/kit/behaviour-schema.ts';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import type { ManualClock } from '../../../gateways/kit/clock.ts';
import { createRng } from '../../../gateways/kit/rng.ts';
import type { Subscriber } from '../../../gateways/network/subscriber.ts';

export function modelFor(yaml: string, opts: { start?: number; seed?: string } = {}): { model: BehaviourModel; clock: ManualClock } {
  const clock = createManualClock(opts.start ?? Date.parse('2026-11-20T12:00:00+09:00'));
  const model = createBehaviourModel(parseBehaviour(yaml, 'test.yaml'), { clock, rng: createRng(opts.seed ?? 'model-test') });
  return { model, clock };
}

export function subscriber(over: Partial<Subscriber> = {}): Subscriber {
  return {
    msisdn: '01012345678',
    carrier: 'KT',
    mvno: null,
    device: 'android',
    rcs: true,
    mms: true,
    reachability: 'on',
    portedFrom: null,
    language: 'ko',
    ...over,
  };
}
