// Rich cards (FNW.11 generalPurposeCard / generalPurposeCardCarousel). Korea sends media as
// `maapfile://{fileId}` after an upload; imageWidth/imageHeight (pixels) are this simulator's
// extension so per-product image limits can be checked without fetching the file.
import { z } from 'zod';
import { suggestionSchema } from './suggestion-schema.ts';

export const MEDIA_HEIGHTS = ['SHORT_HEIGHT', 'MEDIUM_HEIGHT', 'TALL_HEIGHT'] as const;
export const CARD_WIDTHS = ['SMALL_WIDTH', 'MEDIUM_WIDTH'] as const;
export const CARD_ORIENTATIONS = ['VERTICAL', 'HORIZONTAL'] as const;

export const mediaSchema = z.object({
  mediaUrl: z.string().min(1),
  mediaContentType: z.string().min(1),
  /** Bytes. */
  mediaFileSize: z.number().int().nonnegative(),
  thumbnailUrl: z.string().optional(),
  thumbnailContentType: z.string().optional(),
  thumbnailFileSize: z.number().int().nonnegative().optional(),
  height: z.enum(MEDIA_HEIGHTS),
  contentDescription: z.string().optional(),
  imageWidth: z.number().int().positive().optional(),
  imageHeight: z.number().int().positive().optional(),
});
export type Media = z.infer<typeof mediaSchema>;

export const cardContentSchema = z.object({
  media: mediaSchema.optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  suggestions: z.array(suggestionSchema).optional(),
});
export type CardContent = z.infer<typeof cardContentSchema>;

export const generalPurposeCardSchema = z.object({
  layout: z.object({ cardOrientation: z.enum(CARD_ORIENTATIONS), imageAlignment: z.enum(['LEFT', 'RIGHT']).optional() }),
  content: cardContentSchema,
});
export type GeneralPurposeCard = z.infer<typeof generalPurposeCardSchema>;

export const generalPurposeCardCarouselSchema = z.object({
  layout: z.object({ cardWidth: z.enum(CARD_WIDTHS) }),
  content: z.array(cardContentSchema),
});
export type GeneralPurposeCardCarousel = z.infer<typeof generalPurposeCardCarouselSchema>;

export const richcardMessageSchema = z.object({
  message: z
    .object({ generalPurposeCard: generalPurposeCardSchema.optional(), generalPurposeCardCarousel: generalPurposeCardCarouselSchema.optional() })
    .refine((m) => (m.generalPurposeCard === undefined) !== (m.generalPurposeCardCarousel === undefined), {
      message: 'a richcardMessage holds exactly one of generalPurposeCard or generalPurposeCardCarousel',
    }),
});
export type RichcardMessage = z.infer<typeof richcardMessageSchema>;
