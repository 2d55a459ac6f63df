// The one JSON error body every 4xx/5xx of the RCS gateway carries, from the OAuth2 token endpoint to
// the MaaP routes, so a client needs a single parser: { error: { code, status, name, message } }.
import { z } from 'zod';
import type { RcsResultCode } from './rcs-result-codes.ts';

export const errorBodySchema = z.object({
  error: z.object({
    /** MaaP result code (5xxxx MaaP-FE, 4xxxx Samsung MaaP GW). */
    code: z.number().int(),
    /** The HTTP status the body travelled with. */
    status: z.number().int().min(400).max(599),
    name: z.string(),
    /** Human-readable detail: names the offending field and limit. */
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(result: RcsResultCode, message?: string, status?: number): ErrorBody {
  return { error: { code: result.code, status: status ?? result.http ?? 400, name: result.name, message: message ?? result.name } };
}
