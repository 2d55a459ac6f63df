// Fallbacks as a flow: gateways a message left (left) to the gateways it moved on to (right), each band
// as thick as its count and coloured by the trigger.
import { GATEWAY_NAMES } from '../../engine/channel.ts';
import type { GatewayName } from '../../engine/channel.ts';
import type { FallbackCount } from './scenario-result.ts';
import { esc, formatCount } from './report-format.ts';
import { GATEWAY_COLOURS } from './report-palette.ts';
import { emptyFrame, figure, round, svgFrame, tip } from './svg-chart.ts';

const W = 540;
const NODE_W = 14;
const LEFT_X = 120;
const RIGHT_X = W - 120 - NODE_W;
const TOP = 14;
const GAP = 14;

export const TRIGGER_COLOURS: Record<string, string> = {
  'not-capable': '#8e5bd6',
  rejected: '#b0417a',
  failed: '#d64545',
  'no-report': '#e3a008',
  'circuit-open': '#475569',
  unavailable: '#e07b39',
};

const order = (g: GatewayName): number => GATEWAY_NAMES.indexOf(g);

interface Node {
  gateway: GatewayName;
  total: number;
  y: number;
  h: number;
}

function layout(totals: Map<GatewayName, number>, height: number, scale: number): Map<GatewayName, Node> {
  const nodes = new Map<GatewayName, Node>();
  const used = [...totals.values()].reduce((a, v) => a + Math.max(3, v * scale), 0) + GAP * (totals.size - 1);
  let y = TOP + (height - used) / 2;
  for (const [gateway, total] of [...totals].sort((a, b) => order(a[0]) - order(b[0]))) {
    const h = Math.max(3, total * scale);
    nodes.set(gateway, { gateway, total, y, h });
    y += h + GAP;
  }
  return nodes;
}

export function fallbackChart(fallbacks: readonly FallbackCount[]): string {
  const title = 'Fallbacks';
  const subtitle = 'From the gateway a message left to the one it moved on to; band width = messages';
  const flows = fallbacks.filter((f) => f.count > 0);
  if (flows.length === 0) return figure({ title, subtitle, svg: emptyFrame('fallbacks', W, 120, 'No message fell back') });

  const sum = (key: 'from' | 'to'): Map<GatewayName, number> => {
    const m = new Map<GatewayName, number>();
    for (const f of flows) m.set(f[key], (m.get(f[key]) ?? 0) + f.count);
    return m;
  };
  const fromTotals = sum('from');
  const toTotals = sum('to');
  const total = flows.reduce((a, f) => a + f.count, 0);
  const nodesMax = Math.max(fromTotals.size, toTotals.size);
  const bandSpace = Math.max(90, Math.min(220, 40 * flows.length));
  const H = TOP * 2 + bandSpace + GAP * (nodesMax - 1);
  const scale = bandSpace / total;
  const left = layout(fromTotals, H - 2 * TOP, scale);
  const right = layout(toTotals, H - 2 * TOP, scale);

  // Stack bands inside each node in a fixed order so they cross as little as possible.
  const reasonRank = (r: string): number => Object.keys(TRIGGER_COLOURS).indexOf(r);
  const leftOrder = [...flows].sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to) || reasonRank(a.reason) - reasonRank(b.reason));
  const rightOrder = [...flows].sort((a, b) => order(a.to) - order(b.to) || order(a.from) - order(b.from) || reasonRank(a.reason) - reasonRank(b.reason));
  const y0 = new Map<FallbackCount, number>();
  const y1 = new Map<FallbackCount, number>();
  const cursor = new Map<string, number>();
  const place = (list: FallbackCount[], side: 'from' | 'to', nodes: Map<GatewayName, Node>, out: Map<FallbackCount, number>): void => {
    for (const f of list) {
      const node = nodes.get(f[side]) as Node;
      const key = `${side}:${f[side]}`;
      const at = cursor.get(key) ?? node.y;
      out.set(f, at);
      cursor.set(key, at + (f.count / node.total) * node.h);
    }
  };
  place(leftOrder, 'from', left, y0);
  place(rightOrder, 'to', right, y1);

  const xa = LEFT_X + NODE_W;
  const xb = RIGHT_X;
  const xm = (xa + xb) / 2;
  const bands = leftOrder
    .map((f) => {
      const hl = (f.count / (left.get(f.from) as Node).total) * (left.get(f.from) as Node).h;
      const hr = (f.count / (right.get(f.to) as Node).total) * (right.get(f.to) as Node).h;
      const a = y0.get(f) as number;
      const b = y1.get(f) as number;
      const d = `M${xa},${round(a)} C${xm},${round(a)} ${xm},${round(b)} ${xb},${round(b)} L${xb},${round(b + hr)} C${xm},${round(b + hr)} ${xm},${round(a + hl)} ${xa},${round(a + hl)} Z`;
      const colour = TRIGGER_COLOURS[f.reason] ?? '#64748b';
      return `<path class="mark band" d="${d}" fill="${colour}" fill-opacity="0.55" stroke="${colour}" stroke-opacity="0.8" stroke-width="0.5">${tip(`${f.from} → ${f.to} (${f.reason}): ${formatCount(f.count)}`)}</path>`;
    })
    .join('');
  const nodeMarks = (nodes: Map<GatewayName, Node>, x: number, side: 'left' | 'right'): string =>
    [...nodes.values()]
      .map((n) => {
        const lx = side === 'left' ? x - 8 : x + NODE_W + 8;
        const anchor = side === 'left' ? 'end' : 'start';
        const cy = round(n.y + n.h / 2);
        return (
          `<rect class="mark node" x="${x}" y="${round(n.y)}" width="${NODE_W}" height="${round(n.h)}" rx="2" fill="${GATEWAY_COLOURS[n.gateway]}">${tip(`${n.gateway}: ${formatCount(n.total)}`)}</rect>` +
          `<text x="${lx}" y="${cy - 7}" text-anchor="${anchor}" dominant-baseline="central" class="row-label">${esc(n.gateway)}</text>` +
          `<text x="${lx}" y="${cy + 8}" text-anchor="${anchor}" dominant-baseline="central" class="tick">${esc(formatCount(n.total))}</text>`
        );
      })
      .join('');
  const heads = `<text x="${LEFT_X + NODE_W / 2}" y="${H - 2}" text-anchor="middle" class="tick">from</text><text x="${RIGHT_X + NODE_W / 2}" y="${H - 2}" text-anchor="middle" class="tick">to</text>`;
  const body = bands + nodeMarks(left, LEFT_X, 'left') + nodeMarks(right, RIGHT_X, 'right') + heads;
  const reasons = [...new Set(flows.map((f) => f.reason))].sort((a, b) => reasonRank(a) - reasonRank(b));
  const legend = reasons.map((r) => ({ label: r, colour: TRIGGER_COLOURS[r] ?? '#64748b' }));
  const rows = leftOrder.map((f) => `<tr><td>${esc(f.from)} → ${esc(f.to)}</td><td>${esc(f.reason)}</td><td class="num">${esc(formatCount(f.count))}</td></tr>`).join('');
  const footer = `<table class="mini"><thead><tr><th>route</th><th>trigger</th><th class="num">messages</th></tr></thead><tbody>${rows}</tbody></table>`;
  return figure({ title, subtitle, legend, svg: svgFrame('fallbacks', W, H, `${title}: ${formatCount(total)} messages moved to another gateway`, body), footer });
}
