// The faults injected during the run, one lane per gateway, on the same time axis as throughput.
import { GATEWAY_NAMES } from '../../engine/channel.ts';
import type { FaultWindow } from './scenario-result.ts';
import { esc, formatOffset } from './report-format.ts';
import { INK } from './report-palette.ts';
import { emptyFrame, figure, round, svgFrame, tip } from './svg-chart.ts';
import { timeTicks } from './throughput-chart.ts';

const W = 1120;
const M = { left: 60, right: 20, top: 8, bottom: 30 };
const LANE = 30;
const BAR = 18;

export const FAULT_COLOURS: Record<string, string> = {
  outage: '#d64545',
  'latency-spike': '#e3a008',
  'error-burst': '#b0417a',
  'webhook-down': '#8e5bd6',
};

export function faultChart(faults: readonly FaultWindow[], span: number): string {
  const title = 'Faults timeline';
  const subtitle = 'Injected into the simulators, on the scenario clock';
  if (faults.length === 0) return figure({ title, subtitle, svg: emptyFrame('faults', W, 70, 'No faults were injected'), wide: true });
  const lanes = GATEWAY_NAMES.filter((g) => faults.some((f) => f.gateway === g));
  const H = M.top + lanes.length * LANE + M.bottom;
  const x = (t: number): number => M.left + (Math.min(t, span) / span) * (W - M.left - M.right);
  const axisY = M.top + lanes.length * LANE;

  const grid = timeTicks(span)
    .map((t) => `<line x1="${round(x(t))}" x2="${round(x(t))}" y1="${M.top}" y2="${axisY + 4}" stroke="${INK.grid}"/><text x="${round(x(t))}" y="${axisY + 18}" text-anchor="middle" class="tick">${esc(formatOffset(t))}</text>`)
    .join('');
  const laneMarks = lanes
    .map((g, i) => {
      const y = M.top + i * LANE + (LANE - BAR) / 2;
      const label = `<text x="${M.left - 8}" y="${round(y + BAR / 2)}" text-anchor="end" dominant-baseline="central" class="row-label">${esc(g)}</text>`;
      const bars = faults
        .filter((f) => f.gateway === g)
        .map((f) => {
          const x0 = x(f.at);
          const w = Math.max(3, x(f.until ?? span) - x0);
          const colour = FAULT_COLOURS[f.kind] ?? INK.muted;
          const text = `${f.kind}${f.detail ? ` · ${f.detail}` : ''}`;
          const when = `${formatOffset(f.at)} – ${f.until === null ? 'end of run' : formatOffset(f.until)}`;
          const inside = w > text.length * 6.2 + 10 ? `<text x="${round(x0 + 6)}" y="${round(y + BAR / 2)}" dominant-baseline="central" class="in-bar">${esc(text)}</text>` : '';
          const outside = inside === '' ? `<text x="${round(x0 + w + 5)}" y="${round(y + BAR / 2)}" dominant-baseline="central" class="tick">${esc(text)}</text>` : '';
          return `<rect class="mark" x="${round(x0)}" y="${round(y)}" width="${round(w)}" height="${BAR}" rx="3" fill="${colour}" fill-opacity="0.9">${tip(`${g} ${text}: ${when}`)}</rect>${inside}${outside}`;
        })
        .join('');
      return label + bars;
    })
    .join('');
  const kinds = [...new Set(faults.map((f) => f.kind))];
  const legend = kinds.map((k) => ({ label: k, colour: FAULT_COLOURS[k] ?? INK.muted }));
  const body = grid + laneMarks + `<line x1="${M.left}" x2="${W - M.right}" y1="${axisY}" y2="${axisY}" stroke="${INK.axis}"/>`;
  return figure({ title, subtitle, legend, svg: svgFrame('faults', W, H, `${title}: ${faults.length} faults`, body), wide: true });
}
