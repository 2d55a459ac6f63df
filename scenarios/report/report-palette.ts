// Colours of the report. One colour per meaning, the same in every chart and legend.
import type { GatewayName } from '../../engine/channel.ts';

export const STATE_COLOURS: Record<string, string> = {
  delivered: '#2f9e62',
  failed: '#d64545',
  expired: '#e3a008',
  cancelled: '#8a94a6',
  held: '#9b6bd3',
  accepted: '#7ea6f0',
  routed: '#5b8def',
  submitted: '#3867d6',
};

export const GATEWAY_COLOURS: Record<GatewayName, string> = {
  smsvas: '#3867d6',
  gmmsc: '#14a08c',
  rcs: '#8e5bd6',
  xroshot: '#e07b39',
};

export const REPORT_COLOURS: Record<string, string> = {
  delivered: '#2f9e62',
  undeliverable: '#d64545',
  expired: '#e3a008',
  rejected: '#b0417a',
  unknown: '#8a94a6',
  'not-capable': '#8e5bd6',
};

export const SERIES = { submitted: '#3867d6', delivered: '#2f9e62', fault: '#d64545', accepted: '#2f9e62', timeout: '#6b7280', unavailable: '#374151' };

// Categorical colours for open-ended keys (reject reasons, fallback triggers).
const CATEGORICAL = ['#e07b39', '#d64545', '#b0417a', '#8e5bd6', '#3867d6', '#14a08c', '#e3a008', '#7a5c3e', '#5f6b7a', '#c2185b'];

/** A stable colour for `key` among `keys` (sorted, so the same key gets the same colour in one report). */
export function categoricalColour(key: string, keys: readonly string[]): string {
  const i = [...new Set(keys)].sort().indexOf(key);
  return CATEGORICAL[(i < 0 ? 0 : i) % CATEGORICAL.length];
}

export const INK = { text: '#1f2937', muted: '#6b7280', grid: '#e5e7eb', axis: '#9ca3af', surface: '#ffffff' };
