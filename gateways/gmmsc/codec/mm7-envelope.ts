// The SOAP 1.1 envelope around one MM7 message: the TransactionID header (mustUnderstand) and the body
// element in an MM7 namespace. Parsing is split in two so a relay can answer a bad body in the
// request's own namespace and TransactionID: parseSoapEnvelope() finds those, readMm7Body() the rest.
import { attrByLocalName, readStrictXml, StrictXmlError, type StrictXmlElement as XmlElement, type StrictXmlOptions } from '../../kit/strict-xml-reader.ts';
import { GmmscError } from '../gmmsc-errors.ts';
import { readMm7Body } from './mm7-body-reader.ts';
import { writeMm7Body } from './mm7-body-writer.ts';
import type { Mm7Message } from './mm7-message.ts';
import { DEFAULT_MM7_NAMESPACE, isMm7Namespace, looksLikeMm7Namespace, SOAP_ENV_NS } from './mm7-namespaces.ts';
import { renderXml, type XmlNode } from './xml-writer.ts';

export interface Mm7Envelope {
  /** null: no TransactionID header (a broken peer; a request without one is refused). */
  transactionId: string | null;
  /** The MM7 namespace of the body element (of the RSErrorRsp inside a Fault). */
  namespace: string;
  message: Mm7Message;
}

export interface BuildEnvelopeOptions {
  /** Indent with two spaces (golden files, logs); default compact. */
  pretty?: boolean;
  /** Write env:mustUnderstand="1" on the TransactionID (default true, as TS 23.140 requires). */
  mustUnderstand?: boolean;
}

export function buildMm7Envelope(env: Mm7Envelope, opts: BuildEnvelopeOptions = {}): string {
  const ns = env.namespace;
  const body = writeMm7Body(env.message);
  if (env.message.kind === 'Fault') {
    // The detail element is in the MM7 namespace; the Fault itself is SOAP's.
    const detail = body.children?.find((c): c is XmlNode => typeof c === 'object' && c !== null && c.name === 'detail');
    const inner = detail?.children?.[0] as XmlNode | undefined;
    if (inner) inner.attrs = { xmlns: ns };
  } else body.attrs = { ...body.attrs, xmlns: ns };
  const header: XmlNode | null =
    env.transactionId === null
      ? null
      : {
          name: 'env:Header',
          children: [
            {
              name: 'mm7:TransactionID',
              attrs: { 'xmlns:mm7': ns, 'env:mustUnderstand': opts.mustUnderstand === false ? undefined : '1' },
              children: [env.transactionId],
            },
          ],
        };
  const doc: XmlNode = { name: 'env:Envelope', attrs: { 'xmlns:env': SOAP_ENV_NS }, children: [header, { name: 'env:Body', children: [body] }] };
  return `<?xml version="1.0" encoding="UTF-8"?>${opts.pretty ? '\n' : ''}${renderXml(doc, '', opts.pretty ? '  ' : '')}${opts.pretty ? '\n' : ''}`;
}

export interface SoapEnvelope {
  transactionId: string | null;
  /** Whether the TransactionID header carries mustUnderstand="1". */
  transactionMustUnderstand: boolean;
  /** Other header entries marked mustUnderstand="1" (names as ns#local): SOAP says answer MustUnderstand. */
  unknownMustUnderstand: string[];
  /** Namespace of the body element; for a Fault, of its RSErrorRsp/VASPErrorRsp (else ''). */
  namespace: string;
  body: XmlElement;
}

/** Limits on the SOAP part's XML (defaults: 256 KiB, depth 32, 5000 elements). */
export type SafeXmlLimits = Pick<StrictXmlOptions, 'maxChars' | 'maxDepth' | 'maxElements'>;

/** The kit's strict reader with namespaces; its refusals become 2007, or 2004 (HTTP 413) when over a size limit. */
function readSoapXml(xml: string, limits: SafeXmlLimits | undefined): XmlElement {
  try {
    return readStrictXml(xml, { maxChars: limits?.maxChars, maxDepth: limits?.maxDepth, maxElements: limits?.maxElements, namespaces: true });
  } catch (e) {
    if (!(e instanceof StrictXmlError)) throw e;
    if (e.kind === 'too-large') throw new GmmscError('GMMSC_ERR_TOO_LARGE', e.message, { cause: e });
    const why = e.kind === 'declaration' ? 'DOCTYPE and entity declarations are not accepted' : `not well-formed XML: ${e.message}`;
    throw new GmmscError('GMMSC_ERR_BAD_XML', why, { cause: e });
  }
}

/** Envelope -> TransactionID, namespace and the body element. Throws GmmscError (2007, 4002). */
export function parseSoapEnvelope(xml: string, limits?: SafeXmlLimits): SoapEnvelope {
  const root = readSoapXml(xml, limits);
  if (root.name !== 'Envelope' || root.ns !== SOAP_ENV_NS) {
    throw new GmmscError('GMMSC_ERR_BAD_ENVELOPE', `root element is {${root.ns}}${root.name}, not a SOAP 1.1 Envelope`);
  }
  let header: XmlElement | undefined;
  let bodyEl: XmlElement | undefined;
  for (const c of root.children) {
    if (c.ns !== SOAP_ENV_NS) throw new GmmscError('GMMSC_ERR_BAD_ENVELOPE', `unexpected <${c.name}> in the Envelope`);
    if (c.name === 'Header' && !header && !bodyEl) header = c;
    else if (c.name === 'Body' && !bodyEl) bodyEl = c;
    else throw new GmmscError('GMMSC_ERR_BAD_ENVELOPE', `unexpected or repeated <${c.name}> in the Envelope`);
  }
  if (!bodyEl) throw new GmmscError('GMMSC_ERR_BAD_ENVELOPE', 'the Envelope has no Body');
  if (bodyEl.children.length !== 1) throw new GmmscError('GMMSC_ERR_BAD_ENVELOPE', `the Body must hold one MM7 element, found ${bodyEl.children.length}`);
  const body = bodyEl.children[0];

  let transactionId: string | null = null;
  let transactionMustUnderstand = false;
  const unknownMustUnderstand: string[] = [];
  for (const h of header?.children ?? []) {
    const mu = attrByLocalName(h, 'mustUnderstand');
    if (h.name === 'TransactionID' && (h.ns === '' || looksLikeMm7Namespace(h.ns))) {
      if (transactionId !== null) throw new GmmscError('GMMSC_ERR_BAD_ENVELOPE', 'more than one TransactionID header');
      transactionId = h.text.trim();
      transactionMustUnderstand = mu === '1' || mu === 'true';
    } else if (mu === '1' || mu === 'true') unknownMustUnderstand.push(`${h.ns}#${h.name}`);
  }

  let namespace = body.ns;
  if (body.name === 'Fault' && body.ns === SOAP_ENV_NS) {
    const inner = body.children.find((c) => c.name === 'detail')?.children[0];
    namespace = inner?.ns ?? '';
  }
  return { transactionId, transactionMustUnderstand, unknownMustUnderstand, namespace, body };
}

/** Checks the body's namespace: a known MM7 namespace, else 4002 (an MM7-looking one) or 2007. */
export function checkMm7Namespace(env: SoapEnvelope): void {
  if (env.body.name === 'Fault' && env.body.ns === SOAP_ENV_NS) return;
  if (isMm7Namespace(env.namespace)) return;
  if (looksLikeMm7Namespace(env.namespace)) throw new GmmscError('GMMSC_ERR_BAD_VERSION', `namespace ${env.namespace} is not a supported MM7 schema`);
  throw new GmmscError('GMMSC_ERR_BAD_ENVELOPE', `<${env.body.name}> is in namespace '${env.namespace}', not an MM7 schema namespace`);
}

/** Parses a whole MM7 SOAP document. Throws GmmscError carrying the StatusCode to answer with. */
export function parseMm7Envelope(xml: string, limits?: SafeXmlLimits): Mm7Envelope {
  const env = parseSoapEnvelope(xml, limits);
  checkMm7Namespace(env);
  return { transactionId: env.transactionId, namespace: env.namespace || DEFAULT_MM7_NAMESPACE, message: readMm7Body(env.body) };
}
