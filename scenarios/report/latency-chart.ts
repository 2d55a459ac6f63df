// Intake -> final state latency, one histogram per channel: log-spaced bins drawn with equal widths
// (a log axis, as latencies span ms to hours), with p50/p95/p99 marked.
import type { LatencySummary } from './scenario-result.ts';
import { esc, formatCount, formatMs } from './report-format.ts';
import { GATEWAY_COLOURS, INK } from './report-palette.ts';
import { emptyFrame, figure, niceTicks, round, svgFrame, tip, yGrid } from './svg-chart.ts';

const W = 540;
const H = 230;
const M = { left: 48, right: 18, top: 40, bottom: 30 };
const MARKERS = [
  { key: 'p50', colour: '#1f2937' },
  { key: 'p95', colour: '#b45309' },
  { key: 'p99', colour: '#b91c1c' },
] as const;

/** Where `value` falls along equal-width bins, as a fraction of the axis (log-interpolated within its bin). */
export function binPosition(histogram: LatencySummary['histogram'], value: number): number {
  const n = histogram.length;
  if (n === 0) return 0;
  for (let i = 0; i < n; i++) {
    const b = histogram[i];
    if (value >= b.to) continue;
    if (value <= b.from) return i / n;
    const within = b.from > 0 ? Math.log(value / b.from) / Math.log(b.to / b.from) : (value - b.from) / (b.to - b.from);
    return (i + within) / n;
  }
  return 1;
}

/** Axis labels at powers of ten: '1 ms', '100 ms', '10 s', '1000 s'. */
function axisMs(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 1_000_000) return `${ms / 1000} s`;
  return `${Math.round(ms / 3_600_000 * 10) / 10} h`;
}

export function latencyChart(summary: LatencySummary): string {
  const name = summary.channel === 'all' ? 'all channels' : summary.channel;
  const title = `Latency: ${name}`;
  const colour = summary.channel === 'all' ? '#475569' : GATEWAY_COLOURS[summary.channel];
  if (summary.count === 0 || summary.histogram.length === 0) {
    return figure({ title, subtitle: 'Intake -> final state', svg: emptyFrame('latency', W, H, 'No message reached a final state') });
  }
  const n = summary.histogram.length;
  const plotW = W - M.left - M.right;
  const binW = plotW / n;
  const peak = Math.max(...summary.histogram.map((b) => b.count));
  const ticks = niceTicks(peak, 3);
  const top = ticks[ticks.length - 1];
  const y = (v: number): number => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  const base = y(0);

  const bars = summary.histogram
    .map((b, i) => {
      if (b.count === 0) return '';
      const yy = y(b.count);
      const share = ((100 * b.count) / summary.count).toFixed(1);
      return `<rect class="mark" x="${round(M.left + i * binW + 1)}" y="${round(yy)}" width="${round(Math.max(1, binW - 2))}" height="${round(Math.max(1, base - yy))}" rx="1.5" fill="${colour}" fill-opacity="0.85">${tip(`${formatMs(b.from)} – ${formatMs(b.to)}: ${formatCount(b.count)} (${share}%)`)}</rect>`;
    })
    .join('');

  // Short labels; a marker close to the previous one moves its label down a row so none overlap.
  let lastX = -Infinity;
  let row = 0;
  const markers = MARKERS.map((m) => {
    const v = summary[m.key];
    if (v === null) return '';
    const xx = round(M.left + binPosition(summary.histogram, v) * plotW);
    row = xx - lastX < 30 ? row + 1 : 0;
    lastX = xx;
    const labelY = 14 + row * 12;
    return (
      `<line class="mark" x1="${xx}" x2="${xx}" y1="${labelY + 4}" y2="${round(base)}" stroke="${m.colour}" stroke-width="1.4" stroke-dasharray="4 3">${tip(`${m.key} ${formatMs(v)}`)}</line>` +
      `<text x="${xx}" y="${labelY}" text-anchor="middle" class="marker-label" fill="${m.colour}">${m.key}${tip(`${m.key} ${formatMs(v)}`)}</text>`
    );
  }).join('');

  // Label the bin edges that are powers of ten (and 0) so the axis stays readable.
  const edges = [summary.histogram[0].from, ...summary.histogram.map((b) => b.to)];
  const xLabels = edges
    .map((e, i) => {
      if (!/^(0|10*)$/.test(String(e))) return '';
      const xx = round(M.left + i * binW);
      return `<line x1="${xx}" x2="${xx}" y1="${round(base)}" y2="${round(base + 4)}" stroke="${INK.axis}"/><text x="${xx}" y="${round(base + 17)}" text-anchor="middle" class="tick">${esc(axisMs(e))}</text>`;
    })
    .join('');

  const body = yGrid(ticks, y, M.left, W - M.right) + bars + `<line x1="${M.left}" x2="${W - M.right}" y1="${round(base)}" y2="${round(base)}" stroke="${INK.axis}"/>` + xLabels + markers;
  const stat = (key: 'p50' | 'p95' | 'p99', colour: string): string => `<b style="color:${colour}">${key} ${esc(formatMs(summary[key]))}</b>`;
  const footer =
    `<p class="chart-note">${stat('p50', MARKERS[0].colour)} · ${stat('p95', MARKERS[1].colour)} · ${stat('p99', MARKERS[2].colour)} · ` +
    `max ${esc(formatMs(summary.max))} · ${esc(formatCount(summary.count))} messages</p>`;
  const label = `${title}: p50 ${formatMs(summary.p50)}, p95 ${formatMs(summary.p95)}, p99 ${formatMs(summary.p99)}`;
  return figure({ title, subtitle: 'Intake -> final state; messages per latency bin', svg: svgFrame('latency', W, H, label, body), footer });
}
