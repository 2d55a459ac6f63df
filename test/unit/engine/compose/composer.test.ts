import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../gateways/kit/clock.ts';
import { createComposer, MAX_SCHEDULE_AHEAD_MS, type ComposeResult } from '../../../../engine/compose/composer.ts';
import { MMS_MAX_IMAGE_BYTES } from '../../../../engine/compose/media-check.ts';
import { tenantSchema, type Tenant } from '../../../../engine/engine-config.ts';
import type { MessageRequest } from '../../../../engine/message.ts';
import { createMemoryStore } from '../../../../engine/store/memory-store.ts';
import { createTemplateService, type TemplateInput } from '../../../../engine/templates/template-service.ts';

const NOW = Date.UTC(2026, 2, 10, 3);
const tenant: Tenant = tenantSchema.parse({ id: 'acme', apiKeys: ['key-00000001'] });
const base: MessageRequest = { to: '010-1234-5678', from: '1588-1234', text: 'hello', priority: 'realtime', ad: false };
// A JPEG's first bytes (FF D8 FF E0) padded to the size asked for.
const jpeg = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4)]).toString('base64');
const image = (bytes = 1000) => ({ contentType: 'image/jpeg', name: 'a.jpg', data: jpeg(bytes) });

async function setup() {
  const clock = createManualClock(NOW);
  const templates = createTemplateService({ store: createMemoryStore(), clock });
  const approve = async (input: TemplateInput) => {
    const t = await templates.register('acme', input);
    for (let i = 0; i < 3; i++) await templates.review('acme', t.id, { decision: 'pass' });
    return t.id;
  };
  const composer = createComposer({ templates, clock });
  const compose = (req: Partial<MessageRequest> | Record<string, unknown>, t: Tenant = tenant) => composer.compose(t, { ...base, ...req } as MessageRequest);
  return { compose, templates, approve };
}

const errorOf = (r: ComposeResult) => (r.ok ? null : { field: r.error.field, code: r.error.code });
const contentOf = (r: ComposeResult) => (r.ok ? r.content : r.error);

describe('compose: addressing', () => {
  it('normalises the recipient to national form and the sender to digits', async () => {
    const { compose } = await setup();
    expect(await compose({})).toEqual({ ok: true, to: '01012345678', from: '15881234', ad: false, content: { kind: 'sms', text: 'hello', encoding: 'euc-kr' } });
    for (const to of ['+82 10-1234-5678', '+821012345678', '821012345678', '+82 010 1234 5678', '01012345678']) {
      expect(await compose({ to })).toMatchObject({ ok: true, to: '01012345678' });
    }
    expect(await compose({ to: '011-123-4567' })).toMatchObject({ ok: true, to: '0111234567' });
    expect(await compose({ from: '02-123-4567' })).toMatchObject({ ok: true, from: '021234567' });
  });

  it('refuses a recipient that is not a Korean mobile number', async () => {
    const { compose } = await setup();
    for (const to of ['02-123-4567', '015-1234-5678', '010-1234-56789', '+1 202 555 0100', '', 'abc', 1012345678]) {
      expect(errorOf(await compose({ to }))).toEqual({ field: 'to', code: 'ENGINE_ERR_BAD_NUMBER' });
    }
  });

  it('refuses a malformed sender', async () => {
    const { compose } = await setup();
    for (const from of ['1234567', '1234567890123', '1588-12a4', undefined]) {
      expect(errorOf(await compose({ from }))).toEqual({ field: 'from', code: 'ENGINE_ERR_BAD_SENDER' });
    }
  });

  it("takes only the tenant's registered senders when it has any, in any spelling", async () => {
    const { compose } = await setup();
    const strict = tenantSchema.parse({ id: 'acme', apiKeys: ['key-00000001'], senders: ['1588-1234', '0212345678'] });
    expect(await compose({ from: '15881234' }, strict)).toMatchObject({ ok: true });
    expect(await compose({ from: '02-1234-5678' }, strict)).toMatchObject({ ok: true });
    expect(errorOf(await compose({ from: '1577-0000' }, strict))).toEqual({ field: 'from', code: 'ENGINE_ERR_UNREGISTERED_SENDER' });
  });
});

describe('compose: request flags', () => {
  it('refuses an unknown type or priority and a non-boolean ad', async () => {
    const { compose } = await setup();
    expect(errorOf(await compose({ type: 'fax' }))).toEqual({ field: 'type', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(errorOf(await compose({ priority: 'urgent' }))).toEqual({ field: 'priority', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(errorOf(await compose({ ad: 'yes' }))).toEqual({ field: 'ad', code: 'ENGINE_ERR_BAD_REQUEST' });
  });

  it('needs a valid sendAt for a scheduled message, at most 366 days ahead', async () => {
    const { compose } = await setup();
    expect(errorOf(await compose({ priority: 'scheduled' }))).toEqual({ field: 'sendAt', code: 'ENGINE_ERR_BAD_SCHEDULE' });
    expect(errorOf(await compose({ priority: 'scheduled', sendAt: Number.NaN }))).toEqual({ field: 'sendAt', code: 'ENGINE_ERR_BAD_SCHEDULE' });
    expect(errorOf(await compose({ priority: 'scheduled', sendAt: NOW + MAX_SCHEDULE_AHEAD_MS + 1 }))).toEqual({ field: 'sendAt', code: 'ENGINE_ERR_BAD_SCHEDULE' });
    expect(await compose({ priority: 'scheduled', sendAt: NOW + 3_600_000 })).toMatchObject({ ok: true });
  });
});

describe('compose: content', () => {
  it('needs some content', async () => {
    const { compose } = await setup();
    expect(errorOf(await compose({ text: undefined }))).toEqual({ field: 'text', code: 'ENGINE_ERR_NO_CONTENT' });
    expect(errorOf(await compose({ text: '' }))).toEqual({ field: 'text', code: 'ENGINE_ERR_NO_CONTENT' });
    expect(errorOf(await compose({ text: undefined, media: [] }))).toEqual({ field: 'text', code: 'ENGINE_ERR_NO_CONTENT' });
  });

  it('refuses text or subject of the wrong type, and text with a template', async () => {
    const { compose } = await setup();
    expect(errorOf(await compose({ text: 5 }))).toEqual({ field: 'text', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(errorOf(await compose({ subject: 5 }))).toEqual({ field: 'subject', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(errorOf(await compose({ template: { id: 't', variables: {} } }))).toEqual({ field: 'template', code: 'ENGINE_ERR_BAD_REQUEST' });
  });

  it('classifies by size and validates an asked-for type', async () => {
    const { compose } = await setup();
    expect(contentOf(await compose({ text: '가'.repeat(46) }))).toMatchObject({ kind: 'lms' });
    expect(contentOf(await compose({ text: 'x', subject: '제목' }))).toEqual({ kind: 'lms', subject: '제목', text: 'x' });
    expect(errorOf(await compose({ type: 'sms', text: 'a'.repeat(200) }))).toEqual({ field: 'text', code: 'ENGINE_ERR_TYPE_MISMATCH' });
    expect(contentOf(await compose({ type: 'lms', text: 'hi' }))).toEqual({ kind: 'lms', text: 'hi' });
    expect(errorOf(await compose({ type: 'mms' }))).toEqual({ field: 'media', code: 'ENGINE_ERR_TYPE_MISMATCH' });
    expect(errorOf(await compose({ type: 'rcs' }))).toEqual({ field: 'rcs', code: 'ENGINE_ERR_TYPE_MISMATCH' });
    expect(errorOf(await compose({ text: 'a'.repeat(2001) }))).toEqual({ field: 'text', code: 'ENGINE_ERR_CONTENT_TOO_LONG' });
    expect(errorOf(await compose({ subject: 'a'.repeat(41) }))).toEqual({ field: 'subject', code: 'ENGINE_ERR_CONTENT_TOO_LONG' });
  });

  it('sends emoji text as a UCS-2 SMS', async () => {
    const { compose } = await setup();
    expect(contentOf(await compose({ text: '좋아요 👍' }))).toEqual({ kind: 'sms', text: '좋아요 👍', encoding: 'ucs2' });
  });
});

describe('compose: media', () => {
  it('makes an MMS of JPEG images', async () => {
    const { compose } = await setup();
    const media = [image(), image()];
    expect(contentOf(await compose({ text: '사진', media }))).toEqual({ kind: 'mms', text: '사진', media });
  });

  it('names the media part and field that is wrong', async () => {
    const { compose } = await setup();
    const bad = (media: unknown) => compose({ media } as Record<string, unknown>).then(errorOf);
    expect(await bad('x')).toEqual({ field: 'media', code: 'ENGINE_ERR_BAD_MEDIA' });
    expect(await bad([image(), { ...image(), contentType: 'image/png' }])).toEqual({ field: 'media[1].contentType', code: 'ENGINE_ERR_BAD_MEDIA' });
    expect(await bad([{ ...image(), data: 'not base64!' }])).toEqual({ field: 'media[0].data', code: 'ENGINE_ERR_BAD_MEDIA' });
    expect(await bad([{ ...image(), data: Buffer.from('GIF89a').toString('base64') }])).toEqual({ field: 'media[0].data', code: 'ENGINE_ERR_BAD_MEDIA' });
    expect(await bad([image(MMS_MAX_IMAGE_BYTES + 1)])).toEqual({ field: 'media[0].data', code: 'ENGINE_ERR_BAD_MEDIA' });
    expect(await bad([image(), image(), image(), image()])).toEqual({ field: 'media', code: 'ENGINE_ERR_BAD_MEDIA' });
    expect(await bad([image(MMS_MAX_IMAGE_BYTES), image(MMS_MAX_IMAGE_BYTES), image(MMS_MAX_IMAGE_BYTES)])).toEqual({ field: 'media', code: 'ENGINE_ERR_BAD_MEDIA' });
    expect(await bad([null])).toEqual({ field: 'media[0]', code: 'ENGINE_ERR_BAD_MEDIA' });
  });

  it('takes 300 KB per image and 800 KB in total', async () => {
    const { compose } = await setup();
    expect(await compose({ media: [image(MMS_MAX_IMAGE_BYTES), image(MMS_MAX_IMAGE_BYTES), image(800 * 1024 - 2 * MMS_MAX_IMAGE_BYTES)] })).toMatchObject({ ok: true });
  });

  it('refuses media with an SMS or LMS type', async () => {
    const { compose } = await setup();
    expect(errorOf(await compose({ type: 'lms', media: [image()] }))).toEqual({ field: 'type', code: 'ENGINE_ERR_TYPE_MISMATCH' });
  });
});

describe('compose: RCS', () => {
  const carousel = {
    messagebaseId: 'CMwMhM0300',
    cards: [
      { title: '첫째', description: '하나', buttons: [{ label: '보기', url: 'https://example.com/1' }] },
      { title: '둘째', description: '둘' },
      { title: '셋째', description: '셋' },
    ],
  };

  it('accepts a carousel and keeps only the known fields', async () => {
    const { compose } = await setup();
    const r = await compose({ text: undefined, rcs: { ...carousel, junk: 1 } as never });
    expect(contentOf(r)).toEqual({ kind: 'rcs', rcs: carousel });
  });

  it('names the RCS field that breaks the messagebase rules', async () => {
    const { compose } = await setup();
    const bad = (rcs: unknown) => compose({ text: undefined, rcs } as Record<string, unknown>).then(errorOf);
    const e = (field: string) => ({ field, code: 'ENGINE_ERR_BAD_RCS' });
    expect(await bad({ messagebaseId: 'XX' })).toEqual(e('rcs.messagebaseId'));
    expect(await bad({ ...carousel, cards: carousel.cards.slice(0, 2) })).toEqual(e('rcs.cards'));
    expect(await bad({ ...carousel, cards: [carousel.cards[0], { title: '가'.repeat(31) }, carousel.cards[2]] })).toEqual(e('rcs.cards[1].title'));
    expect(await bad({ ...carousel, cards: [{ title: 't', description: '가'.repeat(61) }, ...carousel.cards.slice(1)] })).toEqual(e('rcs.cards[0].description'));
    expect(await bad({ ...carousel, cards: [{ title: 't', buttons: [{ label: 'a'.repeat(14), url: 'https://x.kr' }] }, ...carousel.cards.slice(1)] })).toEqual(e('rcs.cards[0].buttons[0].label'));
    const three = [1, 2, 3].map((n) => ({ label: `b${n}`, url: 'https://x.kr' }));
    expect(await bad({ ...carousel, cards: [{ title: 't', buttons: three }, ...carousel.cards.slice(1)] })).toEqual(e('rcs.cards[0].buttons'));
    expect(await bad({ ...carousel, cards: [{ title: 't', buttons: [{ label: 'go', url: 'javascript:alert(1)' }] }, ...carousel.cards.slice(1)] })).toEqual(e('rcs.cards[0].buttons[0].url'));
    expect(await bad({ ...carousel, cards: [{}, ...carousel.cards.slice(1)] })).toEqual(e('rcs.cards[0]'));
    expect(await bad({ messagebaseId: 'CMwShS0200', cards: [{ title: 'a' }, { title: 'b' }] })).toEqual(e('rcs.cards[0].media'));
    expect(await bad({ messagebaseId: 'SMwThT00', cards: [{ title: 'a', media: { url: 'maapfile://1', height: 'SHORT_HEIGHT' } }] })).toEqual(e('rcs.cards[0].media.height'));
    expect(await bad({ messagebaseId: 'SS000000', text: '(광고) 세일' })).toEqual(e('rcs.text'));
    expect(await bad({ messagebaseId: 'SS000000', text: 'a'.repeat(101) })).toEqual(e('rcs.text'));
    expect(await bad({ messagebaseId: 'SS000000' })).toEqual(e('rcs.text'));
    expect(await bad({ messagebaseId: 'SS000000', text: 'hi', buttons: [{ label: 'a' }, { label: 'b' }] })).toEqual(e('rcs.buttons'));
    expect(await bad({ ...carousel, text: 'x' })).toEqual(e('rcs.text'));
    expect(await bad('rcs')).toEqual(e('rcs'));
  });

  it('refuses text, a template, media or a subject beside RCS content', async () => {
    const { compose } = await setup();
    const rcs = { messagebaseId: 'SS000000', text: 'hi' };
    expect(errorOf(await compose({ rcs }))).toEqual({ field: 'text', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(errorOf(await compose({ text: undefined, rcs, media: [image()] }))).toEqual({ field: 'media', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(errorOf(await compose({ text: undefined, rcs, subject: 's' }))).toEqual({ field: 'subject', code: 'ENGINE_ERR_BAD_REQUEST' });
  });
});

describe('compose: advertisements', () => {
  const optOut = '080-123-4567';

  it('adds "(광고)" at the start and the free opt-out at the end', async () => {
    const { compose } = await setup();
    const r = await compose({ ad: true, optOut, text: '봄 세일' });
    expect(r).toMatchObject({ ok: true, ad: true, content: { kind: 'sms', text: '(광고)봄 세일\n무료수신거부 080-123-4567' } });
  });

  it('applies the byte limits after decoration: 58 bytes of body still fit an SMS, 59 do not', async () => {
    const { compose } = await setup();
    expect(contentOf(await compose({ ad: true, optOut, text: 'a'.repeat(58) }))).toMatchObject({ kind: 'sms' });
    expect(contentOf(await compose({ ad: true, optOut, text: 'a'.repeat(59) }))).toMatchObject({ kind: 'lms' });
    expect(errorOf(await compose({ ad: true, optOut, type: 'sms', text: 'a'.repeat(59) }))).toEqual({ field: 'text', code: 'ENGINE_ERR_TYPE_MISMATCH' });
    expect(errorOf(await compose({ ad: true, optOut, text: 'a'.repeat(2000 - 32 + 1) }))).toEqual({ field: 'text', code: 'ENGINE_ERR_CONTENT_TOO_LONG' });
  });

  it('does not write the prefix or footer twice', async () => {
    const { compose } = await setup();
    expect(contentOf(await compose({ ad: true, optOut, text: '(광고)세일\n무료수신거부 080-123-4567' }))).toMatchObject({ text: '(광고)세일\n무료수신거부 080-123-4567' });
  });

  it('needs a valid 080 opt-out number', async () => {
    const { compose } = await setup();
    expect(errorOf(await compose({ ad: true }))).toEqual({ field: 'optOut', code: 'ENGINE_ERR_AD_OPT_OUT' });
    expect(errorOf(await compose({ ad: true, optOut: '02-123-4567' }))).toEqual({ field: 'optOut', code: 'ENGINE_ERR_AD_OPT_OUT' });
  });

  it('leaves RCS text alone (the channel marks the ad with header and footer) but still needs the opt-out', async () => {
    const { compose } = await setup();
    const rcs = { messagebaseId: 'SS000000', text: '세일' };
    expect(await compose({ text: undefined, ad: true, optOut, rcs })).toMatchObject({ ok: true, ad: true, content: { kind: 'rcs', rcs } });
    expect(errorOf(await compose({ text: undefined, ad: true, rcs }))).toEqual({ field: 'optOut', code: 'ENGINE_ERR_AD_OPT_OUT' });
  });

  it('decorates an MMS without text', async () => {
    const { compose } = await setup();
    expect(contentOf(await compose({ text: undefined, ad: true, optOut, media: [image()] }))).toMatchObject({ kind: 'mms', text: '(광고)\n무료수신거부 080-123-4567' });
  });
});

describe('compose: templates', () => {
  it('renders an approved template in the asked language', async () => {
    const { compose, approve } = await setup();
    const id = await approve({ name: 'ship', kind: 'sms', bodies: { ko: { text: '{{name}}님 발송 완료' }, en: { text: 'Shipped, {{name}}' } } });
    expect(contentOf(await compose({ text: undefined, template: { id, variables: { name: '김' } } }))).toEqual({ kind: 'sms', text: '김님 발송 완료', encoding: 'euc-kr' });
    expect(contentOf(await compose({ text: undefined, template: { id, variables: { name: 'Kim' }, language: 'en' } }))).toMatchObject({ text: 'Shipped, Kim' });
  });

  it('passes on the template field errors', async () => {
    const { compose, approve, templates } = await setup();
    const id = await approve({ name: 'ship', kind: 'sms', bodies: { ko: { text: '{{name}}님' } } });
    const draft = (await templates.register('acme', { name: 'draft', kind: 'sms', bodies: { ko: { text: 'x' } } })).id;
    const bad = (template: unknown) => compose({ text: undefined, template } as Record<string, unknown>).then(errorOf);
    expect(await bad({ id: 'nope', variables: {} })).toEqual({ field: 'template.id', code: 'ENGINE_ERR_UNKNOWN_TEMPLATE' });
    expect(await bad({ id: 7, variables: {} })).toEqual({ field: 'template.id', code: 'ENGINE_ERR_UNKNOWN_TEMPLATE' });
    expect(await bad({ id: draft, variables: {} })).toEqual({ field: 'template.id', code: 'ENGINE_ERR_TEMPLATE_NOT_APPROVED' });
    expect(await bad({ id, variables: {} })).toEqual({ field: 'template.variables.name', code: 'ENGINE_ERR_TEMPLATE_VARIABLE' });
    expect(await bad({ id, variables: { name: 'a' }, language: 'vi' })).toEqual({ field: 'template.language', code: 'ENGINE_ERR_TEMPLATE_VARIABLE' });
  });

  it('names the template when its rendered text is too long', async () => {
    const { compose, approve } = await setup();
    const id = await approve({ name: 'long', kind: 'lms', bodies: { ko: { text: '{{body}}' } } });
    expect(errorOf(await compose({ text: undefined, template: { id, variables: { body: 'a'.repeat(2001) } } }))).toEqual({ field: 'template', code: 'ENGINE_ERR_CONTENT_TOO_LONG' });
  });

  it('sends an LMS template as LMS even when short, with its subject', async () => {
    const { compose, approve } = await setup();
    const id = await approve({ name: 'notice', kind: 'lms', bodies: { ko: { subject: '{{shop}} 공지', text: '휴무' } } });
    expect(contentOf(await compose({ text: undefined, template: { id, variables: { shop: 'ACME' } } }))).toEqual({ kind: 'lms', subject: 'ACME 공지', text: '휴무' });
  });

  it('decorates an ad template and refuses to send it as information', async () => {
    const { compose, approve } = await setup();
    const id = await approve({ name: 'sale', kind: 'sms', ad: true, bodies: { ko: { text: '{{pct}}% 할인' } } });
    const template = { id, variables: { pct: '30' } };
    expect(errorOf(await compose({ text: undefined, template }))).toEqual({ field: 'ad', code: 'ENGINE_ERR_BAD_REQUEST' });
    expect(await compose({ text: undefined, template, ad: true, optOut: '0801234567' })).toMatchObject({ ok: true, content: { text: '(광고)30% 할인\n무료수신거부 0801234567' } });
  });
});
