// The engine's message -> the MM content parts of a SubmitReq: text as text/plain;charset=utf-8, images
// as given, and a SMIL presentation that lays them out one slide per image (text on the first slide).
// Every part carries a Content-ID and a Content-Location so an MMSC that resolves either finds it.
import { GmmscError } from '../gmmsc-errors.ts';

export interface MmsImage {
  data: Uint8Array;
  /** Default image/jpeg (Korean carriers take JPEG only). */
  contentType?: string;
  /** File name shown to the handset, default image<N>.jpg. */
  name?: string;
}

export interface MmsBody {
  text?: string;
  images?: readonly MmsImage[];
  /** true (default when there are images): generate SMIL; false: none; a string: this SMIL document. */
  smil?: boolean | string;
}

export interface MmsPart {
  contentType: string;
  contentId: string;
  contentLocation: string;
  body: Uint8Array;
}

export interface MmsContent {
  parts: MmsPart[];
  /** Content-ID of the SMIL part, for the inner multipart/related `start`; null without SMIL. */
  smilId: string | null;
  bytes: number;
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

function extensionOf(contentType: string): string {
  const sub = contentType.split('/')[1]?.split(';')[0]?.trim().toLowerCase() ?? 'bin';
  return sub === 'jpeg' ? 'jpg' : sub;
}

function buildSmil(textLocation: string | null, imageLocations: string[]): string {
  const slides: string[] = [];
  const count = Math.max(1, imageLocations.length);
  for (let i = 0; i < count; i++) {
    const img = imageLocations[i] ? `<img src="${imageLocations[i]}" region="Image"/>` : '';
    const txt = i === 0 && textLocation ? `<text src="${textLocation}" region="Text"/>` : '';
    slides.push(`<par dur="5000ms">${img}${txt}</par>`);
  }
  return (
    '<smil><head><layout><root-layout width="100%" height="100%"/>' +
    '<region id="Image" left="0" top="0" width="100%" height="70%" fit="meet"/>' +
    '<region id="Text" left="0" top="70%" width="100%" height="30%" fit="scroll"/>' +
    `</layout></head><body>${slides.join('')}</body></smil>`
  );
}

export function buildMmsContent(body: MmsBody): MmsContent {
  const images = body.images ?? [];
  const text = body.text ?? '';
  if (!text && images.length === 0) throw new GmmscError('GMMSC_ERR_BAD_MESSAGE', 'a message needs text or at least one image');
  const parts: MmsPart[] = [];
  const encoder = new TextEncoder();
  let textLocation: string | null = null;
  if (text) {
    textLocation = 'text.txt';
    parts.push({ contentType: 'text/plain; charset="utf-8"', contentId: '<text>', contentLocation: textLocation, body: encoder.encode(text) });
  }
  const imageLocations: string[] = [];
  images.forEach((img, i) => {
    const contentType = img.contentType ?? 'image/jpeg';
    const name = img.name ?? `image${i + 1}.${extensionOf(contentType)}`;
    if (!SAFE_NAME.test(name)) throw new GmmscError('GMMSC_ERR_BAD_MESSAGE', `image name '${name}' must be 1-64 of A-Z a-z 0-9 . _ -`);
    if (imageLocations.includes(name)) throw new GmmscError('GMMSC_ERR_BAD_MESSAGE', `two images are named '${name}'`);
    imageLocations.push(name);
    parts.push({ contentType, contentId: `<image${i + 1}>`, contentLocation: name, body: img.data });
  });
  const wantSmil = body.smil ?? images.length > 0;
  let smilId: string | null = null;
  if (wantSmil !== false) {
    const smil = typeof wantSmil === 'string' ? wantSmil : buildSmil(textLocation, imageLocations);
    smilId = '<smil>';
    parts.unshift({ contentType: 'application/smil', contentId: smilId, contentLocation: 'smil.xml', body: encoder.encode(smil) });
  }
  return { parts, smilId, bytes: parts.reduce((n, p) => n + p.body.byteLength, 0) };
}
