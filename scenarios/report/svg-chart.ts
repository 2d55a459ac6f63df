// The pieces every chart of the report shares: a figure with its title and legend, the <svg> frame,
// axis ticks, and the "no data" state. Drawn marks carry class "mark" so they can be told from grid lines.
import { esc, formatCompact } from './report-format.ts';
import { INK } from './report-palette.ts';

export type ChartKind = 'throughput' | 'latency' | 'states' | 'fallbacks' | 'gateways' | 'faults';

export interface LegendItem {
  label: string;
  colour: string;
  /** 'line' for series drawn as lines, 'band' for shaded windows. */
  shape?: 'box' | 'line' | 'band';
}

export interface Figure {
  title: string;
  subtitle?: string;
  legend?: readonly LegendItem[];
  svg: string;
  /** Extra HTML under the chart (e.g. a small table). */
  footer?: string;
  wide?: boolean;
}

export function figure(f: Figure): string {
  const legend = f.legend && f.legend.length > 0 ? `<ul class="legend">${f.legend.map(legendItem).join('')}</ul>` : '';
  const subtitle = f.subtitle ? `<p>${esc(f.subtitle)}</p>` : '';
  return `<figure class="chart${f.wide ? ' wide' : ''}"><figcaption><h4>${esc(f.title)}</h4>${subtitle}</figcaption>${legend}${f.svg}${f.footer ?? ''}</figure>`;
}

function legendItem(item: LegendItem): string {
  return `<li><i class="key ${item.shape ?? 'box'}" style="--c:${esc(item.colour)}"></i>${esc(item.label)}</li>`;
}

/** The chart's <svg>: scales to its box, described for screen readers, tagged for tests. */
export function svgFrame(kind: ChartKind, width: number, height: number, label: string, body: string): string {
  return (
    `<svg class="plot" data-chart="${kind}" data-empty="false" viewBox="0 0 ${width} ${height}" width="100%" ` +
    `preserveAspectRatio="xMidYMid meet" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`
  );
}

/** A chart with nothing to draw still takes its place, so layouts and prints stay aligned. */
export function emptyFrame(kind: ChartKind, width: number, height: number, message: string): string {
  return (
    `<svg class="plot" data-chart="${kind}" data-empty="true" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(message)}" xmlns="http://www.w3.org/2000/svg">` +
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="6" fill="#f9fafb" stroke="${INK.grid}" stroke-dasharray="4 4"/>` +
    `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" dominant-baseline="middle" class="empty">${esc(message)}</text></svg>`
  );
}

/** Round tick values from 0 to at least `max`: steps of 1, 2, 2.5 or 5 x 10^n. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) as number;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/** Horizontal grid lines with labels at the left of a plot area. */
export function yGrid(ticks: readonly number[], y: (v: number) => number, left: number, right: number, format: (v: number) => string = formatCompact): string {
  return ticks
    .map((t) => {
      const yy = round(y(t));
      return `<line x1="${left}" x2="${right}" y1="${yy}" y2="${yy}" stroke="${INK.grid}"/><text x="${left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle" class="tick">${esc(format(t))}</text>`;
    })
    .join('');
}

export function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** A tooltip for a mark (shown on hover by every browser, no script needed). */
export function tip(text: string): string {
  return `<title>${esc(text)}</title>`;
}
