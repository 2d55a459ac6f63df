// RFC 2045 Content-Type values: `type/subtype; name=value; name="quoted value"`. Parsing is strict:
// a bad token, an unterminated quote or a repeated parameter makes the header invalid.
import { GmmscError } from '../gmmsc-errors.ts';

export interface ContentType {
  /** `type/subtype`, lower-cased. */
  mediaType: string;
  /** Parameter names lower-cased; values as written (quotes removed). */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Unquoted parameter values: a token, plus '/' because VASPs write type=text/xml unquoted.
const LOOSE_VALUE = /^[!#$%&'*+./^_`|~0-9A-Za-z-]+$/;

const isBlank = (c: number) => c === 32 || c === 9;

export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined || value.trim() === '') throw new GmmscError('GMMSC_ERR_UNSUPPORTED_MEDIA', 'no Content-Type');
  if (value.length > 1024) throw new GmmscError('GMMSC_ERR_BAD_MIME', 'Content-Type longer than 1024 characters');
  let i = value.indexOf(';');
  if (i < 0) i = value.length;
  const mediaType = value.slice(0, i).trim().toLowerCase();
  const slash = mediaType.indexOf('/');
  if (slash <= 0 || !TOKEN.test(mediaType.slice(0, slash)) || !TOKEN.test(mediaType.slice(slash + 1))) {
    throw new GmmscError('GMMSC_ERR_BAD_MIME', `'${value.slice(0, 60)}' is not a type/subtype`);
  }
  const params: Record<string, string> = {};
  let pos = i;
  while (pos < value.length) {
    // At ';': skip it and whitespace, then read name=value.
    pos++;
    while (pos < value.length && isBlank(value.charCodeAt(pos))) pos++;
    if (pos >= value.length) break; // a trailing ';' is tolerated
    const eq = value.indexOf('=', pos);
    if (eq < 0) throw new GmmscError('GMMSC_ERR_BAD_MIME', `Content-Type parameter without '=' in '${value.slice(0, 60)}'`);
    const name = value.slice(pos, eq).trim().toLowerCase();
    if (!TOKEN.test(name)) throw new GmmscError('GMMSC_ERR_BAD_MIME', `bad Content-Type parameter name '${name.slice(0, 30)}'`);
    pos = eq + 1;
    while (pos < value.length && isBlank(value.charCodeAt(pos))) pos++;
    let v = '';
    if (value[pos] === '"') {
      pos++;
      let closed = false;
      while (pos < value.length) {
        const c = value[pos++];
        if (c === '\\' && pos < value.length) v += value[pos++];
        else if (c === '"') {
          closed = true;
          break;
        } else v += c;
      }
      if (!closed) throw new GmmscError('GMMSC_ERR_BAD_MIME', `unterminated quoted value of ${name}`);
      while (pos < value.length && isBlank(value.charCodeAt(pos))) pos++;
      if (pos < value.length && value[pos] !== ';') throw new GmmscError('GMMSC_ERR_BAD_MIME', `text after the quoted value of ${name}`);
    } else {
      const end = value.indexOf(';', pos);
      v = value.slice(pos, end < 0 ? value.length : end).trim();
      pos = end < 0 ? value.length : end;
      if (!LOOSE_VALUE.test(v)) throw new GmmscError('GMMSC_ERR_BAD_MIME', `value of ${name} must be a token or a quoted string`);
    }
    if (name in params) throw new GmmscError('GMMSC_ERR_BAD_MIME', `Content-Type parameter ${name} given twice`);
    params[name] = v;
  }
  return { mediaType, params };
}

export function formatContentType(mediaType: string, params: Record<string, string | undefined> = {}): string {
  let out = mediaType;
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    out += TOKEN.test(v) ? `; ${k}=${v}` : `; ${k}="${v.replace(/["\\]/g, (c) => '\\' + c)}"`;
  }
  return out;
}

/** `<abc>` -> `abc`; a Content-ID or a `start` parameter compares without its angle brackets. */
export function stripAngles(id: string): string {
  const t = id.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1).trim() : t;
}
