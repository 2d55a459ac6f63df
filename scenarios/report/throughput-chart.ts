// Throughput over simulated time: submitted (area) and delivered (line) per second, with the fault
// windows shaded so a dip can be read against its cause.
import type { FaultWindow, ThroughputSeries } from './scenario-result.ts';
import { esc, formatCount, formatOffset } from './report-format.ts';
import { INK, SERIES } from './report-palette.ts';
import { emptyFrame, figure, niceTicks, round, svgFrame, tip, yGrid } from './svg-chart.ts';

const W = 1120;
const H = 290;
const M = { left: 60, right: 20, top: 10, bottom: 34 };
const LABEL_ROW = 14;

const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** Offsets for the time axis: a round step giving at most ~8 labels. */
export function timeTicks(span: number): number[] {
  const step = TIME_STEPS.find((s) => span / s <= 8) ?? Math.ceil(span / 8 / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = 0; t <= span + 1e-6; t += step) ticks.push(t);
  return ticks;
}

/** The span a run's time charts share: the simulated run, widened to cover every bucket and fault. */
export function timeSpan(series: ThroughputSeries, faults: readonly FaultWindow[], simulatedMs: number): number {
  const last = series.buckets.length > 0 ? series.buckets[series.buckets.length - 1].at + series.bucketMs : 0;
  const faultEnd = Math.max(0, ...faults.map((f) => f.until ?? f.at));
  return Math.max(simulatedMs, last, faultEnd, 1000);
}

/** A label row per fault: the first row free at its start, a label taking `labelMs` of the axis. */
function faultRows(faults: readonly FaultWindow[], labelMs: (f: FaultWindow) => number): number[] {
  const rowEnds: number[] = [];
  return faults.map((f) => {
    let row = rowEnds.findIndex((end) => end <= f.at);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = f.at + labelMs(f);
    return row;
  });
}

const labelText = (f: FaultWindow): string => `${f.gateway} ${f.kind}${f.detail ? ` · ${f.detail}` : ''}`;

export function throughputChart(series: ThroughputSeries, faults: readonly FaultWindow[], simulatedMs: number): string {
  const title = 'Throughput over time';
  const perSecond = 1000 / Math.max(1, series.bucketMs);
  const subtitle = `Messages per simulated second, in ${formatOffset(series.bucketMs)} buckets; shaded: fault windows`;
  const legend = [
    { label: 'submitted to a gateway', colour: SERIES.submitted },
    { label: 'delivered', colour: SERIES.delivered, shape: 'line' as const },
    ...(faults.length > 0 ? [{ label: 'fault window', colour: SERIES.fault, shape: 'band' as const }] : []),
  ];
  if (series.buckets.length === 0 || series.buckets.every((b) => b.submitted === 0 && b.delivered === 0)) {
    return figure({ title, subtitle, svg: emptyFrame('throughput', W, 120, 'No messages were submitted'), wide: true });
  }
  const span = timeSpan(series, faults, simulatedMs);
  const peak = Math.max(...series.buckets.map((b) => Math.max(b.submitted, b.delivered) * perSecond));
  const ticks = niceTicks(peak, 4);
  const top = ticks[ticks.length - 1];
  // Fault labels sit above the plot, one row per overlapping fault.
  const msPerPx = span / (W - M.left - M.right);
  const rows = faultRows(faults, (f) => (labelText(f).length * 6 + 16) * msPerPx);
  const plotTop = M.top + Math.max(...rows.map((r) => r + 1), 0) * LABEL_ROW + (faults.length > 0 ? 6 : 0);
  const x = (t: number): number => M.left + (t / span) * (W - M.left - M.right);
  const y = (v: number): number => H - M.bottom - (v / top) * (H - plotTop - M.bottom);
  const base = y(0);

  const bands = faults
    .map((f, i) => {
      const x0 = round(x(f.at));
      const x1 = round(Math.max(x(f.until ?? span), x0 + 2));
      const label = `${f.gateway} ${f.kind}`;
      const what = `${label}${f.detail ? ` (${f.detail})` : ''}: ${formatOffset(f.at)} – ${f.until === null ? 'end' : formatOffset(f.until)}`;
      return (
        `<rect class="mark fault" x="${x0}" y="${round(plotTop)}" width="${round(x1 - x0)}" height="${round(base - plotTop)}" fill="${SERIES.fault}" fill-opacity="0.09" stroke="${SERIES.fault}" stroke-opacity="0.35" stroke-dasharray="3 3">${tip(what)}</rect>` +
        `<line x1="${x0}" x2="${x0}" y1="${M.top + rows[i] * LABEL_ROW + 2}" y2="${round(plotTop)}" stroke="${SERIES.fault}" stroke-opacity="0.5"/>` +
        `<text x="${x0 + 4}" y="${M.top + rows[i] * LABEL_ROW + 10}" class="band-label">${esc(labelText(f))}</text>`
      );
    })
    .join('');

  const mid = (b: { at: number }): number => x(b.at + series.bucketMs / 2);
  const pts = (key: 'submitted' | 'delivered'): string[] => series.buckets.map((b) => `${round(mid(b))},${round(y(b[key] * perSecond))}`);
  let marks: string;
  if (series.buckets.length === 1) {
    const b = series.buckets[0];
    const w = Math.max(4, x(series.bucketMs) - x(0));
    const bar = (v: number, colour: string, dx: number): string =>
      `<rect class="mark" x="${round(x(b.at) + dx)}" y="${round(y(v * perSecond))}" width="${round(w / 2)}" height="${round(base - y(v * perSecond))}" fill="${colour}"/>`;
    marks = bar(b.submitted, SERIES.submitted, 0) + bar(b.delivered, SERIES.delivered, w / 2);
  } else {
    const sub = pts('submitted');
    const first = round(mid(series.buckets[0]));
    const last = round(mid(series.buckets[series.buckets.length - 1]));
    marks =
      `<path class="mark" d="M${first},${round(base)} L${sub.join(' L')} L${last},${round(base)} Z" fill="${SERIES.submitted}" fill-opacity="0.16"/>` +
      `<path class="mark" d="M${sub.join(' L')}" fill="none" stroke="${SERIES.submitted}" stroke-width="1.6" stroke-linejoin="round"/>` +
      `<path class="mark" d="M${pts('delivered').join(' L')}" fill="none" stroke="${SERIES.delivered}" stroke-width="2.2" stroke-linejoin="round"/>`;
  }
  // Invisible hover targets, one per bucket, carry the exact numbers.
  const hovers = series.buckets
    .map((b) => {
      const x0 = round(x(b.at));
      const w = round(Math.max(1, x(b.at + series.bucketMs) - x(b.at)));
      return `<rect x="${x0}" y="${round(plotTop)}" width="${w}" height="${round(base - plotTop)}" fill="transparent">${tip(`${formatOffset(b.at)}: submitted ${formatCount(b.submitted)}, delivered ${formatCount(b.delivered)}`)}</rect>`;
    })
    .join('');
  const xAxis = timeTicks(span)
    .map((t) => `<line x1="${round(x(t))}" x2="${round(x(t))}" y1="${round(base)}" y2="${round(base + 5)}" stroke="${INK.axis}"/><text x="${round(x(t))}" y="${round(base + 18)}" text-anchor="middle" class="tick">${esc(formatOffset(t))}</text>`)
    .join('');
  const body =
    yGrid(ticks, y, M.left, W - M.right) +
    bands +
    marks +
    hovers +
    `<line x1="${M.left}" x2="${W - M.right}" y1="${round(base)}" y2="${round(base)}" stroke="${INK.axis}"/>` +
    xAxis +
    `<text x="14" y="${round((plotTop + base) / 2)}" transform="rotate(-90 14 ${round((plotTop + base) / 2)})" text-anchor="middle" class="axis-label">msg/s</text>`;
  return figure({ title, subtitle, legend, svg: svgFrame('throughput', W, H, `${title}: peak ${formatCount(peak)} messages per second`, body), wide: true });
}
