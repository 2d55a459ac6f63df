// An MM7 message as an HTTP body: plain `text/xml` when there is no MM content, else
// `multipart/related; type="text/xml"; start="<soap-part>"` whose root part is the SOAP envelope and
// whose other part is the MM content (itself multipart/mixed or multipart/related: SMIL, text, images),
// referenced from <Content href="cid:..."> or by Content-Location.
import iconv from 'iconv-lite';
import { GmmscError } from '../gmmsc-errors.ts';
import { formatContentType, parseContentType, stripAngles } from './content-type.ts';
import { buildMm7Envelope, checkMm7Namespace, parseSoapEnvelope, type BuildEnvelopeOptions, type Mm7Envelope, type SoapEnvelope } from './mm7-envelope.ts';
import { readMm7Body } from './mm7-body-reader.ts';
import { DEFAULT_MM7_NAMESPACE } from './mm7-namespaces.ts';
import { buildMultipart, chooseBoundary, parseMultipart, type MimePart, type MultipartLimits } from './mime-multipart.ts';

export interface Mm7HttpBody {
  contentType: string;
  body: Buffer;
}

export interface MmContentPart {
  contentType: string;
  /** With or without angle brackets. */
  contentId?: string;
  contentLocation?: string;
  /** e.g. 'base64' for a 7-bit-safe transport; default binary. */
  transferEncoding?: 'binary' | 'base64';
  body: Uint8Array | string;
}

/** The MM content as one MIME entity: multipart/related (with SMIL as `start`) or multipart/mixed. */
export function buildMmContent(
  parts: readonly MmContentPart[],
  opts: { mediaType?: 'multipart/related' | 'multipart/mixed'; start?: string; type?: string; boundary?: string } = {},
): Mm7HttpBody {
  const mediaType = opts.mediaType ?? (opts.start ? 'multipart/related' : 'multipart/mixed');
  const bodies = parts.map((p) => (p.transferEncoding === 'base64' ? base64Lines(p.body) : p.body));
  const boundary = opts.boundary ?? chooseBoundary('msgsim-mms-content', bodies);
  const body = buildMultipart(
    parts.map((p, i) => ({
      headers: {
        'Content-Type': p.contentType,
        'Content-ID': p.contentId === undefined ? undefined : `<${stripAngles(p.contentId)}>`,
        'Content-Location': p.contentLocation,
        'Content-Transfer-Encoding': p.transferEncoding,
      },
      body: bodies[i],
    })),
    boundary,
    opts.boundary === undefined,
  );
  const params: Record<string, string | undefined> = { boundary };
  if (mediaType === 'multipart/related') {
    params.type = opts.type ?? 'application/smil';
    params.start = opts.start === undefined ? undefined : `<${stripAngles(opts.start)}>`;
  }
  return { contentType: formatContentType(mediaType, params), body };
}

function base64Lines(b: Uint8Array | string): string {
  const s = Buffer.from(typeof b === 'string' ? Buffer.from(b) : b).toString('base64');
  return s.replace(/(.{76})/g, '$1\r\n');
}

export interface EncodeMm7HttpOptions extends BuildEnvelopeOptions {
  /** The MM content entity (see buildMmContent); its Content-ID is `content.contentId` (default 'mms-content'). */
  content?: Mm7HttpBody & { contentId?: string };
  /** Content-ID of the SOAP part (default 'mm7-soap'). */
  soapContentId?: string;
  boundary?: string;
}

/** Envelope (record or ready XML) + optional MM content -> HTTP Content-Type and body. */
export function encodeMm7Http(envelope: Mm7Envelope | string, opts: EncodeMm7HttpOptions = {}): Mm7HttpBody {
  const xml = typeof envelope === 'string' ? envelope : buildMm7Envelope(envelope, opts);
  if (!opts.content) return { contentType: 'text/xml; charset="utf-8"', body: Buffer.from(xml, 'utf8') };
  const soapId = stripAngles(opts.soapContentId ?? 'mm7-soap');
  const contentId = stripAngles(opts.content.contentId ?? 'mms-content');
  const boundary = opts.boundary ?? chooseBoundary('msgsim-mm7', [xml, opts.content.body]);
  const body = buildMultipart(
    [
      { headers: { 'Content-Type': 'text/xml; charset="utf-8"', 'Content-ID': `<${soapId}>` }, body: xml },
      { headers: { 'Content-Type': opts.content.contentType, 'Content-ID': `<${contentId}>` }, body: opts.content.body },
    ],
    boundary,
    opts.boundary === undefined,
  );
  return { contentType: formatContentType('multipart/related', { boundary, type: 'text/xml', start: `<${soapId}>` }), body };
}

export interface Mm7HttpLimits extends MultipartLimits {
  /** Longest SOAP envelope, in characters (default 256 KiB). */
  maxXmlChars?: number;
}

export interface SplitMm7Http {
  xml: string;
  /** The other top-level parts of a multipart/related request (empty for text/xml). */
  attachments: MimePart[];
}

/** HTTP Content-Type + body -> the SOAP XML and the attachments. Throws GmmscError (415 / 2007 / 413). */
export function splitMm7Http(contentType: string | undefined, body: Buffer, limits: Mm7HttpLimits = {}): SplitMm7Http {
  const ct = parseContentType(contentType);
  if (ct.mediaType === 'text/xml') return { xml: decodeText(body, ct.params.charset), attachments: [] };
  if (ct.mediaType !== 'multipart/related') {
    throw new GmmscError('GMMSC_ERR_UNSUPPORTED_MEDIA', `Content-Type ${ct.mediaType}: MM7 takes text/xml or multipart/related`);
  }
  const type: string | undefined = ct.params.type;
  if (type !== undefined && type.toLowerCase() !== 'text/xml') {
    throw new GmmscError('GMMSC_ERR_UNSUPPORTED_MEDIA', `multipart/related type="${type.slice(0, 40)}": the root of an MM7 request is text/xml`);
  }
  // The nested MM content is parsed one level further (its SMIL/text/image parts).
  const parts = parseMultipart(body, ct, { ...limits, maxDepth: (limits.maxDepth ?? 1) + 1 });
  const start = ct.params.start === undefined ? undefined : stripAngles(ct.params.start);
  const rootIndex = start === undefined ? 0 : parts.findIndex((p) => p.contentId === start);
  if (rootIndex < 0) throw new GmmscError('GMMSC_ERR_BAD_MIME', `no part has the start Content-ID <${start}>`);
  const root = parts[rootIndex];
  if (root.contentType.mediaType !== 'text/xml') throw new GmmscError('GMMSC_ERR_UNSUPPORTED_MEDIA', `the root part is ${root.contentType.mediaType}, not text/xml`);
  return { xml: decodeText(root.body, root.contentType.params.charset), attachments: parts.filter((_, i) => i !== rootIndex) };
}

function decodeText(body: Buffer, charset: string | undefined): string {
  const cs = (charset ?? 'utf-8').toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8' || cs === 'us-ascii') return body.toString('utf8');
  if (!iconv.encodingExists(cs)) throw new GmmscError('GMMSC_ERR_BAD_MIME', `charset ${(charset ?? "").slice(0, 30)} is not supported`);
  return iconv.decode(body, cs);
}

/** The part a <Content href> names: `cid:` matches Content-ID (RFC 2392, %-escapes undone), else Content-Location. */
export function findContentPart(href: string, attachments: readonly MimePart[]): MimePart {
  let hit: MimePart | undefined;
  if (href.toLowerCase().startsWith('cid:')) {
    let id = href.slice(4);
    try {
      id = decodeURIComponent(id);
    } catch {
      // a stray '%' is kept as written
    }
    id = stripAngles(id);
    hit = attachments.find((p) => p.contentId === id);
  } else {
    hit = attachments.find((p) => p.contentLocation === href);
  }
  if (!hit) throw new GmmscError('GMMSC_ERR_NO_CONTENT', `Content href="${href.slice(0, 80)}" names no part of the request`);
  return hit;
}

export interface DecodedMm7Http {
  envelope: Mm7Envelope;
  /** The part <Content href> points at, or null when the message has no Content element. */
  content: MimePart | null;
  attachments: MimePart[];
}

/** Splits, parses and checks one MM7 HTTP body. Throws GmmscError with the StatusCode to answer. */
export function decodeMm7Http(contentType: string | undefined, body: Buffer, limits: Mm7HttpLimits = {}): DecodedMm7Http {
  const { xml, attachments } = splitMm7Http(contentType, body, limits);
  const soap: SoapEnvelope = parseSoapEnvelope(xml, { maxChars: limits.maxXmlChars });
  checkMm7Namespace(soap);
  const message = readMm7Body(soap.body);
  const envelope: Mm7Envelope = { transactionId: soap.transactionId, namespace: soap.namespace || DEFAULT_MM7_NAMESPACE, message };
  const href = 'content' in message && message.content ? message.content.href : undefined;
  return { envelope, content: href === undefined ? null : findContentPart(href, attachments), attachments };
}
