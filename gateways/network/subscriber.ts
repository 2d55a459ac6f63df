// One subscriber of the simulated mobile network. Every simulator reads these; the engine never does
// (it learns carrier, capability and reachability only through the gateways' protocols).

export const CARRIERS = ['KT', 'SKT', 'LGU+'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const DEVICES = ['android', 'ios', 'feature'] as const;
export type Device = (typeof DEVICES)[number];

/** on: reachable; off: switched off / out of coverage; invalid: number not in service; ported: moved carrier. */
export const REACHABILITIES = ['on', 'off', 'invalid', 'ported'] as const;
export type Reachability = (typeof REACHABILITIES)[number];

export const LANGUAGES = ['ko', 'en', 'zh', 'vi', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Subscriber {
  /** National format digits, e.g. 01012345678. */
  msisdn: string;
  /** The carrier that serves the number now (after any porting). */
  carrier: Carrier;
  /** MVNO brand riding on `carrier`, or null for the carrier's own brand. */
  mvno: string | null;
  device: Device;
  rcs: boolean;
  mms: boolean;
  reachability: Reachability;
  /** The carrier the number was ported from, when reachability is 'ported'. */
  portedFrom: Carrier | null;
  language: Language;
}
