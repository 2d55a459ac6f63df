// Hostile MM7 HTTP requests for the GMMSC fuzz tests: valid seeds (text-only and multipart SubmitReq,
// CancelReq), byte-level mutations of them, XML bombs and external entities, broken and huge MIME
// bodies, wrong content types. Everything is drawn from a seeded Rng so a run replays from its seed.
import type { Rng } from '../../gateways/kit/rng.ts';
import { buildMmContent, encodeMm7Http } from '../../gateways/gmmsc/codec/mm7-http.ts';
import type { SubmitReq } from '../../gateways/gmmsc/codec/mm7-message.ts';
import { MM7_NAMESPACES, SOAP_ENV_NS } from '../../gateways/gmmsc/codec/mm7-namespaces.ts';

export interface FuzzRequest {
  kind: string;
  contentType: string | undefined;
  body: Buffer;
}

const NS = MM7_NAMESPACES[MM7_NAMESPACES.length - 1];
// KT numbers (the relay refuses other carriers'): Android, iPhone, switched off, no RCS.
const ON_NET = ['01012340001', '01012340002', '01012340006', '01012340010'];

function jpeg(size: number): Buffer {
  const b = Buffer.alloc(size, 0x42);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
}

function submit(rng: Rng): SubmitReq {
  return {
    kind: 'SubmitReq',
    mm7Version: rng.next() < 0.5 ? '6.8.0' : '5.3.0',
    vaspId: 'fuzz',
    senderAddress: { kind: 'ShortCode', value: '15880000' },
    recipients: { to: [{ kind: 'Number', value: ON_NET[rng.int(0, ON_NET.length - 1)] }], cc: [], bcc: [] },
    deliveryReport: true,
    subject: '퍼징 & <테스트>',
    content: { href: 'cid:mms-content' },
  };
}

/** Well-formed requests the mutations start from. */
export function seedRequest(rng: Rng): FuzzRequest {
  const namespace = MM7_NAMESPACES[rng.int(0, MM7_NAMESPACES.length - 1)];
  const message = submit(rng);
  if (rng.next() < 0.3) {
    const http = encodeMm7Http({ transactionId: `f${rng.int(0, 1e6)}`, namespace, message: { ...message, content: undefined } });
    return { kind: 'seed-text', ...http };
  }
  const content = buildMmContent(
    [
      { contentType: 'application/smil', contentId: 'smil', body: '<smil/>' },
      { contentType: 'text/plain; charset=utf-8', contentId: 'text', body: '본문 '.repeat(rng.int(1, 50)) },
      ...Array.from({ length: rng.int(0, 3) }, (_, i) => ({ contentType: 'image/jpeg', contentId: `i${i}`, transferEncoding: rng.next() < 0.5 ? ('base64' as const) : undefined, body: jpeg(rng.int(16, 4096)) })),
    ],
    { start: 'smil' },
  );
  return { kind: 'seed-mms', ...encodeMm7Http({ transactionId: `f${rng.int(0, 1e6)}`, namespace, message }, { content }) };
}

function mutate(rng: Rng, body: Buffer): Buffer {
  const b = Buffer.from(body);
  const ops = rng.int(1, 8);
  let out = b;
  for (let i = 0; i < ops; i++) {
    const at = rng.int(0, Math.max(0, out.length - 1));
    switch (rng.int(0, 6)) {
      case 0: // flip a byte
        out[at] = rng.int(0, 255);
        break;
      case 1: // truncate
        out = out.subarray(0, at);
        break;
      case 2: // duplicate a slice
        out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + rng.int(1, 200)), out.subarray(at)]);
        break;
      case 3: // delete a slice
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + rng.int(1, 200))]);
        break;
      case 4: // insert markup
        out = Buffer.concat([out.subarray(0, at), Buffer.from(['<', '>', '&', '"', '</x>', '<!--', ']]>', '\r\n--', '--\r\n', '&#0;', '&#x110000;', '<?x?>'][rng.int(0, 11)]), out.subarray(at)]);
        break;
      case 5: // CRLF -> LF somewhere
        out = Buffer.from(out.toString('latin1').replace('\r\n', '\n'), 'latin1');
        break;
      default: // random bytes
        out = Buffer.concat([out.subarray(0, at), Buffer.from(Array.from({ length: rng.int(1, 32) }, () => rng.int(0, 255))), out.subarray(at)]);
    }
  }
  return out;
}

const envelope = (inner: string, prolog = '') =>
  `${prolog}<env:Envelope xmlns:env="${SOAP_ENV_NS}"><env:Header><mm7:TransactionID xmlns:mm7="${NS}" env:mustUnderstand="1">x</mm7:TransactionID></env:Header><env:Body>${inner}</env:Body></env:Envelope>`;

function laughs(levels: number): string {
  let decl = '<!ENTITY lol0 "lol">';
  for (let i = 1; i < levels; i++) decl += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return envelope(`<SubmitReq xmlns="${NS}"><MM7Version>6.8.0</MM7Version><Subject>&lol${levels - 1};</Subject></SubmitReq>`, `<?xml version="1.0"?><!DOCTYPE env:Envelope [${decl}]>`);
}

/** One hostile request of a kind picked by the rng. */
export function hostileRequest(rng: Rng): FuzzRequest {
  const pick = rng.int(0, 13);
  const xml = (s: string, kind: string): FuzzRequest => ({ kind, contentType: 'text/xml; charset=utf-8', body: Buffer.from(s) });
  switch (pick) {
    case 0:
    case 1:
    case 2: {
      const s = seedRequest(rng);
      return { kind: `mutated-${s.kind}`, contentType: s.contentType, body: mutate(rng, s.body) };
    }
    case 3:
      return xml(laughs(rng.int(3, 10)), 'billion-laughs');
    case 4:
      return xml(envelope(`<SubmitReq xmlns="${NS}"><Subject>&xxe;</Subject></SubmitReq>`, `<!DOCTYPE a [<!ENTITY xxe SYSTEM "${rng.next() < 0.5 ? 'file:///etc/passwd' : 'http://127.0.0.1:1/x'}">]>`), 'external-entity');
    case 5:
      return xml('<a>'.repeat(rng.int(40, 5000)) + '</a>'.repeat(rng.int(0, 40)), 'deep-nesting');
    case 6:
      return xml(envelope(`<SubmitReq xmlns="${NS}" ${'a'.repeat(rng.int(1, 200_000))}="1"/>`), 'huge-attribute');
    case 7:
      return xml(envelope(`<SubmitReq xmlns="${NS}">${'<To/>'.repeat(rng.int(100, 20_000))}</SubmitReq>`), 'many-elements');
    case 8: {
      const n = rng.int(20, 3000);
      const parts = Array.from({ length: n }, (_, i) => `--b\r\nContent-ID: <p${i}>\r\n\r\nx\r\n`).join('');
      return { kind: 'many-parts', contentType: 'multipart/related; boundary=b; type="text/xml"', body: Buffer.from(parts + '--b--\r\n') };
    }
    case 9: {
      const size = rng.int(1, 3) * 1024 * 1024;
      return { kind: 'huge-body', contentType: 'multipart/related; boundary=b; type="text/xml"', body: Buffer.alloc(size, rng.next() < 0.5 ? 0x2d : 0x41) };
    }
    case 10: {
      const s = seedRequest(rng);
      const ct = ['application/json', 'text/plain', 'multipart/form-data; boundary=b', 'multipart/related', 'multipart/related; boundary=', 'multipart/related; boundary="unterminated', 'text/xml; charset=x-no-such', '*/*', 'multipart/related; boundary=b; type="application/soap+xml"', undefined][rng.int(0, 9)];
      return { kind: 'wrong-content-type', contentType: ct, body: s.body };
    }
    case 11: {
      const inner = `--c\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n${'@@@@'.repeat(rng.int(1, 1000))}\r\n--c--`;
      const soap = envelope(`<SubmitReq xmlns="${NS}"><MM7Version>6.8.0</MM7Version><Recipients><To><Number>01012340001</Number></To></Recipients><Content href="cid:m"/></SubmitReq>`);
      const body = `--b\r\nContent-Type: text/xml\r\nContent-ID: <s>\r\n\r\n${soap}\r\n--b\r\nContent-Type: multipart/mixed; boundary=c\r\nContent-ID: <m>\r\n\r\n${inner}\r\n--b--\r\n`;
      return { kind: 'bad-base64', contentType: 'multipart/related; boundary=b; type="text/xml"; start="<s>"', body: Buffer.from(body) };
    }
    case 12: {
      const depth = rng.int(2, 50);
      let body = 'leaf';
      for (let i = 0; i < depth; i++) body = `--n${i}\r\nContent-Type: ${i === 0 ? 'text/plain' : `multipart/mixed; boundary=n${i - 1}`}\r\n\r\n${body}\r\n--n${i}--`;
      return { kind: 'nested-multipart', contentType: `multipart/related; boundary=n${depth - 1}`, body: Buffer.from(body) };
    }
    default:
      return { kind: 'random-bytes', contentType: rng.next() < 0.5 ? 'text/xml' : 'multipart/related; boundary=b', body: Buffer.from(Array.from({ length: rng.int(0, 2048) }, () => rng.int(0, 255))) };
  }
}
