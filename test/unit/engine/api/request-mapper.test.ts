import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldPath, issuesToFieldErrors, prefixed } from '../../../../engine/intake/issue-field-errors.ts';
import { checkRecipients } from '../../../../engine/intake/recipient-check.ts';
import { mapBatch, mapSendMessage } from '../../../../engine/intake/request-mapper.ts';
import { batchMessageSchema, batchRecipientSchema } from '../../../../engine/intake/request-schema.ts';

describe('field paths', () => {
  it('writes zod paths the way a client writes the field', () => {
    expect(fieldPath(['recipients', 3, 'to'])).toBe('recipients[3].to');
    expect(fieldPath(['media', 0, 'data'])).toBe('media[0].data');
    expect(fieldPath(['template', 'variables', 'name'])).toBe('template.variables.name');
    expect(fieldPath(['template', 'variables', '고객 이름'])).toBe('template.variables["고객 이름"]');
    expect(fieldPath([])).toBe('');
  });

  it('joins an Intake prefix and a relative field', () => {
    expect(prefixed('recipients[2].', 'to')).toBe('recipients[2].to');
    expect(prefixed('recipients[2].', '')).toBe('recipients[2]');
    expect(prefixed('recipients[2].', '[0]')).toBe('recipients[2][0]');
    expect(prefixed('', 'to')).toBe('to');
  });

  it('names each unknown key of one zod issue as its own field', () => {
    const r = z.strictObject({ a: z.strictObject({ b: z.string() }) }).safeParse({ a: { b: 'x', c: 1, d: 2 } });
    expect(r.success).toBe(false);
    expect(issuesToFieldErrors(r.error!.issues).map((e) => e.field)).toEqual(['a.c', 'a.d']);
  });
});

// Values around every bound the recipient schema has, and every JSON type.
const str = fc.oneof(
  fc.constantFrom('', 'a', '01012345678', '__proto__', 'constructor'),
  ...[32, 64, 200, 2000].flatMap((n) => [fc.constant('x'.repeat(n)), fc.constant('x'.repeat(n + 1))]),
  fc.string({ maxLength: 6 }),
);
const anyJson = fc.oneof(str, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(str, str, { maxKeys: 2 }));
const variables = fc.oneof({ weight: 3, arbitrary: fc.array(fc.tuple(str, fc.oneof({ weight: 4, arbitrary: str }, { weight: 1, arbitrary: anyJson })), { maxLength: 4 }) }, { weight: 1, arbitrary: anyJson });
const recipient = fc.oneof(
  { weight: 6, arbitrary: fc.record({ to: fc.oneof({ weight: 4, arbitrary: str }, { weight: 1, arbitrary: anyJson }), variables, clientRef: fc.oneof(str, anyJson), idempotencyKey: fc.oneof(str, anyJson), extra: fc.tuple(str, anyJson) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyJson },
).map((r) => {
  if (typeof r !== 'object' || r === null || Array.isArray(r) || !('to' in r || 'variables' in r || 'clientRef' in r || 'idempotencyKey' in r || 'extra' in r)) return r;
  const entries: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(r)) {
    if (k === 'extra') entries.push(v as [string, unknown]);
    else if (k === 'variables' && Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2)) entries.push([k, Object.fromEntries(v as Array<[string, unknown]>)]);
    else entries.push([k, v]);
  }
  // fromEntries defines own properties, so a "__proto__" key arrives as JSON.parse would deliver it.
  return Object.fromEntries(entries);
});

describe('the hand-written recipient check', () => {
  it('accepts and refuses exactly what batchRecipientSchema does, with the same fields and codes', () => {
    const viaZod = z.strictObject({ recipients: z.array(batchRecipientSchema) });
    fc.assert(
      fc.property(fc.array(recipient, { minLength: 1, maxLength: 3 }), (items) => {
        const expected = viaZod.safeParse({ recipients: items });
        const actual = checkRecipients(items, 1000);
        const key = (e: { field: string; code: string }) => `${e.field} ${e.code}`;
        if (expected.success) {
          expect(actual.errors).toEqual([]);
          expect(actual.recipients).toEqual(expected.data.recipients);
        } else {
          expect(actual.errors.map(key).sort()).toEqual(issuesToFieldErrors(expected.error.issues).map(key).sort());
        }
      }),
      { numRuns: 3000, seed: 20260301 },
    );
  });

  it('stops after the error limit', () => {
    const res = checkRecipients(Array.from({ length: 1000 }, () => ({ to: 1 })), 100);
    expect(res.errors).toHaveLength(100);
    expect(res.errors[99].field).toBe('recipients[99].to');
  });
});

describe('mapping bodies to MessageRequests', () => {
  it('shares the batch content between recipients and never mutates the body', () => {
    const body = { from: '0212345678', media: [{ contentType: 'image/png', name: 'a.png', data: 'AAAA' }], text: 't', recipients: [{ to: '01011110001' }, { to: '01011110002' }] };
    const before = JSON.stringify(body);
    const res = mapBatch(body, { maxBatch: 10 });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.requests[0].media).toEqual(body.media);
    expect(res.requests[0].media).toBe(res.requests[1].media);
    expect(JSON.stringify(body)).toBe(before);
  });

  it('keeps the template language when recipient variables are merged', () => {
    const res = mapBatch({ from: '0212345678', template: { id: 't', language: 'en', variables: { a: '1' } }, recipients: [{ to: '01011110001', variables: { b: '2' } }] }, { maxBatch: 10 });
    expect(res.ok && res.requests[0].template).toEqual({ id: 't', language: 'en', variables: { a: '1', b: '2' } });
  });

  it('gives a single message without variables an empty variables object for its template', () => {
    const res = mapSendMessage({ to: '01012345678', from: '0212345678', template: { id: 't' } });
    expect(res.ok && res.requests[0].template).toEqual({ id: 't', variables: {} });
  });

  it('validates and maps a 10,000-recipient batch in a few ms of CPU, faster than zod validates it alone', () => {
    const body = {
      from: '0212345678',
      template: { id: 'tpl', variables: { shop: '강남점' } },
      recipients: Array.from({ length: 10_000 }, (_, i) => ({ to: `010${10_000_000 + i}`, clientRef: `r${i}`, variables: { name: `n${i}` } })),
    };
    const text = JSON.stringify(body);
    const full = batchMessageSchema(10_000);
    // Best CPU time of 15, not wall time: the machine is shared, and both wall time and a median
    // measure the neighbours and the garbage collector more than this code.
    const best = (fn: (b: unknown) => void): number => {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) fn(JSON.parse(text)); // let the JIT settle first
      for (let k = 0; k < 15; k++) {
        const b = JSON.parse(text);
        const t0 = process.cpuUsage();
        fn(b);
        const d = process.cpuUsage(t0);
        times.push((d.user + d.system) / 1000);
      }
      return Math.min(...times);
    };
    let ok = false;
    const mapMs = best((b) => {
      const r = mapBatch(b, { maxBatch: 10_000, idempotencyKey: 'k' });
      ok = r.ok && r.requests.length === 10_000 && r.requests[9_999].template?.variables.name === 'n9999';
    });
    const zodMs = best((b) => full.safeParse(b));
    console.log(`10,000 recipients: validate+map ${mapMs.toFixed(2)} ms CPU; zod validation alone ${zodMs.toFixed(2)} ms`);
    expect(ok).toBe(true);
    expect(mapMs).toBeLessThan(zodMs);
    expect(mapMs).toBeLessThan(10);
  });
});
