import { describe, expect, it } from 'vitest';
import { carrierTextBytes } from '../../../../engine/compose/euc-kr-length.ts';
import { mediaFromDataUrl, transformForLeg } from '../../../../engine/compose/transform-content.ts';
import type { RouteLeg } from '../../../../engine/engine-config.ts';
import type { ComposedContent, MediaPart, RcsContentInput } from '../../../../engine/message.ts';

const leg = (transform: RouteLeg['transform'], as: RouteLeg['as'] = 'same'): Pick<RouteLeg, 'as' | 'transform'> => ({ transform, as });
const jpegBase64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]).toString('base64');
const jpegPart: MediaPart = { contentType: 'image/jpeg', name: 'p.jpg', data: jpegBase64 };

const carousel: RcsContentInput = {
  messagebaseId: 'CMwMhM0300',
  cards: [
    { title: '봄 신상품', description: '가벼운 자켓', media: { url: 'maapfile://img-1' }, buttons: [{ label: '구매하기', url: 'https://shop.example/1' }, { label: '관심없음', postback: 'no' }] },
    { title: '여름 준비', description: '린넨 셔츠', media: { url: 'maapfile://img-2' }, buttons: [{ label: '전화', dial: '1588-1234' }] },
    { title: '특가', description: '오늘만' },
  ],
  buttons: [{ label: '전체보기', url: 'https://shop.example' }],
};
const rcs = (r: RcsContentInput): ComposedContent => ({ kind: 'rcs', rcs: r });

const expectedText = [
  '봄 신상품\n가벼운 자켓\n구매하기: https://shop.example/1',
  '여름 준비\n린넨 셔츠\n전화: 1588-1234',
  '특가\n오늘만',
  '전체보기: https://shop.example',
].join('\n\n');

describe('transformForLeg rcs-to-mms', () => {
  it('turns a 3-card carousel into an MMS: first card image, first title as subject, every card and button as text', () => {
    const asked: string[] = [];
    const out = transformForLeg(rcs(carousel), leg('rcs-to-mms'), {
      resolveMedia: (url) => {
        asked.push(url);
        return jpegPart;
      },
    });
    expect(out).toEqual({ kind: 'mms', subject: '봄 신상품', text: expectedText, media: [jpegPart] });
    expect(asked).toEqual(['maapfile://img-1']);
  });

  it('makes an LMS when the card image cannot be resolved', () => {
    expect(transformForLeg(rcs(carousel), leg('rcs-to-mms'), { resolveMedia: () => null })).toEqual({ kind: 'lms', subject: '봄 신상품', text: expectedText });
    expect(transformForLeg(rcs(carousel), leg('rcs-to-mms'))).toMatchObject({ kind: 'lms' });
    const throwing = () => {
      throw new Error('media store down');
    };
    expect(transformForLeg(rcs(carousel), leg('rcs-to-mms'), { resolveMedia: throwing })).toMatchObject({ kind: 'lms' });
  });

  it('makes an LMS when no card has an image', () => {
    const noImage: RcsContentInput = { messagebaseId: 'CMwMhM0200', cards: [{ title: 'a', description: 'b' }, { title: 'c' }] };
    expect(transformForLeg(rcs(noImage), leg('rcs-to-mms'), { resolveMedia: () => jpegPart })).toEqual({ kind: 'lms', subject: 'a', text: 'a\nb\n\nc' });
  });

  it('makes an LMS when the resolved image is not one an MMSC takes', () => {
    const png: MediaPart = { contentType: 'image/png', name: 'p.png', data: Buffer.from('\x89PNG').toString('base64') };
    expect(transformForLeg(rcs(carousel), leg('rcs-to-mms'), { resolveMedia: () => png })).toMatchObject({ kind: 'lms' });
  });

  it('reads a data: URL without a resolver', () => {
    const card: RcsContentInput = { messagebaseId: 'SMwThT00', cards: [{ title: 't', media: { url: `data:image/jpeg;base64,${jpegBase64}` } }] };
    expect(transformForLeg(rcs(card), leg('rcs-to-mms'))).toEqual({ kind: 'mms', subject: 't', text: 't', media: [{ contentType: 'image/jpeg', name: 'image.jpg', data: jpegBase64 }] });
  });

  it('uses the RCS text of a text product as the body', () => {
    expect(transformForLeg(rcs({ messagebaseId: 'SS000000', text: '안내', buttons: [{ label: '웹', url: 'https://a.kr' }] }), leg('rcs-to-mms'))).toEqual({ kind: 'lms', text: '안내\n\n웹: https://a.kr' });
  });

  it('adds the ad prefix and opt-out footer for an ad', () => {
    const out = transformForLeg(rcs(carousel), leg('rcs-to-lms'), { ad: true, optOut: '080-123-4567' });
    expect(out).toEqual({ kind: 'lms', subject: '봄 신상품', text: `(광고)${expectedText}\n무료수신거부 080-123-4567` });
  });
});

describe('transformForLeg limits', () => {
  it('cuts the subject to 40 bytes on a Hangul boundary', () => {
    const title = '가'.repeat(25);
    const out = transformForLeg(rcs({ messagebaseId: 'SL000000', cards: [{ title, description: 'd' }] }), leg('rcs-to-lms'));
    expect(out).toMatchObject({ kind: 'lms', subject: '가'.repeat(20) });
  });

  it('cuts long text on a Hangul boundary with a trailing ellipsis, within 2000 bytes', () => {
    const description = '나'.repeat(1300);
    const cards = [1, 2, 3].map((n) => ({ title: `카드${n}`, description }));
    const out = transformForLeg(rcs({ messagebaseId: 'CMwMhM0300', cards }), leg('rcs-to-lms'));
    if (out.kind !== 'lms') throw new Error(out.kind);
    expect(out.text.endsWith('나…')).toBe(true);
    expect(carrierTextBytes(out.text)).toBeLessThanOrEqual(2000);
    expect(carrierTextBytes(out.text)).toBeGreaterThanOrEqual(1999);
  });

  it('keeps the whole opt-out footer when an ad text is cut', () => {
    const cards = [1, 2, 3].map(() => ({ description: '다'.repeat(1300) }));
    const out = transformForLeg(rcs({ messagebaseId: 'CMwMhM0300', cards }), leg('rcs-to-lms'), { ad: true, optOut: '080-123-4567' });
    if (out.kind !== 'lms') throw new Error(out.kind);
    expect(out.text.startsWith('(광고)다')).toBe(true);
    expect(out.text.endsWith('다…\n무료수신거부 080-123-4567')).toBe(true);
    expect(carrierTextBytes(out.text)).toBeLessThanOrEqual(2000);
  });
});

describe('transformForLeg without a transformation', () => {
  const sms: ComposedContent = { kind: 'sms', text: 'hi', encoding: 'euc-kr' };

  it('returns the content unchanged for the same kind', () => {
    expect(transformForLeg(sms, leg('none'))).toBe(sms);
    expect(transformForLeg(sms, leg('none', 'sms'))).toBe(sms);
    expect(transformForLeg(rcs(carousel), leg('none'))).toEqual(rcs(carousel));
  });

  it('converts sms to lms when the leg sends LMS', () => {
    expect(transformForLeg(sms, leg('none', 'lms'))).toEqual({ kind: 'lms', text: 'hi' });
  });

  it('replaces RCS when the leg names mms or lms', () => {
    expect(transformForLeg(rcs(carousel), leg('none', 'mms'), { resolveMedia: () => jpegPart })).toMatchObject({ kind: 'mms' });
    expect(transformForLeg(rcs(carousel), leg('none', 'lms'))).toMatchObject({ kind: 'lms' });
  });

  it('leaves non-RCS content alone on a replacement leg', () => {
    expect(transformForLeg(sms, leg('rcs-to-mms'))).toBe(sms);
  });
});

describe('mediaFromDataUrl', () => {
  it('reads base64 and percent-encoded data URLs', () => {
    expect(mediaFromDataUrl('data:image/png;base64,AAAA')).toEqual({ contentType: 'image/png', name: 'image.png', data: 'AAAA' });
    expect(mediaFromDataUrl('data:text/plain,hi%20there')).toMatchObject({ contentType: 'text/plain', data: Buffer.from('hi there').toString('base64') });
    expect(mediaFromDataUrl('https://x')).toBeNull();
    expect(mediaFromDataUrl('data:image/png;base64')).toBeNull();
  });
});
