// The cases of the smoke exchange: one per behaviour a developer expects from the SMSVAS gateway.
import { KNOWN_SUBSCRIBERS as K, NOT_A_MOBILE_NUMBER } from '../gateways/network/known-subscribers.ts';
import type { SubmitMessage } from '../gateways/smsvas/client/submit-planner.ts';

export type SmokeExpectation =
  | { kind: 'report'; outcome: 'delivered' | 'undeliverable' | 'expired' }
  | { kind: 'rejected'; reason: string };

export interface SmokeCase {
  name: string;
  message: SubmitMessage;
  expect: SmokeExpectation;
}

const SENDER = '15880000';

export const SMOKE_CASES: SmokeCase[] = [
  {
    name: 'Korean SMS to a KT Android subscriber',
    message: { source: SENDER, destination: K.ktAndroidRcs, text: '[msgsim] 주문하신 상품이 발송되었습니다.' },
    expect: { kind: 'report', outcome: 'delivered' },
  },
  {
    name: 'English SMS to a KT iPhone subscriber',
    message: { source: SENDER, destination: K.ktIos, text: 'Your verification code is 482913.' },
    expect: { kind: 'report', outcome: 'delivered' },
  },
  {
    name: 'Long Korean text sent as concatenated SMS',
    message: { source: SENDER, destination: K.ktAndroidEnglish, text: '안녕하세요, 고객님. '.repeat(12).trim() },
    expect: { kind: 'report', outcome: 'delivered' },
  },
  {
    name: 'Switched-off subscriber (validity 5 s)',
    message: { source: SENDER, destination: K.ktOff, text: '전원이 꺼진 단말 테스트', validityMs: 5000 },
    expect: { kind: 'report', outcome: 'expired' },
  },
  {
    name: 'Number not in service',
    message: { source: SENDER, destination: K.invalid, text: '결번 테스트' },
    expect: { kind: 'report', outcome: 'undeliverable' },
  },
  {
    name: 'Callback number not pre-registered',
    message: { source: '15449999', destination: K.ktAndroidRcs, text: '미등록 발신번호' },
    expect: { kind: 'rejected', reason: 'invalid-source' },
  },
  {
    name: 'Landline destination',
    message: { source: SENDER, destination: NOT_A_MOBILE_NUMBER, text: 'SMS cannot reach a landline' },
    expect: { kind: 'rejected', reason: 'invalid-destination' },
  },
];
