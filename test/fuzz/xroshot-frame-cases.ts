// Frame generators for the Xroshot fuzz run: valid requests, truncated ones, two documents sharing
// one NUL, broken XML behind a readable method, entity bombs, bad UTF-8 and unreadable garbage.
// Each case says what a correct relay does with it, so the oracle can judge the answer.
import type { Rng } from '../../gateways/kit/rng.ts';
import { encodeMas, masToXml } from '../../gateways/xroshot/codec/mas-encoder.ts';
import type { MasMessage } from '../../gateways/xroshot/codec/mas-message.ts';

export type Expect =
  /** Answered with this response method; the session stays unless `closes` (req_unregist). */
  | { kind: 'answer'; method: string; closes?: boolean | 'either' }
  /** Nothing answers it and the session stays (responses a client sends). */
  | { kind: 'silence' }
  /** The relay closes the session. */
  | { kind: 'close' };

export interface FuzzCase {
  name: string;
  bytes: Buffer;
  expect: Expect;
}

// req_ping is left out: it is the probe every case is followed by, so res_ping must mean the probe.
const REQUESTS: Array<{ msg: MasMessage; answer: string | null }> = [
  { msg: { method: 'req_unregist', reason: 0 }, answer: 'res_unregist' },
  { msg: { method: 'req_auth', serviceProviderId: 'sp1' }, answer: 'res_auth' },
  { msg: { method: 'req_regist', serviceProviderId: 'sp1', endUserId: 'eu1', authTicket: 'AAAAAAAAAAAAAAAAAAAAAA==', authKey: 3, version: '1.0.15' }, answer: 'res_regist' },
  {
    msg: {
      method: 'req_send_message_2',
      messageType: 1,
      messageSubType: 1,
      callbackNumber: 'AAAAAAAAAAAAAAAAAAAAAA==',
      customMessageId: 'f1',
      reserveType: null,
      reserveTime: null,
      recipients: [{ seqNo: 1, number: 'AAAAAAAAAAAAAAAAAAAAAA==' }],
      subject: '',
      content: 'AAAAAAAAAAAAAAAAAAAAAA==',
      attachments: [],
    },
    answer: 'res_send_message_all',
  },
  { msg: { method: 'res_report', result: 0, jobId: '12345' }, answer: null },
];

const NUL = Buffer.from([0]);
const JUNK = '<>&;"\'/=! abcXYZ가나다\r\n\t0123456789#x[]';

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(0, list.length - 1)];
const answerOf = (r: (typeof REQUESTS)[number]): Expect =>
  r.answer === null ? { kind: 'silence' } : { kind: 'answer', method: r.answer, closes: r.msg.method === 'req_unregist' };
// A broken frame is answered by its method's response; a client's own response has none to get.
const brokenAnswer = (r: (typeof REQUESTS)[number]): Expect => (r.answer === null ? { kind: 'silence' } : { kind: 'answer', method: r.answer });

function junk(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += JUNK[rng.int(0, JUNK.length - 1)];
  return s;
}

export function entityBomb(levels = 10): string {
  let dtd = '<!ENTITY l0 "lol">';
  for (let i = 1; i < levels; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE MAS [${dtd}]><MAS method="req_send_message_2"><MessageType>1</MessageType><CallbackNumber>&l${levels - 1};</CallbackNumber><Message><ReceiveNumber seqNo="1">x</ReceiveNumber></Message></MAS>`;
}

export function nextCase(rng: Rng): FuzzCase {
  const r = pick(rng, REQUESTS);
  const xml = masToXml(r.msg);
  const prefixEnd = xml.indexOf('>', xml.indexOf('<MAS')) + 1;
  switch (rng.int(0, 6)) {
    case 0:
      return { name: `valid ${r.msg.method}`, bytes: encodeMas(r.msg), expect: answerOf(r) };
    case 1: {
      const cut = rng.int(prefixEnd, xml.length - 1);
      return { name: `truncated ${r.msg.method} at ${cut}`, bytes: Buffer.concat([Buffer.from(xml.slice(0, cut)), NUL]), expect: brokenAnswer(r) };
    }
    case 2: {
      const second = pick(rng, REQUESTS);
      return { name: `${r.msg.method} missing its NUL before ${second.msg.method}`, bytes: Buffer.concat([Buffer.from(xml), Buffer.from(masToXml(second.msg)), NUL]), expect: brokenAnswer(r) };
    }
    case 3: {
      const at = rng.int(prefixEnd, xml.length - 6);
      const bad = xml.slice(0, at) + junk(rng, rng.int(1, 30)) + xml.slice(at);
      // Junk may still leave a well-formed document, which is answered (and acted on) as usual.
      const expect = brokenAnswer(r);
      if (expect.kind === 'answer' && r.msg.method === 'req_unregist') expect.closes = 'either';
      return { name: `junk inside ${r.msg.method}`, bytes: Buffer.concat([Buffer.from(bad), NUL]), expect };
    }
    case 4:
      return { name: 'entity bomb', bytes: Buffer.concat([Buffer.from(entityBomb(rng.int(3, 12))), NUL]), expect: { kind: 'answer', method: 'res_send_message_all' } };
    case 5: {
      const b = Buffer.from(xml);
      const at = rng.int(prefixEnd, b.length - 7);
      const bad = Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), b.subarray(at), NUL]);
      return { name: `bad UTF-8 inside ${r.msg.method}`, bytes: bad, expect: brokenAnswer(r) };
    }
    default: {
      const n = rng.int(1, 200);
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = rng.int(1, 255);
      b[0] = 0x78; // never blank, never '<MAS'
      return { name: `garbage of ${n} octets`, bytes: Buffer.concat([b, NUL]), expect: { kind: 'close' } };
    }
  }
}
