import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { isEngineError } from '../../../../engine/engine-errors.ts';
import { createMemoryStore } from '../../../../engine/store/memory-store.ts';
import { createTemplateService, TemplateInputError, type TemplateInput } from '../../../../engine/templates/template-service.ts';

function setup() {
  const clock = createManualClock(1_000);
  const store = createMemoryStore();
  const service = createTemplateService({ store, clock });
  return { clock, store, service };
}

const greeting: TemplateInput = {
  name: 'greeting',
  kind: 'sms',
  bodies: {
    ko: { text: '{{name}}님, 주문 {{order}}이 발송되었습니다.' },
    en: { text: 'Hello {{name}}, order {{order}} has shipped.' },
    zh: { text: '{{name}}您好，订单{{order}}已发货。' },
    vi: { text: 'Xin chào {{name}}, đơn hàng {{order}} đã được gửi.' },
    ru: { text: 'Здравствуйте, {{name}}! Заказ {{order}} отправлен.' },
  },
};

async function approved(service: ReturnType<typeof setup>['service'], input: TemplateInput = greeting) {
  const t = await service.register('acme', input);
  for (let i = 0; i < 3; i++) await service.review('acme', t.id, { decision: 'pass' });
  return t.id;
}

async function registerError(service: ReturnType<typeof setup>['service'], input: unknown): Promise<TemplateInputError> {
  const e = await service.register('acme', input as TemplateInput).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TemplateInputError);
  return e as TemplateInputError;
}

describe('template registration', () => {
  it('registers a template in state registered, with its placeholders and a default language', async () => {
    const { service, store } = setup();
    const t = await service.register('acme', greeting);
    expect(t).toMatchObject({ id: 'tpl-1', tenant: 'acme', name: 'greeting', kind: 'sms', ad: false, state: 'registered', defaultLanguage: 'ko', variables: ['name', 'order'], createdAt: 1_000 });
    expect(t.history).toEqual([{ state: 'registered', at: 1_000 }]);
    expect(await store.getTemplate('acme', 'tpl-1')).toMatchObject({ state: 'registered' });
    expect((await service.register('acme', { ...greeting, name: 'second' })).id).toBe('tpl-2');
  });

  it('ignores languages present as keys without a body', async () => {
    const { service } = setup();
    const t = await service.register('acme', { name: 'n', kind: 'sms', bodies: { ko: { text: '{{a}}' }, en: undefined } });
    expect(Object.keys(t.bodies)).toEqual(['ko']);
  });

  it('takes a tenant-chosen id and refuses a duplicate id or name', async () => {
    const { service } = setup();
    await service.register('acme', { ...greeting, id: 'welcome' });
    await expect(service.register('acme', { ...greeting, id: 'welcome', name: 'other' })).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_CONFLICT'));
    await expect(service.register('acme', greeting)).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_CONFLICT'));
    // Another tenant has its own names.
    expect((await service.register('other', greeting)).id).toBe('tpl-1');
  });

  it('refuses bodies whose placeholders differ between languages, naming the body', async () => {
    const { service } = setup();
    const e = await registerError(service, { ...greeting, bodies: { ko: { text: '{{a}} {{b}}' }, en: { text: '{{a}}' } } });
    expect(e.code).toBe('ENGINE_ERR_BAD_REQUEST');
    expect(e.errors).toEqual([expect.objectContaining({ field: 'bodies.en.text', code: 'ENGINE_ERR_TEMPLATE_VARIABLE' })]);
  });

  it('counts placeholders of the subject with the text', async () => {
    const { service } = setup();
    const t = await service.register('acme', { name: 'n', kind: 'lms', bodies: { ko: { subject: '{{shop}} 안내', text: '{{name}}님' }, en: { subject: '{{shop}}', text: 'Dear {{name}}' } } });
    expect(t.variables).toEqual(['name', 'shop']);
  });

  it('refuses malformed placeholders, unknown languages, empty bodies, a missing name and a bad kind', async () => {
    const { service } = setup();
    expect((await registerError(service, { ...greeting, bodies: { ko: { text: '{{name' } } })).errors[0]).toMatchObject({ field: 'bodies.ko.text', code: 'ENGINE_ERR_TEMPLATE_VARIABLE' });
    expect((await registerError(service, { ...greeting, bodies: { ko: { text: '{{first name}}' } } })).errors[0]).toMatchObject({ field: 'bodies.ko.text' });
    expect((await registerError(service, { ...greeting, bodies: { ja: { text: 'x' } } })).errors[0]).toMatchObject({ field: 'bodies.ja', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect((await registerError(service, { ...greeting, bodies: {} })).errors[0]).toMatchObject({ field: 'bodies' });
    expect((await registerError(service, { ...greeting, bodies: { ko: { text: '  ' } } })).errors[0]).toMatchObject({ field: 'bodies.ko.text' });
    expect((await registerError(service, { ...greeting, name: '' })).errors[0]).toMatchObject({ field: 'name' });
    expect((await registerError(service, { ...greeting, kind: 'fax' })).errors[0]).toMatchObject({ field: 'kind' });
    expect((await registerError(service, { ...greeting, defaultLanguage: 'ja' })).errors[0]).toMatchObject({ field: 'defaultLanguage' });
    expect((await registerError(service, null)).errors[0]).toMatchObject({ field: '' });
  });

  it('refuses an ad template that writes "(광고)" itself: the prefix is added at send', async () => {
    const { service } = setup();
    const e = await registerError(service, { name: 'sale', kind: 'lms', ad: true, bodies: { ko: { text: '(광고) 세일' } } });
    expect(e.errors[0]).toMatchObject({ field: 'bodies.ko.text', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect((await service.register('acme', { name: 'sale', kind: 'lms', ad: true, bodies: { ko: { text: '세일 {{pct}}%' } } })).ad).toBe(true);
  });

  it('refuses a body longer than any message before its variables are filled in, and a subject on an SMS template', async () => {
    const { service } = setup();
    expect((await registerError(service, { name: 'x', kind: 'lms', bodies: { ko: { text: '가'.repeat(1001) } } })).errors[0]).toMatchObject({ code: 'ENGINE_ERR_CONTENT_TOO_LONG' });
    expect((await registerError(service, { name: 'x', kind: 'sms', bodies: { ko: { subject: 's', text: 't' } } })).errors[0]).toMatchObject({ field: 'bodies.ko.subject', code: 'ENGINE_ERR_TYPE_MISMATCH' });
  });
});

describe('template review', () => {
  it('advances exactly one stage per pass and records each step with its time and note', async () => {
    const { service, clock } = setup();
    const { id } = await service.register('acme', greeting);
    clock.advance(10);
    expect((await service.review('acme', id, { decision: 'pass', note: 'wording ok' })).state).toBe('wording-review');
    clock.advance(10);
    expect((await service.review('acme', id, { decision: 'pass' })).state).toBe('consistency-review');
    clock.advance(10);
    const t = await service.review('acme', id, { decision: 'pass' });
    expect(t.state).toBe('approved');
    expect(t.history).toEqual([
      { state: 'registered', at: 1_000 },
      { state: 'wording-review', at: 1_010, note: 'wording ok' },
      { state: 'consistency-review', at: 1_020 },
      { state: 'approved', at: 1_030 },
    ]);
    expect(t.updatedAt).toBe(1_030);
    expect((await service.get('acme', id))?.state).toBe('approved');
  });

  it('rejects at any review stage, and a rejected or approved template takes no further review', async () => {
    const { service } = setup();
    const { id } = await service.register('acme', greeting);
    await service.review('acme', id, { decision: 'pass' });
    expect((await service.review('acme', id, { decision: 'reject', note: 'misleading' })).state).toBe('rejected');
    await expect(service.review('acme', id, { decision: 'pass' })).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_CONFLICT'));
    await expect(service.review('acme', id, { decision: 'reject' })).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_CONFLICT'));

    const ok = await approved(service, { ...greeting, name: 'other' });
    await expect(service.review('acme', ok, { decision: 'pass' })).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_CONFLICT'));
    await expect(service.review('acme', ok, { decision: 'reject' })).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_CONFLICT'));
  });

  it('answers not found for an unknown template or another tenant, and refuses an unknown decision', async () => {
    const { service } = setup();
    const { id } = await service.register('acme', greeting);
    await expect(service.review('acme', 'nope', { decision: 'pass' })).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_NOT_FOUND'));
    await expect(service.review('other', id, { decision: 'pass' })).rejects.toSatisfy((e) => isEngineError(e, 'ENGINE_ERR_NOT_FOUND'));
    await expect(service.review('acme', id, { decision: 'maybe' } as never)).rejects.toBeInstanceOf(TemplateInputError);
  });

  it('lets only one of two concurrent reviews advance from a stage', async () => {
    const { service } = setup();
    const { id } = await service.register('acme', greeting);
    await service.review('acme', id, { decision: 'pass' });
    await service.review('acme', id, { decision: 'pass' });
    const results = await Promise.allSettled([service.review('acme', id, { decision: 'pass' }), service.review('acme', id, { decision: 'pass' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await service.get('acme', id))?.history).toHaveLength(4);
  });

  it('lists a tenant’s templates', async () => {
    const { service } = setup();
    await service.register('acme', greeting);
    await service.register('acme', { ...greeting, name: 'two' });
    expect((await service.list('acme')).map((t) => t.name).sort()).toEqual(['greeting', 'two']);
    expect(await service.list('other')).toEqual([]);
  });
});

describe('template rendering', () => {
  it('renders every language with its variables', async () => {
    const { service } = setup();
    const id = await approved(service);
    const vars = { name: 'Kim', order: 'A-1' };
    const text = async (language: 'ko' | 'en' | 'zh' | 'vi' | 'ru') => {
      const r = await service.render('acme', id, language, vars);
      return r.ok ? r.text : r.error.code;
    };
    expect(await text('ko')).toBe('Kim님, 주문 A-1이 발송되었습니다.');
    expect(await text('en')).toBe('Hello Kim, order A-1 has shipped.');
    expect(await text('zh')).toBe('Kim您好，订单A-1已发货。');
    expect(await text('vi')).toBe('Xin chào Kim, đơn hàng A-1 đã được gửi.');
    expect(await text('ru')).toBe('Здравствуйте, Kim! Заказ A-1 отправлен.');
    expect(await service.render('acme', id, undefined, vars)).toMatchObject({ ok: true, language: 'ko', ad: false, kind: 'sms' });
  });

  it('inserts values as plain text, without a second substitution', async () => {
    const { service } = setup();
    const id = await approved(service);
    const r = await service.render('acme', id, 'en', { name: '{{order}}', order: '$1 {{name}}' });
    expect(r).toMatchObject({ ok: true, text: 'Hello {{order}}, order $1 {{name}} has shipped.' });
  });

  it('renders the subject and accepts numbers as values', async () => {
    const { service } = setup();
    const id = await approved(service, { name: 'n', kind: 'lms', bodies: { ko: { subject: '{{shop}} 안내', text: '{{n}}개' } } });
    expect(await service.render('acme', id, 'ko', { shop: 'ACME', n: 3 as unknown as string })).toMatchObject({ ok: true, subject: 'ACME 안내', text: '3개', kind: 'lms' });
  });

  it('answers field errors: unknown template, not approved, language without body, missing variable', async () => {
    const { service } = setup();
    expect(await service.render('acme', 'nope', 'ko', {})).toMatchObject({ ok: false, error: { field: 'template.id', code: 'ENGINE_ERR_UNKNOWN_TEMPLATE' } });
    const draft = await service.register('acme', { name: 'draft', kind: 'sms', bodies: { ko: { text: '{{x}}' } } });
    expect(await service.render('acme', draft.id, 'ko', { x: '1' })).toMatchObject({ ok: false, error: { field: 'template.id', code: 'ENGINE_ERR_TEMPLATE_NOT_APPROVED' } });
    const id = await approved(service, { name: 'koonly', kind: 'sms', bodies: { ko: { text: '{{x}}{{y}}' } } });
    expect(await service.render('acme', id, 'en', { x: '1', y: '2' })).toMatchObject({ ok: false, error: { field: 'template.language', code: 'ENGINE_ERR_TEMPLATE_VARIABLE' } });
    expect(await service.render('acme', id, 'ko', { x: '1' })).toMatchObject({ ok: false, error: { field: 'template.variables.y', code: 'ENGINE_ERR_TEMPLATE_VARIABLE' } });
    expect(await service.render('acme', id, 'ko', { x: '1', y: {} as unknown as string })).toMatchObject({ ok: false, error: { field: 'template.variables.y' } });
    expect(await service.render('acme', id, 'ko', null as unknown as Record<string, string>)).toMatchObject({ ok: false, error: { field: 'template.variables' } });
  });

  it('does not take a variable from the object prototype', async () => {
    const { service } = setup();
    const id = await approved(service, { name: 'proto', kind: 'sms', bodies: { ko: { text: '{{toString}}' } } });
    expect(await service.render('acme', id, 'ko', {})).toMatchObject({ ok: false, error: { field: 'template.variables.toString' } });
  });

  it('renders templates a previous service instance stored', async () => {
    const { service, store, clock } = setup();
    const id = await approved(service);
    const fresh = createTemplateService({ store, clock });
    expect(await fresh.render('acme', id, 'en', { name: 'Lee', order: '7' })).toMatchObject({ ok: true, text: 'Hello Lee, order 7 has shipped.' });
  });
});
