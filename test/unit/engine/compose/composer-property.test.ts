import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { MESSAGEBASES } from '../../../../gateways/rcs/codec/messagebase-table.ts';
import { LMS_MAX_BYTES, SMS_MAX_BYTES, SMS_UCS2_MAX_CHARS, SUBJECT_MAX_BYTES } from '../../../../engine/compose/classify-content.ts';
import { createComposer } from '../../../../engine/compose/composer.ts';
import { carrierTextBytes, eucKrLength } from '../../../../engine/compose/euc-kr-length.ts';
import { tenantSchema } from '../../../../engine/engine-config.ts';
import { ENGINE_ERROR_CODES } from '../../../../engine/engine-errors.ts';
import type { MessageRequest } from '../../../../engine/message.ts';
import { createMemoryStore } from '../../../../engine/store/memory-store.ts';
import { createTemplateService } from '../../../../engine/templates/template-service.ts';
import { countBytes as smscBytes } from '../../../../gateways/smsvas/simulator/submit-validator.ts';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]).toString('base64');
const text = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: fc.constantFrom('가', 'a', ' ', '😀', 'ế', 'Ж', '汉', '(', ')', '광', '고', '{{', '}}', '\n'), maxLength: 1100 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);
const anything = fc.anything({ maxDepth: 2 });
// Mostly well-typed values, so every stage of compose is reached; now and then anything at all.
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 30 }, { arbitrary: anything, weight: 1 });
const junkNumber = fc.string({ unit: fc.constantFrom('0', '1', '8', '2', '+', '-', ' '), maxLength: 16 });
const mobile = fc.oneof({ arbitrary: fc.constantFrom('010-1234-5678', '+82 10 1234 5678', '01112345678'), weight: 10 }, { arbitrary: junkNumber, weight: 1 }, { arbitrary: anything, weight: 1 });
const sender = fc.oneof({ arbitrary: fc.constantFrom('15881234', '02-123-4567', '010-9876-5432'), weight: 10 }, { arbitrary: junkNumber, weight: 1 }, { arbitrary: anything, weight: 1 });
const number = fc.oneof(fc.constantFrom('010-1234-5678', '1588-1234'), junkNumber);
const button = fc.record({ label: maybe(text), url: maybe(fc.constantFrom('https://a.kr', 'ftp://x')), postback: maybe(text), dial: maybe(number) }, { requiredKeys: [] });
const card = fc.record(
  {
    title: maybe(text),
    description: maybe(text),
    media: maybe(fc.record({ url: maybe(fc.constantFrom('maapfile://1', `data:image/jpeg;base64,${jpeg}`)), height: maybe(fc.constantFrom('SHORT_HEIGHT', 'MEDIUM_HEIGHT', 'TALL_HEIGHT')) }, { requiredKeys: [] })),
    buttons: maybe(fc.array(button, { maxLength: 4 })),
  },
  { requiredKeys: [] },
);
const validRcs = fc.oneof(
  fc.record({ messagebaseId: fc.constant('SS000000'), text: fc.string({ minLength: 1, maxLength: 100 }) }),
  fc.record({ messagebaseId: fc.constant('SL000000'), text: fc.string({ minLength: 1, maxLength: 300 }), buttons: fc.array(fc.record({ label: fc.constantFrom('웹', 'Go'), url: fc.constant('https://a.kr') }), { maxLength: 3 }) }),
  fc.record({ messagebaseId: fc.constant('CMwMhM0200'), cards: fc.array(fc.record({ title: fc.constantFrom('가', 'T'), description: fc.string({ maxLength: 60 }) }), { minLength: 2, maxLength: 2 }) }),
);
const rcs = maybe(
  fc.oneof(
    validRcs,
    fc.record({ messagebaseId: maybe(fc.constantFrom(...MESSAGEBASES.keys(), 'XX')), text: maybe(text), cards: maybe(fc.array(card, { maxLength: 7 })), buttons: maybe(fc.array(button, { maxLength: 4 })) }, { requiredKeys: [] }),
  ),
);
const media = maybe(fc.array(fc.record({ contentType: maybe(fc.constantFrom('image/jpeg', 'image/png')), name: maybe(text), data: maybe(fc.oneof(fc.constant(jpeg), fc.base64String({ maxLength: 40 }), text)) }, { requiredKeys: [] }), { maxLength: 4 }));
const template = maybe(fc.record({ id: maybe(fc.constantFrom('tpl-1', 'tpl-2', 'nope')), variables: maybe(fc.dictionary(fc.constantFrom('name', 'x'), maybe(text))), language: maybe(fc.constantFrom('ko', 'en', 'vi', 'xx')) }, { requiredKeys: [] }));

const NOW = Date.UTC(2026, 0, 1);
const envelope = fc.record(
  {
    to: mobile,
    from: sender,
    type: maybe(fc.constantFrom('sms', 'lms', 'mms', 'rcs', 'sms', 'lms', 'mms', 'rcs', 'fax')),
    subject: maybe(text),
    priority: maybe(fc.constantFrom('realtime', 'realtime', 'realtime', 'scheduled')),
    sendAt: maybe(fc.integer({ min: NOW - 1e6, max: NOW + 1e9 })),
    ad: maybe(fc.boolean()),
    optOut: maybe(fc.constantFrom('080-123-4567', '0801234567', '02-123-4567')),
  },
  { requiredKeys: ['to', 'from', 'priority', 'ad'] },
);
// One kind of content as a tenant would send it, or a mix of them.
const content = fc.oneof(
  fc.record({ text: maybe(text) }),
  fc.record({ template }),
  fc.record({ media, text: maybe(text) }, { requiredKeys: ['media'] }),
  fc.record({ rcs }),
  fc.record({ text: maybe(text), template, media, rcs }, { requiredKeys: [] }),
);
const request = fc.tuple(envelope, content).map(([e, c]) => ({ ...e, ...c }));

describe('compose on arbitrary requests', () => {
  it('never throws, answers a known error code or content within the carrier limits', async () => {
    const clock = createManualClock(NOW);
    const templates = createTemplateService({ store: createMemoryStore(), clock });
    const t = await templates.register('acme', { name: 'n', kind: 'sms', bodies: { ko: { text: '{{name}}님' }, en: { text: 'Hi {{name}}' } } });
    for (let i = 0; i < 3; i++) await templates.review('acme', t.id, { decision: 'pass' });
    await templates.register('acme', { name: 'draft', kind: 'lms', bodies: { ko: { text: '{{x}}' } } });
    const composer = createComposer({ templates, clock });
    const tenant = tenantSchema.parse({ id: 'acme', apiKeys: ['key-00000001'], senders: [] });

    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const r = await composer.compose(tenant, req as unknown as MessageRequest);
        if (!r.ok) {
          expect(Object.keys(ENGINE_ERROR_CODES)).toContain(r.error.code);
          expect(typeof r.error.field).toBe('string');
          expect(typeof r.error.message).toBe('string');
          return;
        }
        const c = r.content;
        if (c.kind === 'sms') {
          if (c.encoding === 'euc-kr') expect(eucKrLength(c.text)).toBeLessThanOrEqual(SMS_MAX_BYTES);
          else expect(c.text.length).toBeLessThanOrEqual(SMS_UCS2_MAX_CHARS);
          // The SMSVAS simulator, counting as a Korean SMSC does, takes every SMS the engine composes.
          expect(smscBytes(c.text)).toBeLessThanOrEqual(SMS_MAX_BYTES);
        } else if (c.kind === 'lms' || c.kind === 'mms') {
          expect(carrierTextBytes(c.text ?? '')).toBeLessThanOrEqual(LMS_MAX_BYTES);
          expect(carrierTextBytes(c.subject ?? '')).toBeLessThanOrEqual(SUBJECT_MAX_BYTES);
        }
        if (r.ad && c.kind !== 'rcs') expect((c.kind === 'mms' ? (c.text ?? '') : c.text).startsWith('(광고)')).toBe(true);
      }),
      { numRuns: 1500, seed: 20260310 },
    );
  });
});
