// OAuth2 client-credentials (RFC 6749 §4.4) as the MaaP-FE issues bearer tokens: the request comes as
// a form or as JSON; client_id/client_secret may also come as HTTP Basic credentials.
import { z } from 'zod';

export const TOKEN_PATH = '/oauth2/v1/token';

export const tokenRequestSchema = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().min(1).max(200),
  client_secret: z.string().max(200),
  scope: z.string().optional(),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  /** Seconds until the token stops working. */
  expires_in: z.number().int().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** Form-encoded body for a token request (what the engine's client sends). */
export function encodeTokenForm(clientId: string, clientSecret: string): string {
  return new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString();
}
