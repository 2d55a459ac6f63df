// Renders what the relay answers: a response or a SOAP Fault with RSErrorRsp, in the request's
// namespace and MM7Version with its TransactionID echoed, unless a quirk says to get that wrong.
import { buildMm7Envelope } from '../codec/mm7-envelope.ts';
import type { Mm7Message } from '../codec/mm7-message.ts';
import { DEFAULT_MM7_NAMESPACE, MM7_NAMESPACES, defaultMm7Version } from '../codec/mm7-namespaces.ts';
import { faultCodeFor, statusText } from '../codec/mm7-status.ts';
import type { MmscConfig } from './mmsc-config.ts';

/** What is known of the request when answering (all may be missing for a request that did not parse). */
export interface RequestFrame {
  namespace: string | null;
  mm7Version: string | null;
  transactionId: string | null;
}

export interface RenderedAnswer {
  httpStatus: number;
  contentType: string;
  body: string;
}

const XML = 'text/xml; charset="utf-8"';

export function renderMessage(quirks: MmscConfig['quirks'], frame: RequestFrame, message: Mm7Message, httpStatus = 200): RenderedAnswer {
  let namespace = frame.namespace ?? DEFAULT_MM7_NAMESPACE;
  if (quirks.namespace === 'wrong') namespace = MM7_NAMESPACES.find((n) => n !== namespace) as string;
  let transactionId = frame.transactionId;
  if (quirks.transactionId === 'omit') transactionId = null;
  else if (quirks.transactionId === 'altered' && transactionId !== null) transactionId = `${transactionId}-1`;
  return { httpStatus, contentType: XML, body: buildMm7Envelope({ transactionId, namespace, message }) };
}

export function renderFault(
  quirks: MmscConfig['quirks'],
  frame: RequestFrame,
  fault: { status: number; text?: string; details?: string; faultCode?: string },
  httpStatus = 500,
): RenderedAnswer {
  const mm7Version = frame.mm7Version ?? defaultMm7Version(frame.namespace ?? DEFAULT_MM7_NAMESPACE);
  const text = fault.text ?? statusText(fault.status);
  return renderMessage(
    quirks,
    frame,
    {
      kind: 'Fault',
      faultCode: fault.faultCode ?? faultCodeFor(fault.status),
      faultString: text,
      detail: quirks.faultDetail === 'none' ? null : { kind: 'RSErrorRsp', mm7Version, status: { code: fault.status, text, details: fault.details } },
    },
    httpStatus,
  );
}

/** A response cut short: what the `corrupt` behaviour fault sends. */
export function corrupt(answer: RenderedAnswer): RenderedAnswer {
  return { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) };
}
