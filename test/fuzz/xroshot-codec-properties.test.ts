// Properties of the Xroshot codec over arbitrary input: decoding never fails with anything but an
// XroshotError, framing does not depend on how TCP chunks the octets, what is encoded decodes back
// (text fields trimmed, XML-illegal characters dropped), and field crypto fails only as XROSHOT_ERR_CRYPTO.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../gateways/xroshot/codec/auth-crypto.ts';
import { createFrameSplitter } from '../../gateways/xroshot/codec/frame-splitter.ts';
import { decodeMas } from '../../gateways/xroshot/codec/mas-decoder.ts';
import { encodeMas, masToXml } from '../../gateways/xroshot/codec/mas-encoder.ts';
import type { MasMessage, ReqSendMessage2 } from '../../gateways/xroshot/codec/mas-message.ts';
import { isXroshotError } from '../../gateways/xroshot/xroshot-errors.ts';

const SEED = 20261120;

function decodesOrXroshotError(bytes: Uint8Array | string): boolean {
  try {
    decodeMas(typeof bytes === 'string' ? bytes : Buffer.from(bytes));
    return true;
  } catch (e) {
    return isXroshotError(e);
  }
}

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const send = fc.record({
  messageType: fc.integer({ min: 0, max: 9 }),
  messageSubType: fc.integer({ min: 0, max: 9 }),
  callbackNumber: text.filter((s) => s.trim() !== ''),
  customMessageId: text,
  recipients: fc.array(fc.record({ seqNo: fc.nat(99999), number: text }), { maxLength: 5 }),
  subject: text,
  content: text,
});

/** What a text field reads back as: illegal XML characters gone, outer whitespace trimmed. */
const readBack = (s: string) => s.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, '').trim();

describe('Xroshot codec properties', () => {
  it('decodes arbitrary octets to a record or an XroshotError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => decodesOrXroshotError(b)), { numRuns: 3000, seed: SEED });
  });

  it('decodes mutated valid frames to a record or an XroshotError', () => {
    const base = masToXml({ method: 'req_send_message_2', messageType: 4, messageSubType: 3, callbackNumber: 'cb', customMessageId: '1', reserveType: 2, reserveTime: '20261120093000', recipients: [{ seqNo: 1, number: 'n' }], subject: 's', content: 'c', attachments: [{ attachId: 1, fileName: 'a.jpg', data: 'AAAA' }] });
    const mutation = fc.tuple(fc.nat(base.length), fc.nat(8), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
        let s = base;
        for (const [at, del, ins] of muts) s = s.slice(0, at % (s.length + 1)) + ins + s.slice((at % (s.length + 1)) + del);
        return decodesOrXroshotError(s);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('round trips req_send_message_2 with arbitrary text fields, and never puts a NUL inside a frame', () => {
    fc.assert(
      fc.property(send, (f) => {
        const m: ReqSendMessage2 = { method: 'req_send_message_2', reserveType: null, reserveTime: null, attachments: [], ...f };
        const frame = encodeMas(m);
        expect(frame.indexOf(0)).toBe(frame.length - 1);
        const back = decodeMas(frame.subarray(0, -1)) as ReqSendMessage2;
        expect(back).toEqual({
          ...m,
          callbackNumber: readBack(m.callbackNumber),
          customMessageId: readBack(m.customMessageId),
          subject: readBack(m.subject),
          content: readBack(m.content),
          recipients: m.recipients.map((r) => ({ seqNo: r.seqNo, number: readBack(r.number) })),
        });
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('splits the same frames however the stream is chunked', () => {
    const msgs: MasMessage[] = [{ method: 'req_ping' }, { method: 'res_report', result: 0, jobId: '77' }, { method: 'req_auth', serviceProviderId: '한글-sp' }];
    const wire = Buffer.concat(msgs.map(encodeMas));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: wire.length }), { maxLength: 20 }), (cuts) => {
        const s = createFrameSplitter();
        const frames: MasMessage[] = [];
        let off = 0;
        for (const c of [...cuts.sort((a, b) => a - b), wire.length]) {
          for (const ev of s.push(wire.subarray(off, Math.max(off, c)))) if (ev.kind === 'frame') frames.push(decodeMas(ev.frame));
          off = Math.max(off, c);
        }
        expect(frames).toEqual(msgs);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('opens what it seals and fails only with XROSHOT_ERR_CRYPTO on anything else', () => {
    const c = createFieldCipher('fuzz-key');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 60 }), (plain, junk) => {
        expect(c.decrypt(c.encrypt(plain)).toString('utf8')).toBe(plain);
        try {
          c.decrypt(junk);
        } catch (e) {
          expect(isXroshotError(e) && e.code).toBe('XROSHOT_ERR_CRYPTO');
        }
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});
