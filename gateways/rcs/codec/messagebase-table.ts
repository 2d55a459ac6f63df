// The Korean common ("free-form") messagebase ids a bulk sender uses, with the limits the carrier
// MaaP-FE enforces. Source: KT RCS relay product list v2.1 and vendor guides (protocols.md §3c).
import type { CARD_WIDTHS, MEDIA_HEIGHTS } from './richcard-schema.ts';

export type RcsProduct = 'sms' | 'lms' | 'mms';
export type MessagebaseKind = 'text' | 'standalone' | 'carousel';

export interface MessagebaseSpec {
  id: string;
  product: RcsProduct;
  kind: MessagebaseKind;
  /** Exactly this many cards (1 for text and standalone). */
  cards: number;
  /** Buttons per card; for text products, chips in suggestedChipList. */
  maxButtons: number;
  /** Characters per title; null: no title (RCS SMS). */
  titleMax: number | null;
  /** Characters per description (or textMessage). */
  descriptionMax: number;
  /** Characters over all descriptions of a carousel. */
  totalDescriptionMax: number;
  buttonLabelMax: number;
  mediaRequired: boolean;
  /** Media height a standalone card or every carousel card must use. */
  mediaHeight: (typeof MEDIA_HEIGHTS)[number] | null;
  cardWidth: (typeof CARD_WIDTHS)[number] | null;
  /** Largest image in pixels (the product's published image size). */
  image: { width: number; height: number } | null;
}

/** Total media per message (RCS Biz Center: 1 MB). */
export const MAX_MEDIA_BYTES = 1024 * 1024;
/** Chips in one suggestedChipList (Samsung MaaP GW 42044). */
export const MAX_CHIPS = 11;
/** Postback data per suggestion (Samsung MaaP GW 42049). */
export const MAX_POSTBACK = 2048;

const text = (id: string, product: RcsProduct, titleMax: number | null, descriptionMax: number, maxButtons: number): MessagebaseSpec => ({
  id,
  product,
  kind: 'text',
  cards: 1,
  maxButtons,
  titleMax,
  descriptionMax,
  totalDescriptionMax: descriptionMax,
  buttonLabelMax: 17,
  mediaRequired: false,
  mediaHeight: null,
  cardWidth: null,
  image: null,
});

const standalone = (id: string, mediaHeight: 'TALL_HEIGHT' | 'MEDIUM_HEIGHT', height: number): MessagebaseSpec => ({
  id,
  product: 'mms',
  kind: 'standalone',
  cards: 1,
  maxButtons: 2,
  titleMax: 30,
  descriptionMax: 1300,
  totalDescriptionMax: 1300,
  buttonLabelMax: 17,
  mediaRequired: true,
  mediaHeight,
  cardWidth: null,
  image: { width: 568, height },
});

function carousels(prefix: 'CMwMhM' | 'CMwShS'): MessagebaseSpec[] {
  const medium = prefix === 'CMwMhM';
  const out: MessagebaseSpec[] = [];
  for (let n = 2; n <= 6; n++) {
    out.push({
      id: `${prefix}0${n}00`,
      product: 'mms',
      kind: 'carousel',
      cards: n,
      maxButtons: 2,
      titleMax: 30,
      descriptionMax: medium ? 60 : 30,
      totalDescriptionMax: 1300,
      buttonLabelMax: medium ? 13 : 5,
      mediaRequired: !medium,
      mediaHeight: medium ? 'MEDIUM_HEIGHT' : 'SHORT_HEIGHT',
      cardWidth: medium ? 'MEDIUM_WIDTH' : 'SMALL_WIDTH',
      image: medium ? { width: 696, height: 504 } : { width: 360, height: 336 },
    });
  }
  return out;
}

export const MESSAGEBASES: ReadonlyMap<string, MessagebaseSpec> = new Map(
  [
    text('SS000000', 'sms', null, 100, 1),
    text('SL000000', 'lms', 30, 1300, 3),
    standalone('SMwThT00', 'TALL_HEIGHT', 528),
    standalone('SMwThM00', 'MEDIUM_HEIGHT', 336),
    ...carousels('CMwMhM'),
    ...carousels('CMwShS'),
  ].map((m) => [m.id, Object.freeze(m)]),
);

export function messagebase(id: string): MessagebaseSpec | undefined {
  return MESSAGEBASES.get(id);
}
