// MMS media as Korean carriers take it (protocols.md §5.1, NHN's published MMS rule, the one found;
// the GMMSC simulator enforces the same defaults): JPEG images only, at most 3, each at most 300 KB
// and at most 800 KB together, sizes counted on the decoded bytes.
import type { EngineErrorCode } from '../engine-errors.ts';
import type { MediaPart } from '../message.ts';

export const MMS_IMAGE_TYPES: readonly string[] = ['image/jpeg'];
export const MMS_MAX_IMAGES = 3;
export const MMS_MAX_IMAGE_BYTES = 300 * 1024;
export const MMS_MAX_TOTAL_BYTES = 800 * 1024;

export interface MediaProblem {
  /** Relative to the media list: '' (the list), '[1].data', '[0].contentType'. */
  at: string;
  code: EngineErrorCode;
  message: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes a base64 string decodes to, or null when it is not canonical padded base64. */
export function base64DecodedLength(data: string): number | null {
  if (data.length % 4 !== 0 || !BASE64.test(data)) return null;
  const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - pad;
}

/** Media type without parameters, lower case: 'Image/JPEG; name=a' -> 'image/jpeg'. */
export function mediaTypeOf(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

function isJpeg(data: string): boolean {
  // FF D8 FF is "/9j/" in base64.
  return data.startsWith('/9j/');
}

/** Checks an MMS media list; returns the first problem, or null. */
export function checkMedia(media: readonly unknown[]): MediaProblem | null {
  if (media.length > MMS_MAX_IMAGES) return { at: '', code: 'ENGINE_ERR_BAD_MEDIA', message: `an MMS carries at most ${MMS_MAX_IMAGES} images, got ${media.length}` };
  let total = 0;
  for (let i = 0; i < media.length; i++) {
    const part = media[i] as Partial<MediaPart> | null;
    if (part === null || typeof part !== 'object') return { at: `[${i}]`, code: 'ENGINE_ERR_BAD_MEDIA', message: 'a media part is an object with contentType, name and data' };
    if (typeof part.contentType !== 'string' || !MMS_IMAGE_TYPES.includes(mediaTypeOf(part.contentType))) {
      const got = typeof part.contentType === 'string' ? part.contentType.slice(0, 40) : typeof part.contentType;
      return { at: `[${i}].contentType`, code: 'ENGINE_ERR_BAD_MEDIA', message: `MMS images must be ${MMS_IMAGE_TYPES.join(', ')}, got ${got}` };
    }
    if (part.name !== undefined && typeof part.name !== 'string') return { at: `[${i}].name`, code: 'ENGINE_ERR_BAD_MEDIA', message: 'name must be a string' };
    const size = typeof part.data === 'string' ? base64DecodedLength(part.data) : null;
    if (size === null || size === 0) return { at: `[${i}].data`, code: 'ENGINE_ERR_BAD_MEDIA', message: 'data must be non-empty base64' };
    if (size > MMS_MAX_IMAGE_BYTES) return { at: `[${i}].data`, code: 'ENGINE_ERR_BAD_MEDIA', message: `image is ${size} bytes, over ${MMS_MAX_IMAGE_BYTES}` };
    if (!isJpeg(part.data as string)) return { at: `[${i}].data`, code: 'ENGINE_ERR_BAD_MEDIA', message: 'data is declared image/jpeg but is not a JPEG' };
    total += size;
    if (total > MMS_MAX_TOTAL_BYTES) return { at: '', code: 'ENGINE_ERR_BAD_MEDIA', message: `images total ${total} bytes, over ${MMS_MAX_TOTAL_BYTES}` };
  }
  return null;
}
