// GET /rcs/bot/v1/{botId}/contactCapabilities?userContact=...: 200 with the features the handset's
// RCS client supports, or 404 with result code 41200 (non-RCS user) in the error body.
import { z } from 'zod';

/** Features an RCS-capable handset reports (FNW.11 chatbot feature tags, Korean rich cards). */
export const RCS_FEATURES = ['chatBotCommunication', 'richcardStandalone', 'richcardCarousel', 'suggestedReplies', 'suggestedActions', 'fileTransfer', 'geolocationPush'] as const;
export type RcsFeature = (typeof RCS_FEATURES)[number];

export const capabilityResponseSchema = z.object({
  userContact: z.string(),
  capabilities: z.array(z.string()),
});
export type CapabilityResponse = z.infer<typeof capabilityResponseSchema>;
