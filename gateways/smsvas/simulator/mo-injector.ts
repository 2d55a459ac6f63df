// Mobile-originated messages: a subscriber texts a service number, and the SMSC delivers a
// deliver_sm to the account that owns that number (or the one named).
import { z } from 'zod';
import { chooseDataCoding } from '../codec/data-coding.ts';
import { normalizeMsisdn } from '../../network/normalize-msisdn.ts';
import { SmsvasError } from '../smsvas-errors.ts';
import type { SmscContext } from './smsc-context.ts';

export const moRequestSchema = z
  .object({
    source: z.string().min(1).max(20),
    destination: z.string().min(1).max(20),
    text: z.string().max(2000),
    systemId: z.string().max(15).optional(),
  })
  .strict();
export type MoRequest = z.infer<typeof moRequestSchema>;

export function injectMo(ctx: SmscContext, input: unknown): { systemId: string } {
  const parsed = moRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SmsvasError('SMSVAS_ERR_BAD_MO', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const req = parsed.data;
  const source = normalizeMsisdn(req.source);
  if (!source || !ctx.network.lookup(source)) throw new SmsvasError('SMSVAS_ERR_BAD_MO', `source: ${req.source} is not a subscriber of the network`);
  const destination = req.destination.replace(/[^0-9]/g, '');
  const acct = req.systemId
    ? ctx.accounts.get(req.systemId)
    : [...ctx.accounts.values()].find((a) => a.account.senders.includes(destination));
  if (!acct) throw new SmsvasError('SMSVAS_ERR_NO_RECEIVER', `no account owns service number ${destination}`);
  const { dataCoding, bytes } = chooseDataCoding(req.text);
  const fields: Record<string, unknown> = {
    source_addr_ton: 0,
    source_addr_npi: 1,
    source_addr: source,
    dest_addr_ton: 0,
    dest_addr_npi: 1,
    destination_addr: destination,
    esm_class: 0,
    data_coding: dataCoding,
  };
  if (bytes.length <= 254) fields.short_message = bytes;
  else {
    fields.short_message = Buffer.alloc(0);
    fields.message_payload = bytes;
  }
  if (!acct.queue.enqueue({ kind: 'mo', fields, attempts: 0 })) throw new SmsvasError('SMSVAS_ERR_NO_RECEIVER', 'the account deliver queue is full');
  ctx.stats.inc('mo');
  return { systemId: acct.account.systemId };
}
