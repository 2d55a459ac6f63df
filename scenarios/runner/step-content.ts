// What a traffic step sends, as the engine API's message fields: a step's own content (media given by
// size become synthetic JPEG bytes), or generated content for a stream's content mix. The engine
// judges the content; nothing is validated here beyond turning the scenario's shape into the API's.
import type { ContentKind } from '../../engine/message.ts';
import type { BatchStep, ScheduledStep, SendStep } from '../scenario-traffic-schema.ts';

/** The message fields of POST /v1/messages and /v1/messages/batch (recipients aside). */
export interface ApiContent {
  from: string;
  type?: ContentKind;
  text?: string;
  subject?: string;
  template?: { id: string; variables?: Record<string, string>; language?: string };
  media?: Array<{ contentType: string; name: string; data: string }>;
  rcs?: SendStep['rcs'];
  ad: boolean;
  optOut?: string;
  kind: 'realtime' | 'scheduled';
  sendAt?: string;
  clientRef?: string;
}

/** Opt-out number used for generated ad content (registered in the default simulator configs). */
export const GENERATED_OPT_OUT = '0801234567';
/** Size of the image in generated MMS content. */
export const GENERATED_IMAGE_BYTES = 4096;

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif' };

/** `bytes` of a well-formed-looking JPEG (SOI, APP0, zero fill, EOI), base64. */
export function syntheticJpeg(bytes: number): string {
  const n = Math.max(8, Math.floor(bytes));
  const buf = Buffer.alloc(n);
  buf.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46].slice(0, Math.max(0, n - 2)));
  buf[n - 2] = 0xff;
  buf[n - 1] = 0xd9;
  return buf.toString('base64');
}

/** Synthetic bytes of a content type: a JPEG for image/jpeg, zeros otherwise. */
function syntheticBytes(contentType: string, size: number): string {
  return contentType.toLowerCase().startsWith('image/jpeg') ? syntheticJpeg(size) : Buffer.alloc(size).toString('base64');
}

export function stepContent(step: SendStep | BatchStep | ScheduledStep, simulatedStart: number): ApiContent {
  const out: ApiContent = { from: step.from, ad: step.ad, kind: step.kind === 'scheduled' ? 'scheduled' : (step.priority ?? 'realtime') };
  if (step.type !== undefined) out.type = step.type;
  if (step.text !== undefined) out.text = step.text;
  if (step.subject !== undefined) out.subject = step.subject;
  if (step.template !== undefined) {
    out.template = { id: step.template.id, variables: step.template.variables, ...(step.template.language !== undefined ? { language: step.template.language } : {}) };
  }
  if (step.media !== undefined) {
    out.media = step.media.map((m, i) => ({
      contentType: m.contentType,
      name: m.name ?? `media-${i + 1}.${EXTENSION[m.contentType.toLowerCase()] ?? 'bin'}`,
      data: m.data ?? syntheticBytes(m.contentType, m.size ?? 0),
    }));
  }
  if (step.rcs !== undefined) out.rcs = step.rcs;
  if (step.optOut !== undefined) out.optOut = step.optOut;
  if (step.clientRef !== undefined) out.clientRef = step.clientRef;
  if (step.kind === 'scheduled') out.sendAt = new Date(simulatedStart + step.sendAt).toISOString();
  return out;
}

/** Content of one kind for a stream's content mix; short enough that an ad's prefix and footer still fit the kind. */
export function generatedContent(kind: ContentKind, ad: boolean, from: string): ApiContent {
  const base = { from, ad, kind: 'realtime' as const, ...(ad ? { optOut: GENERATED_OPT_OUT } : {}) };
  switch (kind) {
    case 'sms':
      return { ...base, text: ad ? '이번 주 특가 안내' : '주문하신 상품이 발송되었습니다' };
    case 'lms':
      return {
        ...base,
        subject: ad ? '이번 주 특가' : '배송 안내',
        text: '주문하신 상품이 오늘 발송되었습니다. 배송 조회는 앱의 주문 내역에서 하실 수 있습니다. 문의는 고객센터로 연락 주십시오. 감사합니다.',
      };
    case 'mms':
      return { ...base, subject: '상품 안내', text: '새 상품을 소개합니다.', media: [{ contentType: 'image/jpeg', name: 'product.jpg', data: syntheticJpeg(GENERATED_IMAGE_BYTES) }] };
    case 'rcs':
      return { ...base, rcs: { messagebaseId: 'SS000000', text: ad ? '이번 주 특가를 확인하세요' : '주문하신 상품이 발송되었습니다' } };
  }
}
