// Codec properties over generated input: any bytes under any Content-Type decode to an MM7 message or
// fail with a GmmscError carrying an MM7 StatusCode (never another exception); any SubmitReq or
// DeliveryReportReq record, with any text in it, round-trips through XML and multipart unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMmContent, decodeMm7Http, encodeMm7Http } from '../../gateways/gmmsc/codec/mm7-http.ts';
import type { DeliveryReportReq, Mm7Address, SubmitReq } from '../../gateways/gmmsc/codec/mm7-message.ts';
import { MM7_NAMESPACES } from '../../gateways/gmmsc/codec/mm7-namespaces.ts';
import { isGmmscError } from '../../gateways/gmmsc/gmmsc-errors.ts';

const SEED = Number(process.env.GMMSC_FUZZ_SEED ?? 20261120);

function decodesOrRefuses(contentType: string | undefined, body: Buffer): void {
  try {
    decodeMm7Http(contentType, body, { maxPartBytes: 64 * 1024, maxParts: 16 });
  } catch (e) {
    if (!isGmmscError(e)) throw e;
    expect(e.mm7Status).toBeGreaterThanOrEqual(2000);
    expect(e.mm7Status).toBeLessThan(5000);
  }
}

// XML 1.0 characters only: the codec writes text as given, and other code points cannot be in XML.
const xmlText = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[^\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/\r/g, ''));
const token = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);
const address: fc.Arbitrary<Mm7Address> = fc.record(
  { kind: fc.constantFrom('Number' as const, 'ShortCode' as const, 'RFC2822Address' as const), value: token, displayOnly: fc.boolean() },
  { requiredKeys: ['kind', 'value'] },
);

const submitReq: fc.Arbitrary<SubmitReq> = fc.record(
  {
    kind: fc.constant('SubmitReq' as const),
    mm7Version: fc.constantFrom('5.3.0', '6.8.0'),
    vaspId: token,
    vasId: token,
    senderAddress: address,
    recipients: fc.record({ to: fc.array(address, { minLength: 1, maxLength: 3 }), cc: fc.array(address, { maxLength: 2 }), bcc: fc.array(address, { maxLength: 2 }) }),
    serviceCode: token,
    linkedId: token,
    messageClass: fc.constantFrom('Personal', 'Informational', 'Advertisement', 'Auto'),
    expiryDate: fc.constantFrom('P1D', 'PT30M', '2026-11-21T00:00:00+09:00'),
    deliveryReport: fc.boolean(),
    readReply: fc.boolean(),
    priority: fc.constantFrom('Normal', 'High', 'Low'),
    subject: xmlText,
    distributionIndicator: fc.boolean(),
    content: fc.record({ href: fc.constant('cid:mms-content'), allowAdaptations: fc.boolean() }, { requiredKeys: ['href'] }),
  },
  { requiredKeys: ['kind', 'mm7Version', 'recipients'] },
);

describe('GMMSC codec properties', () => {
  it('any bytes under any Content-Type decode or fail with a GmmscError', () => {
    const contentType = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('text/xml', 'text/xml; charset=euc-kr', 'multipart/related; boundary=b', 'multipart/related; boundary="b"; type="text/xml"; start="<s>"'),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(contentType, fc.uint8Array({ maxLength: 2048 }), (ct, bytes) => decodesOrRefuses(ct, Buffer.from(bytes))),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('mutated multipart requests decode or fail with a GmmscError', () => {
    const seed = encodeMm7Http(
      {
        transactionId: 't',
        namespace: MM7_NAMESPACES[10],
        message: { kind: 'SubmitReq', mm7Version: '6.8.0', recipients: { to: [{ kind: 'Number', value: '01012340001' }], cc: [], bcc: [] }, content: { href: 'cid:mms-content' } },
      },
      { content: { ...buildMmContent([{ contentType: 'text/plain', contentId: 'a', body: 'hello' }]), contentId: 'mms-content' } },
    );
    const edits = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), cut: fc.boolean() }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(edits, (list) => {
        let body = Buffer.from(seed.body);
        for (const e of list) {
          const at = e.at % Math.max(1, body.length);
          if (e.cut) body = body.subarray(0, at);
          else body[at] = e.byte;
        }
        decodesOrRefuses(seed.contentType, body);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('any SubmitReq round-trips through its envelope in any MM7 namespace', () => {
    fc.assert(
      fc.property(submitReq, fc.constantFrom(...MM7_NAMESPACES), token, (message, namespace, transactionId) => {
        const http = encodeMm7Http({ transactionId, namespace, message }, { content: { ...buildMmContent([{ contentType: 'text/plain', body: 'x' }]) } });
        const d = decodeMm7Http(http.contentType, http.body);
        // The reader gives subjects back untrimmed and leaves absent optionals out.
        expect(d.envelope).toEqual({ transactionId, namespace, message: JSON.parse(JSON.stringify(message)) });
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('any DeliveryReportReq round-trips', () => {
    const report: fc.Arbitrary<DeliveryReportReq> = fc.record(
      {
        kind: fc.constant('DeliveryReportReq' as const),
        mm7Version: fc.constantFrom('5.3.0', '6.8.0'),
        relayServerId: token,
        messageId: token,
        recipient: address,
        sender: address,
        date: fc.constant('2026-11-21T12:00:00+09:00'),
        mmStatus: fc.constantFrom('Retrieved', 'Expired', 'Rejected', 'Indeterminate', 'Forwarded'),
        statusText: xmlText.filter((s) => s.trim() === s && s !== ''),
      },
      { requiredKeys: ['kind', 'mm7Version', 'messageId', 'recipient', 'sender', 'date', 'mmStatus'] },
    );
    fc.assert(
      fc.property(report, (message) => {
        const http = encodeMm7Http({ transactionId: 'r', namespace: MM7_NAMESPACES[0], message });
        expect(decodeMm7Http(http.contentType, http.body).envelope.message).toEqual(JSON.parse(JSON.stringify(message)));
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});
