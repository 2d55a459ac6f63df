// RFC 2046 multipart bodies, built and parsed strictly: a valid boundary parameter, CRLF line ends, a
// delimiter only where a line starts with it and it is followed by `--` or end of line, a close
// delimiter required, part headers and bodies bounded. Nested multiparts are parsed to a fixed depth.
import { GmmscError } from '../gmmsc-errors.ts';
import { parseContentType, stripAngles, type ContentType } from './content-type.ts';

export interface MimePart {
  /** Header names lower-cased; a folded header is unfolded. */
  headers: Record<string, string>;
  contentType: ContentType;
  /** Without angle brackets. */
  contentId?: string;
  contentLocation?: string;
  /** Decoded body (base64 and quoted-printable undone). */
  body: Buffer;
  /** For a multipart part: its parts (within the depth limit). */
  parts?: MimePart[];
}

export interface MultipartLimits {
  /** Largest decoded part body (default 1 MiB). */
  maxPartBytes?: number;
  /** Most parts in one multipart, nested ones counted too (default 32). */
  maxParts?: number;
  /** Multipart nesting levels below this one that are parsed into `parts` (default 1). */
  maxDepth?: number;
  /** Largest header block of one part (default 8 KiB). */
  maxHeaderBytes?: number;
}

const HEADER_NAME = /^[!-9;-~]+$/;
const BCHARS = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const CRLF = Buffer.from('\r\n');

export function isValidBoundary(b: string): boolean {
  return BCHARS.test(b);
}

export interface OutgoingPart {
  /** Header name -> value, written in this order. */
  headers: Record<string, string | undefined>;
  body: Uint8Array | string;
}

/**
 * Writes a multipart body. Throws if a body contains the delimiter (choose another boundary);
 * `chosen`: the boundary came from chooseBoundary() over these very bodies, so that scan is not repeated.
 */
export function buildMultipart(parts: readonly OutgoingPart[], boundary: string, chosen = false): Buffer {
  if (!isValidBoundary(boundary)) throw new GmmscError('GMMSC_ERR_ENCODE', `'${boundary}' is not a valid MIME boundary`);
  const dash = `--${boundary}`;
  const delimiter = Buffer.from(dash);
  const chunks: Buffer[] = [];
  // Each part's CRLF, delimiter and headers go out as one string: fewer small Buffers to allocate and concat.
  let head = '';
  for (const p of parts) {
    if (!chosen && (typeof p.body === 'string' ? p.body.includes(dash) : asBuffer(p.body).includes(delimiter))) {
      throw new GmmscError('GMMSC_ERR_ENCODE', `a part body contains the boundary '${boundary}'`);
    }
    head += `${dash}\r\n`;
    for (const k in p.headers) {
      const v = p.headers[k];
      if (v !== undefined) head += `${k}: ${v}\r\n`;
    }
    head += '\r\n';
    // Headers are written latin1, a string body UTF-8.
    chunks.push(Buffer.from(head, 'latin1'), typeof p.body === 'string' ? Buffer.from(p.body, 'utf8') : asBuffer(p.body));
    head = '\r\n';
  }
  head += `${dash}--\r\n`;
  chunks.push(Buffer.from(head, 'latin1'));
  return Buffer.concat(chunks);
}

// A view, not a copy: bodies may be 100 KB images.
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** A boundary that occurs in none of the bodies: `base`, or `base` with a counter. */
export function chooseBoundary(base: string, bodies: ReadonlyArray<Uint8Array | string>): string {
  for (let i = 0; ; i++) {
    const b = i === 0 ? base : `${base}-${i}`;
    // An ASCII delimiter occurs in UTF-8 bytes exactly where it occurs in the string.
    const dash = `--${b}`;
    const d = Buffer.from(dash);
    if (bodies.every((x) => (typeof x === 'string' ? !x.includes(dash) : !asBuffer(x).includes(d)))) return b;
  }
}

/** Parses a multipart body whose Content-Type is `ct` (must carry a valid boundary). */
export function parseMultipart(body: Buffer, ct: ContentType, limits: MultipartLimits = {}): MimePart[] {
  const budget = { parts: limits.maxParts ?? 32 };
  return parseLevel(body, ct, limits, budget, limits.maxDepth ?? 1);
}

function parseLevel(body: Buffer, ct: ContentType, limits: MultipartLimits, budget: { parts: number }, depth: number): MimePart[] {
  if (!ct.mediaType.startsWith('multipart/')) throw new GmmscError('GMMSC_ERR_BAD_MIME', `${ct.mediaType} is not multipart`);
  const boundary = ct.params.boundary;
  if (boundary === undefined) throw new GmmscError('GMMSC_ERR_BAD_MIME', `${ct.mediaType} without a boundary parameter`);
  if (!isValidBoundary(boundary)) throw new GmmscError('GMMSC_ERR_BAD_MIME', 'the boundary must be 1-70 characters of the RFC 2046 set, not ending in a space');
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.concat([CRLF, dashBoundary]);

  // The first delimiter may open the body or follow a preamble that ends in CRLF.
  let at = body.subarray(0, dashBoundary.length).equals(dashBoundary) ? 0 : body.indexOf(delimiter);
  if (at < 0) throw new GmmscError('GMMSC_ERR_BAD_MIME', `the boundary '${boundary}' does not occur in the body`);
  at += at === 0 && body[0] === 0x2d ? dashBoundary.length : delimiter.length;

  const parts: MimePart[] = [];
  for (;;) {
    // After a delimiter: `--` closes; otherwise optional transport padding, then CRLF.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) {
      if (parts.length === 0) throw new GmmscError('GMMSC_ERR_BAD_MIME', 'a multipart needs at least one part');
      return parts;
    }
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new GmmscError('GMMSC_ERR_BAD_MIME', 'a boundary delimiter must be followed by CRLF or --');
    at += 2;
    const next = body.indexOf(delimiter, at);
    if (next < 0) throw new GmmscError('GMMSC_ERR_BAD_MIME', `no close delimiter --${boundary}--`);
    if (--budget.parts < 0) throw new GmmscError('GMMSC_ERR_TOO_LARGE', `more than ${limits.maxParts ?? 32} MIME parts`);
    parts.push(parsePart(body.subarray(at, next), limits, budget, depth));
    at = next + delimiter.length;
  }
}

function parsePart(raw: Buffer, limits: MultipartLimits, budget: { parts: number }, depth: number): MimePart {
  const maxHeader = limits.maxHeaderBytes ?? 8192;
  let headerEnd: number;
  let bodyStart: number;
  if (raw[0] === 0x0d && raw[1] === 0x0a) {
    headerEnd = 0;
    bodyStart = 2;
  } else {
    const sep = raw.indexOf('\r\n\r\n');
    if (sep < 0 || sep > maxHeader) throw new GmmscError(sep < 0 ? 'GMMSC_ERR_BAD_MIME' : 'GMMSC_ERR_TOO_LARGE', sep < 0 ? 'a MIME part has no blank line after its headers' : `MIME part headers over ${maxHeader} bytes`);
    headerEnd = sep;
    bodyStart = sep + 4;
  }
  const headers = parseHeaders(raw.subarray(0, headerEnd).toString('latin1'));
  // RFC 2045: a part without Content-Type is text/plain; charset=us-ascii.
  const contentType = parseContentType(headers['content-type'] ?? 'text/plain; charset=us-ascii');
  const encoded = raw.subarray(bodyStart);
  const body = decodeTransfer(encoded, (headers['content-transfer-encoding'] ?? '7bit').trim().toLowerCase());
  const maxPart = limits.maxPartBytes ?? 1024 * 1024;
  if (body.length > maxPart) throw new GmmscError('GMMSC_ERR_TOO_LARGE', `a MIME part of ${body.length} bytes is over the ${maxPart}-byte limit`);
  const part: MimePart = { headers, contentType, body };
  if (headers['content-id'] !== undefined) part.contentId = stripAngles(headers['content-id']);
  if (headers['content-location'] !== undefined) part.contentLocation = headers['content-location'].trim();
  if (contentType.mediaType.startsWith('multipart/') && depth > 0) part.parts = parseLevel(body, contentType, limits, budget, depth - 1);
  return part;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (block === '') return headers;
  const lines = block.split('\r\n');
  let last: string | null = null;
  for (const line of lines) {
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (last === null) throw new GmmscError('GMMSC_ERR_BAD_MIME', 'a MIME part header block starts with a continuation line');
      headers[last] += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon <= 0 ? '' : line.slice(0, colon).trim().toLowerCase();
    if (!HEADER_NAME.test(name)) throw new GmmscError('GMMSC_ERR_BAD_MIME', `bad MIME part header line '${line.slice(0, 40)}'`);
    if (name in headers && (name.startsWith('content-'))) throw new GmmscError('GMMSC_ERR_BAD_MIME', `MIME part header ${name} given twice`);
    headers[name] = line.slice(colon + 1).trim();
    last = name;
  }
  return headers;
}

function decodeTransfer(raw: Buffer, encoding: string): Buffer {
  switch (encoding) {
    case '7bit':
    case '8bit':
    case 'binary':
      return raw;
    case 'base64': {
      const text = raw.toString('latin1').replace(/[\r\n\t ]+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw new GmmscError('GMMSC_ERR_BAD_MIME', 'a base64 part holds characters outside the base64 alphabet');
      return Buffer.from(text, 'base64');
    }
    case 'quoted-printable': {
      const text = raw.toString('latin1').replace(/=\r\n/g, '');
      const out: number[] = [];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '=') {
          const hex = text.slice(i + 1, i + 3);
          if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new GmmscError('GMMSC_ERR_BAD_MIME', 'bad quoted-printable escape');
          out.push(parseInt(hex, 16));
          i += 2;
        } else out.push(text.charCodeAt(i));
      }
      return Buffer.from(out);
    }
    default:
      throw new GmmscError('GMMSC_ERR_BAD_MIME', `Content-Transfer-Encoding '${encoding.slice(0, 30)}' is not supported`);
  }
}
