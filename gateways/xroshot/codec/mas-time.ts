// MAS timestamps: 14 digits yyyyMMddHHmmss in Korea Standard Time (UTC+9; Korea keeps no DST).
const KST_OFFSET_MS = 9 * 3_600_000;

export function formatMasTime(epochMs: number): string {
  const d = new Date(Math.floor(epochMs) + KST_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** Epoch ms of a MAS timestamp, or null when it is not 14 digits naming a real instant. */
export function parseMasTime(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms - KST_OFFSET_MS;
}
