// How each gateway answered: its synchronous answers to sends (accepted, rejected by reason, timeouts,
// unavailable) and its delivery reports by outcome, each as a 100% bar.
import type { GatewayOutcomes } from './scenario-result.ts';
import { esc, formatCount, formatPercent } from './report-format.ts';
import { categoricalColour, INK, REPORT_COLOURS, SERIES } from './report-palette.ts';
import { emptyFrame, figure, round, svgFrame, tip } from './svg-chart.ts';
import type { LegendItem } from './svg-chart.ts';

const W = 540;
const M = { left: 150, right: 64, top: 6, bottom: 6 };
const BAR = 16;
const BLOCK = 58;

interface Part {
  key: string;
  label: string;
  count: number;
  colour: string;
}

function answerParts(g: GatewayOutcomes, reasons: readonly string[]): Part[] {
  return [
    { key: 'accepted', label: 'accepted', count: g.accepted, colour: SERIES.accepted },
    ...Object.entries(g.rejected)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => ({ key: `rejected:${reason}`, label: `rejected: ${reason}`, count, colour: categoricalColour(reason, reasons) })),
    { key: 'timeout', label: 'timeout', count: g.timeouts, colour: SERIES.timeout },
    { key: 'unavailable', label: 'unavailable', count: g.unavailable, colour: SERIES.unavailable },
  ].filter((p) => p.count > 0);
}

function reportParts(g: GatewayOutcomes): Part[] {
  const known = Object.keys(REPORT_COLOURS);
  return Object.entries(g.reports)
    .filter(([, count]) => count > 0)
    .sort((a, b) => (known.indexOf(a[0]) + 1 || 99) - (known.indexOf(b[0]) + 1 || 99))
    .map(([outcome, count]) => ({ key: `report:${outcome}`, label: `report: ${outcome}`, count, colour: REPORT_COLOURS[outcome] ?? INK.muted }));
}

function bar(parts: readonly Part[], y: number, what: string, gateway: string): string {
  const total = parts.reduce((a, p) => a + p.count, 0);
  const x0 = M.left;
  const width = W - M.left - M.right;
  const caption = `<text x="${x0 - 8}" y="${round(y + BAR / 2)}" text-anchor="end" dominant-baseline="central" class="tick">${esc(what)}</text>`;
  if (total === 0) {
    return caption + `<rect x="${x0}" y="${y}" width="${width}" height="${BAR}" fill="#f3f4f6"/><text x="${x0 + 6}" y="${round(y + BAR / 2)}" dominant-baseline="central" class="tick">none</text>`;
  }
  let acc = 0;
  const rects = parts
    .map((p) => {
      const x = x0 + (acc / total) * width;
      acc += p.count;
      const w = Math.max(1, (p.count / total) * width);
      const inside = w > 44 ? `<text x="${round(x + w / 2)}" y="${round(y + BAR / 2)}" text-anchor="middle" dominant-baseline="central" class="in-bar">${esc(formatPercent(p.count, total))}</text>` : '';
      return `<rect class="mark" x="${round(x)}" y="${y}" width="${round(w)}" height="${BAR}" fill="${p.colour}">${tip(`${gateway} ${p.label}: ${formatCount(p.count)} (${formatPercent(p.count, total)})`)}</rect>${inside}`;
    })
    .join('');
  return caption + rects + `<text x="${W - M.right + 6}" y="${round(y + BAR / 2)}" dominant-baseline="central" class="row-total">${esc(formatCount(total))}</text>`;
}

export function gatewayChart(gateways: readonly GatewayOutcomes[]): string {
  const title = 'Gateway outcome mix';
  const subtitle = 'Answers to sends, then delivery reports, per gateway';
  const used = gateways.filter((g) => g.accepted + g.timeouts + g.unavailable + Object.values(g.rejected).reduce((a, v) => a + v, 0) + Object.values(g.reports).reduce((a, v) => a + v, 0) > 0);
  if (used.length === 0) return figure({ title, subtitle, svg: emptyFrame('gateways', W, 120, 'No gateway was used') });
  const reasons = [...new Set(used.flatMap((g) => Object.keys(g.rejected)))];
  const H = M.top + used.length * BLOCK + M.bottom;
  const blocks = used
    .map((g, i) => {
      const y = M.top + i * BLOCK;
      const name = `<text x="8" y="${y + BAR + 4}" dominant-baseline="central" class="row-label">${esc(g.gateway)}</text>`;
      const sep = i > 0 ? `<line x1="8" x2="${W - 8}" y1="${y - 6}" y2="${y - 6}" stroke="${INK.grid}"/>` : '';
      return sep + name + bar(answerParts(g, reasons), y, 'answers', g.gateway) + bar(reportParts(g), y + BAR + 8, 'reports', g.gateway);
    })
    .join('');
  const seen = new Map<string, LegendItem>();
  for (const g of used) for (const p of answerParts(g, reasons)) if (!seen.has(p.key)) seen.set(p.key, { label: p.label, colour: p.colour });
  for (const g of used) for (const p of reportParts(g)) if (!seen.has(p.key)) seen.set(p.key, { label: p.label, colour: p.colour });
  return figure({ title, subtitle, legend: [...seen.values()], svg: svgFrame('gateways', W, H, `${title} for ${used.map((g) => g.gateway).join(', ')}`, blocks) });
}
