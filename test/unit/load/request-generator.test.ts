import { describe, expect, it } from 'vitest';
import { createComposer } from '../../../engine/compose/composer.ts';
import { engineConfigSchema } from '../../../engine/engine-config.ts';
import { mapBatch, mapSendMessage } from '../../../engine/intake/request-mapper.ts';
import { createMemoryStore } from '../../../engine/store/memory-store.ts';
import { createTemplateService } from '../../../engine/templates/template-service.ts';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { createRng } from '../../../gateways/kit/rng.ts';
import { loadNetwork } from '../../../gateways/network/load-network.ts';
import { CONTENT_KINDS, loadRequestSchema, type LoadRequest } from '../../../load/load-profile-schema.ts';
import { createRecipientSource } from '../../../load/recipient-source.ts';
import { createRequestGenerator, jpegOfSize, type GeneratedRequest } from '../../../load/request-generator.ts';

const network = loadNetwork();

function generator(input: Record<string, unknown>, seed = 'seed') {
  const request: LoadRequest = loadRequestSchema.parse(input);
  const rng = createRng(seed);
  const recipients = createRecipientSource(request.recipients, { rng: rng.fork('recipients'), network });
  return { gen: createRequestGenerator({ request, recipients, rng: rng.fork('mix'), keyPrefix: 'run-0' }), recipients };
}

const toOf = (g: GeneratedRequest): string[] => {
  const body = JSON.parse(g.body) as { to?: string; recipients?: { to: string }[] };
  return body.recipients ? body.recipients.map((r) => r.to) : [body.to!];
};

describe('createRecipientSource', () => {
  it('never repeats a number and draws the on-net share among reachable subscribers', () => {
    const src = createRecipientSource({ onNet: 0.31, reachableOnly: true }, { rng: createRng('share'), network });
    const seen = new Set<string>();
    let onNet = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = src.next();
      seen.add(n);
      const s = network.lookup(n)!;
      expect(['on', 'ported']).toContain(s.reachability);
      if (s.carrier === network.ownCarrier) onNet++;
    }
    expect(seen.size).toBe(20_000);
    expect(onNet / 20_000).toBeGreaterThan(0.29);
    expect(onNet / 20_000).toBeLessThan(0.33);
    expect(src.drawn()).toEqual({ onNet, offNet: 20_000 - onNet });
  });

  it('gives only own-network or only other-carrier numbers at share 1 and 0', () => {
    for (const share of [0, 1]) {
      const src = createRecipientSource({ onNet: share, reachableOnly: true }, { rng: createRng(`s${share}`), network });
      for (let i = 0; i < 500; i++) expect(network.lookup(src.next())!.carrier === network.ownCarrier).toBe(share === 1);
    }
  });

  it('uses every number of a range once before repeating one', () => {
    const src = createRecipientSource({ range: { from: '01050000000', to: '01050000009' } }, { rng: createRng('range'), network });
    const first = Array.from({ length: 10 }, () => src.next());
    expect(new Set(first).size).toBe(10);
    expect([...first].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `0105000000${i}`));
    expect(first).not.toEqual([...first].sort());
    expect(Array.from({ length: 10 }, () => src.next())).toEqual(first);
  });
});

describe('createRequestGenerator', () => {
  it('gives every batch fresh recipients and a fresh idempotency key', () => {
    const { gen } = generator({ kind: 'batch', batchSize: 1000, recipients: { onNet: 0.31 } });
    const numbers = new Set<string>();
    const keys = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const g = gen.next();
      expect(g).toMatchObject({ path: '/v1/messages/batch', messages: 1000 });
      for (const n of toOf(g)) numbers.add(n);
      keys.add(g.idempotencyKey);
    }
    expect(numbers.size).toBe(40_000);
    expect(keys.size).toBe(40);
  });

  it('draws content kinds in the mix proportions, the same way for the same seed', () => {
    const spec = { kind: 'single', mix: { sms: 0.5, lms: 0.25, mms: 0.15, rcs: 0.1 }, recipients: { onNet: 0.31 } };
    const a = generator(spec, 'mix-seed').gen;
    const kinds = Array.from({ length: 8000 }, () => a.next().kind);
    const share = (k: string): number => kinds.filter((x) => x === k).length / kinds.length;
    expect(share('sms')).toBeCloseTo(0.5, 1);
    expect(share('lms')).toBeCloseTo(0.25, 1);
    expect(share('mms')).toBeCloseTo(0.15, 1);
    expect(share('rcs')).toBeCloseTo(0.1, 1);
    expect(a.tally()).toEqual(Object.fromEntries(CONTENT_KINDS.map((k) => [k, kinds.filter((x) => x === k).length])));

    const b = generator(spec, 'mix-seed').gen;
    const again = Array.from({ length: 8000 }, () => b.next());
    expect(again.map((g) => g.kind)).toEqual(kinds);
    const c = generator(spec, 'other-seed').gen;
    expect(Array.from({ length: 200 }, () => c.next().kind)).not.toEqual(kinds.slice(0, 200));
  });

  it('leaves out kinds weighted 0', () => {
    const { gen } = generator({ kind: 'single', mix: { sms: 0, lms: 1 }, recipients: { onNet: 1 } });
    for (let i = 0; i < 50; i++) expect(gen.next().kind).toBe('lms');
  });

  it('builds bodies the API takes and compose accepts, for every content kind', async () => {
    const clock = createManualClock(Date.parse('2026-03-02T03:00:00Z'));
    const composer = createComposer({ templates: createTemplateService({ store: createMemoryStore(), clock }), clock });
    const tenant = engineConfigSchema.parse({}).tenants[0];
    for (const kind of CONTENT_KINDS) {
      const single = generator({ kind: 'single', mix: { [kind]: 1 }, recipients: { onNet: 0.5 } }).gen.next();
      const one = mapSendMessage(JSON.parse(single.body));
      expect(one.ok, `${kind} single: ${JSON.stringify(one)}`).toBe(true);
      const batch = generator({ kind: 'batch', batchSize: 50, mix: { [kind]: 1 }, recipients: { onNet: 0.5 } }).gen.next();
      const many = mapBatch(JSON.parse(batch.body), { maxBatch: 10_000 });
      if (!many.ok || !one.ok) throw new Error(`${kind} batch: ${JSON.stringify(many)}`);
      expect(many.requests).toHaveLength(50);
      for (const req of [...one.requests, many.requests[0]]) {
        const composed = await composer.compose(tenant, req);
        expect(composed.ok, `${kind}: ${JSON.stringify(composed)}`).toBe(true);
        if (composed.ok) expect(composed.content.kind).toBe(kind);
      }
    }
  });
});

describe('jpegOfSize', () => {
  it('is exactly the asked size and starts like a JPEG in base64', () => {
    for (const n of [64, 1000, 10_240, 70_000, 300 * 1024]) {
      const b = jpegOfSize(n);
      expect(b.length).toBe(n);
      expect(b.toString('base64').startsWith('/9j/')).toBe(true);
      expect([b[n - 2], b[n - 1]]).toEqual([0xff, 0xd9]);
    }
  });
});
