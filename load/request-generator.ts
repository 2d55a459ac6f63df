// Request bodies for a load phase, one fresh body per request: new recipients from the recipient source,
// a content kind drawn from the mix (a batch shares its content, as the API's batch does), and a new
// Idempotency-Key, so no request is ever answered from the engine's idempotency memory. Bodies are
// built as strings: the shared content is serialised once per kind, recipients are appended.
import type { Rng } from '../gateways/kit/rng.ts';
import { CONTENT_KINDS, type ContentKind, type ContentMix, type LoadRequest } from './load-profile-schema.ts';
import type { RecipientSource } from './recipient-source.ts';

export interface GeneratedRequest {
  path: '/v1/messages' | '/v1/messages/batch';
  body: string;
  idempotencyKey: string;
  kind: ContentKind;
  /** Recipients in this request (messages it asks for). */
  messages: number;
}

export interface RequestGenerator {
  next(): GeneratedRequest;
  /** Messages generated so far per content kind. */
  tally(): Record<ContentKind, number>;
}

export interface RequestGeneratorOptions {
  request: LoadRequest;
  recipients: RecipientSource;
  rng: Rng;
  /** Prefix of every Idempotency-Key: unique per run and phase. */
  keyPrefix: string;
}

/** The JPEG markers compose and the MMSC check (SOI, JFIF APP0, EOI), filled to `bytes` with comment segments. */
export function jpegOfSize(bytes: number): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const tail = Buffer.from([0xff, 0xd9]);
  const parts: Buffer[] = [head];
  let left = Math.max(0, bytes - head.length - tail.length);
  while (left >= 4) {
    const payload = Math.min(left - 4, 65_533);
    const seg = Buffer.alloc(4 + payload, 0x20);
    seg.writeUInt16BE(0xfffe, 0);
    seg.writeUInt16BE(payload + 2, 2);
    parts.push(seg);
    left -= seg.length;
  }
  if (left > 0) parts.push(Buffer.alloc(left, 0));
  parts.push(tail);
  return Buffer.concat(parts);
}

/** The content fields of each kind (as the API takes them), before any recipient. */
export function contentFields(kind: ContentKind, from: string, mediaBytes: number): Record<string, unknown> {
  switch (kind) {
    case 'sms':
      return { from, type: 'sms', text: '[msgsim] 인증번호는 482913 입니다.' };
    case 'lms':
      return { from, type: 'lms', subject: '[msgsim] 배송 안내', text: `고객님의 주문 상품이 오늘 배송됩니다. ${'배송 기사님이 도착 전에 연락드립니다. '.repeat(6)}` };
    case 'mms':
      return {
        from,
        type: 'mms',
        subject: '[msgsim] 이벤트 안내',
        text: '이번 달 이벤트 안내 이미지를 보내드립니다.',
        media: [{ contentType: 'image/jpeg', name: 'event.jpg', data: jpegOfSize(mediaBytes).toString('base64') }],
      };
    case 'rcs':
      return { from, type: 'rcs', rcs: { messagebaseId: 'SS000000', text: '[msgsim] 예약이 확정되었습니다.' } };
  }
}

function createMixDraw(mix: ContentMix, rng: Rng): () => ContentKind {
  const kinds = CONTENT_KINDS.filter((k) => (mix[k] ?? 0) > 0);
  const cumulative: number[] = [];
  let total = 0;
  for (const k of kinds) cumulative.push((total += mix[k] ?? 0));
  if (kinds.length === 1) return () => kinds[0];
  return () => {
    const x = rng.next() * total;
    for (let i = 0; i < kinds.length; i++) if (x < cumulative[i]) return kinds[i];
    return kinds[kinds.length - 1];
  };
}

export function createRequestGenerator(opts: RequestGeneratorOptions): RequestGenerator {
  const { request, recipients, keyPrefix } = opts;
  const draw = createMixDraw(request.mix, opts.rng);
  const tally = Object.fromEntries(CONTENT_KINDS.map((k) => [k, 0])) as Record<ContentKind, number>;
  // `{"from":...,"text":...` without its closing brace, per kind, built on first use.
  const heads = new Map<ContentKind, string>();
  const headOf = (kind: ContentKind): string => {
    let h = heads.get(kind);
    if (h === undefined) {
      h = JSON.stringify(contentFields(kind, request.from, request.mediaBytes)).slice(0, -1);
      heads.set(kind, h);
    }
    return h;
  };
  let seq = 0;
  const batch = request.kind === 'batch';
  return {
    next() {
      const kind = draw();
      const n = request.batchSize;
      tally[kind] += n;
      const idempotencyKey = `${keyPrefix}-${seq++}`;
      if (!batch) return { path: '/v1/messages', body: `${headOf(kind)},"to":"${recipients.next()}"}`, idempotencyKey, kind, messages: 1 };
      const parts: string[] = new Array(n);
      for (let i = 0; i < n; i++) parts[i] = `{"to":"${recipients.next()}"}`;
      return { path: '/v1/messages/batch', body: `${headOf(kind)},"recipients":[${parts.join(',')}]}`, idempotencyKey, kind, messages: n };
    },
    tally: () => ({ ...tally }),
  };
}
