// Well-known test numbers pinned in default-network.yaml, so tests and scenarios name a kind of
// subscriber instead of repeating digits. A unit test checks the file still gives each one the
// attributes listed here.
import type { Subscriber } from './subscriber.ts';

export const KNOWN_SUBSCRIBERS = {
  /** KT, Android, RCS: the RCS happy path. */
  ktAndroidRcs: '01012340001',
  /** KT iPhone: no RCS, replacement MMS on-net. */
  ktIos: '01012340002',
  /** KT feature phone without MMS: SMS only. */
  ktFeatureNoMms: '01012340003',
  /** SKT Android with an RCS-capable handset: off-net, so KT's RCS cannot reach it. */
  sktAndroid: '01012340004',
  /** LGU+ iPhone. */
  lguIos: '01012340005',
  /** KT Android RCS, switched off: deliveries expire. */
  ktOff: '01012340006',
  /** Well-formed number not in service. */
  invalid: '01012340007',
  /** Ported from SKT into KT; Android RCS. */
  portedToKt: '01012340008',
  /** Ported out of KT to LGU+; Android RCS handset. */
  portedFromKt: '01012340009',
  /** KT Android without RCS. */
  ktAndroidNoRcs: '01012340010',
  /** KT M mobile (MVNO on KT's network), Android RCS. */
  ktMvnoAndroidRcs: '01012340011',
  /** KT Android RCS, prefers English. */
  ktAndroidEnglish: '01012340012',
} as const;

export type KnownSubscriberName = keyof typeof KNOWN_SUBSCRIBERS;

/** A number in the default network's simulated not-in-service block (0109999xxxx). */
export const NOT_IN_SERVICE_BLOCK_SAMPLE = '01099990000';
/** A Korean number that is not a mobile number (Seoul landline): lookup() gives null. */
export const NOT_A_MOBILE_NUMBER = '0212345678';

const base = { mvno: null, device: 'android', rcs: true, mms: true, reachability: 'on', portedFrom: null, language: 'ko' } as const;

/** The documented attributes of each well-known number in the default network. */
export const KNOWN_SUBSCRIBER_PROFILES: Record<KnownSubscriberName, Subscriber> = {
  ktAndroidRcs: { ...base, msisdn: KNOWN_SUBSCRIBERS.ktAndroidRcs, carrier: 'KT' },
  ktIos: { ...base, msisdn: KNOWN_SUBSCRIBERS.ktIos, carrier: 'KT', device: 'ios', rcs: false },
  ktFeatureNoMms: { ...base, msisdn: KNOWN_SUBSCRIBERS.ktFeatureNoMms, carrier: 'KT', device: 'feature', rcs: false, mms: false },
  sktAndroid: { ...base, msisdn: KNOWN_SUBSCRIBERS.sktAndroid, carrier: 'SKT' },
  lguIos: { ...base, msisdn: KNOWN_SUBSCRIBERS.lguIos, carrier: 'LGU+', device: 'ios', rcs: false },
  ktOff: { ...base, msisdn: KNOWN_SUBSCRIBERS.ktOff, carrier: 'KT', reachability: 'off' },
  invalid: { ...base, msisdn: KNOWN_SUBSCRIBERS.invalid, carrier: 'KT', rcs: false, reachability: 'invalid' },
  portedToKt: { ...base, msisdn: KNOWN_SUBSCRIBERS.portedToKt, carrier: 'KT', reachability: 'ported', portedFrom: 'SKT' },
  portedFromKt: { ...base, msisdn: KNOWN_SUBSCRIBERS.portedFromKt, carrier: 'LGU+', reachability: 'ported', portedFrom: 'KT' },
  ktAndroidNoRcs: { ...base, msisdn: KNOWN_SUBSCRIBERS.ktAndroidNoRcs, carrier: 'KT', rcs: false },
  ktMvnoAndroidRcs: { ...base, msisdn: KNOWN_SUBSCRIBERS.ktMvnoAndroidRcs, carrier: 'KT', mvno: 'KT M mobile' },
  ktAndroidEnglish: { ...base, msisdn: KNOWN_SUBSCRIBERS.ktAndroidEnglish, carrier: 'KT', language: 'en' },
};
