// Korean carrier rules for LMS/MMS content: subject <= 40 EUC-KR bytes, text <= 2000 EUC-KR bytes,
// JPEG images only (declared type and the bytes themselves), at most 3, 300 KB each, 800 KB together.
// An MM7 submit without media is an LMS. Every breach is 2004 Multimedia content refused.
import iconv from 'iconv-lite';
import type { MimePart } from '../codec/mime-multipart.ts';
import type { MmscConfig } from './mmsc-config.ts';

export interface ContentVerdict {
  ok: true;
  /** LMS: no media; MMS: at least one image. */
  kind: 'LMS' | 'MMS';
  text: string;
  textBytes: number;
  images: number;
  imageBytes: number;
}

export type ContentCheck = ContentVerdict | { ok: false; details: string };

// EUC-KR is stateless, so a text's length is the sum of its characters' lengths: each non-ASCII
// character is asked of iconv once (encodes and round-trips: its byte length; else null) and remembered.
const EUC_KR_LENGTH = new Map<string, number | null>();

function eucKrCharBytes(ch: string): number | null {
  let n = EUC_KR_LENGTH.get(ch);
  if (n === undefined) {
    const b = iconv.encode(ch, 'euc-kr');
    n = iconv.decode(b, 'euc-kr') === ch ? b.length : null;
    if (EUC_KR_LENGTH.size < 65_536) EUC_KR_LENGTH.set(ch, n);
  }
  return n;
}

/** EUC-KR byte length; characters EUC-KR lacks count 2 (UCS-2) or make the result null. */
export function eucKrBytes(text: string, strict: boolean): number | null {
  let n = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      n++;
      continue;
    }
    const b = eucKrCharBytes(ch);
    if (b !== null) n += b;
    else if (strict) return null;
    else n += 2;
  }
  return n;
}

// What iconv.decode(b, 'utf-8') gives (it strips a BOM), without its per-call decoder setup.
function utf8WithoutBom(b: Buffer): string {
  const t = b.toString('utf8');
  return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}

function leaves(part: MimePart): MimePart[] {
  return part.parts ? part.parts.flatMap(leaves) : [part];
}

const isJpeg = (b: Buffer) => b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

export function checkMmsContent(subject: string | undefined, content: MimePart | null, rules: MmscConfig['mms']): ContentCheck {
  const refuse = (details: string) => ({ ok: false, details }) as const;
  if (subject !== undefined) {
    const n = eucKrBytes(subject, rules.refuseNonEucKr);
    if (n === null) return refuse('subject holds characters EUC-KR cannot represent');
    if (n > rules.subjectMaxBytes) return refuse(`subject is ${n} bytes in EUC-KR (limit ${rules.subjectMaxBytes})`);
  }
  let text = '';
  let images = 0;
  let imageBytes = 0;
  for (const p of content ? leaves(content) : []) {
    const type = p.contentType.mediaType;
    if (type.startsWith('multipart/')) return refuse(`${type} nested deeper than SMIL + media`);
    if (type === 'text/plain') {
      const charset = (p.contentType.params.charset ?? 'utf-8').toLowerCase();
      if (!iconv.encodingExists(charset)) return refuse(`text part charset ${String(p.contentType.params.charset).slice(0, 30)} is unknown`);
      text += charset === 'utf-8' || charset === 'utf8' ? utf8WithoutBom(p.body) : iconv.decode(p.body, charset);
    } else if (type.startsWith('image/')) {
      if (!rules.imageTypes.includes(type)) return refuse(`${type} images are not accepted (only ${rules.imageTypes.join(', ')})`);
      if (type === 'image/jpeg' && !isJpeg(p.body)) return refuse(`image ${p.contentId ?? p.contentLocation ?? ''} is declared JPEG but is not one`);
      images++;
      imageBytes += p.body.length;
      if (images > rules.maxImages) return refuse(`more than ${rules.maxImages} images`);
      if (p.body.length > rules.maxImageBytes) return refuse(`an image of ${p.body.length} bytes is over ${rules.maxImageBytes}`);
      if (imageBytes > rules.maxTotalBytes) return refuse(`images total ${imageBytes} bytes, over ${rules.maxTotalBytes}`);
    } else if (!rules.otherTypes.includes(type)) {
      return refuse(`${type} content is not accepted`);
    }
  }
  const textBytes = eucKrBytes(text, rules.refuseNonEucKr);
  if (textBytes === null) return refuse('text holds characters EUC-KR cannot represent');
  if (textBytes > rules.textMaxBytes) return refuse(`text is ${textBytes} bytes in EUC-KR (limit ${rules.textMaxBytes})`);
  return { ok: true, kind: images > 0 ? 'MMS' : 'LMS', text, textBytes, images, imageBytes };
}
