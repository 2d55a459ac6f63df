// Codec properties: decoding never throws, whatever arrives, and always says why it refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../gateways/rcs/codec/error-body.ts';
import { decodeSendMessage, decodeWebhookEvent } from '../../gateways/rcs/codec/rcs-codec.ts';
import { mutatedSend, VALID_SENDS } from './rcs-body-mutator.ts';

describe('RCS codec properties', () => {
  it('decodeSendMessage and decodeWebhookEvent give a value or a 55803 error body for any JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 5 }), mutatedSend.map((t) => JSON.parse(t.length > 100_000 ? 'null' : t) as unknown)), (v) => {
        for (const r of [decodeSendMessage(v), decodeWebhookEvent(v)]) {
          if (!r.ok) {
            expect(errorBodySchema.parse(r.error).error.code).toBe(55803);
            expect(r.error.error.message).not.toBe('');
          }
        }
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('every valid send decodes to itself after a JSON round trip', () => {
    for (const body of VALID_SENDS) {
      const r = decodeSendMessage(JSON.parse(JSON.stringify(body)));
      expect(r.ok).toBe(true);
      if (r.ok) expect(decodeSendMessage(JSON.parse(JSON.stringify(r.value)))).toEqual(r);
    }
  });
});
