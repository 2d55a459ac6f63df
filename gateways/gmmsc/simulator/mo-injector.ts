// Mobile-originated MMS: a subscriber sends to a VASP's service number, and the relay POSTs a
// DeliverReq (with its content as multipart/mixed) to the account that owns that number or the one named.
import { z } from 'zod';
import { KitError } from '../../kit/kit-errors.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import { buildMmContent, encodeMm7Http, type MmContentPart } from '../codec/mm7-http.ts';
import type { DeliverReq } from '../codec/mm7-message.ts';
import { DEFAULT_MM7_NAMESPACE, defaultMm7Version, isMm7Namespace } from '../codec/mm7-namespaces.ts';
import { kstDateTime } from './message-lifecycle.ts';
import type { MmscContext } from './mmsc-context.ts';
import { senderDigits } from './vasp-identity.ts';

export const moRequestSchema = z
  .object({
    /** The subscriber's number. */
    source: z.string().min(1).max(32),
    /** The service number (short code) the subscriber sent to. */
    destination: z.string().min(1).max(32),
    subject: z.string().max(200).optional(),
    text: z.string().max(10_000).optional(),
    /** Images as base64. */
    images: z.array(z.object({ contentType: z.string().default('image/jpeg'), base64: z.string().max(2_000_000) }).strict()).max(10).optional(),
    vaspId: z.string().max(64).optional(),
    linkedId: z.string().max(64).optional(),
    /** MM7 namespace to write the DeliverReq in (default REL-6-MM7-1-4). */
    namespace: z.string().optional(),
  })
  .strict();
export type MoRequest = z.input<typeof moRequestSchema>;

export interface MoResult {
  vaspId: string;
  transactionId: string;
  linkedId: string;
}

/** Throws KitError KIT_ERR_BAD_REQUEST (HTTP 400 on the admin API) for a request that cannot be delivered. */
export function injectMo(ctx: MmscContext, input: unknown): MoResult {
  const parsed = moRequestSchema.safeParse(input);
  const bad = (msg: string) => new KitError('KIT_ERR_BAD_REQUEST', `GMMSC_ERR_BAD_MO: ${msg}`);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const req = parsed.data;
  const source = normalizeMsisdn(req.source);
  if (!source || !ctx.network.lookup(source)) throw bad(`source ${req.source} is not a subscriber of the network`);
  const destination = senderDigits(req.destination);
  if (destination === null) throw bad(`destination ${req.destination} is not a service number`);
  const accounts = [...ctx.accounts.values()].map((a) => a.account);
  const account = req.vaspId ? accounts.find((a) => a.vaspId === req.vaspId) : accounts.find((a) => a.senders.includes(destination));
  if (!account) throw bad(`no VASP owns service number ${destination}`);
  if (!account.callbackUrl) throw bad(`VASP ${account.vaspId} has no callbackUrl`);
  const namespace = req.namespace ?? DEFAULT_MM7_NAMESPACE;
  if (!isMm7Namespace(namespace)) throw bad(`namespace ${namespace} is not an MM7 schema namespace`);

  const parts: MmContentPart[] = [];
  if (req.text) parts.push({ contentType: 'text/plain; charset=utf-8', contentId: 'mo-text', body: req.text });
  (req.images ?? []).forEach((img, i) => parts.push({ contentType: img.contentType, contentId: `mo-image${i + 1}`, transferEncoding: 'base64', body: Buffer.from(img.base64, 'base64') }));
  const linkedId = req.linkedId ?? `MO${ctx.nextMessageId()}`;
  const message: DeliverReq = {
    kind: 'DeliverReq',
    mm7Version: defaultMm7Version(namespace),
    relayServerId: ctx.cfg.relayServerId,
    linkedId,
    sender: { kind: 'Number', value: source },
    recipients: { to: [{ kind: destination.length <= 8 ? 'ShortCode' : 'Number', value: destination }], cc: [], bcc: [] },
    timeStamp: kstDateTime(ctx.clock.now()),
    priority: 'Normal',
    subject: req.subject,
    content: parts.length > 0 ? { href: 'cid:mo-content' } : undefined,
  };
  const transactionId = ctx.nextTransactionId();
  const content = parts.length > 0 ? { ...buildMmContent(parts, { mediaType: 'multipart/mixed' }), contentId: 'mo-content' } : undefined;
  const http = encodeMm7Http({ transactionId, namespace, message }, { content });
  if (!ctx.sender.send({ account, op: 'DeliverReq', expect: 'DeliverRsp', transactionId, http })) throw bad(`the DeliverReq queue of ${account.vaspId} is full`);
  ctx.stats.inc('mo');
  return { vaspId: account.vaspId, transactionId, linkedId };
}
