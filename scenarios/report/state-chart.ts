// Where messages ended: one stacked bar per channel (the gateway of the last attempt), split by state.
import { GATEWAY_NAMES } from '../../engine/channel.ts';
import { MESSAGE_STATES } from '../../engine/message.ts';
import type { StateCount } from './scenario-result.ts';
import { esc, formatCompact, formatCount, formatPercent } from './report-format.ts';
import { INK, STATE_COLOURS } from './report-palette.ts';
import { emptyFrame, figure, niceTicks, round, svgFrame, tip } from './svg-chart.ts';

const W = 540;
const M = { left: 96, right: 56, top: 8, bottom: 28 };
const ROW = 38;
const BAR = 22;
// Final states first, then the ones a message was still in when the run ended.
const STATE_ORDER = ['delivered', 'failed', 'expired', 'cancelled', ...MESSAGE_STATES.filter((s) => !['delivered', 'failed', 'expired', 'cancelled'].includes(s))];

const channelLabel = (c: string | null): string => c ?? 'no gateway';

export function stateChart(states: readonly StateCount[]): string {
  const title = 'Messages by channel and state';
  const subtitle = 'Channel = gateway of the last attempt';
  const present = STATE_ORDER.filter((s) => states.some((c) => c.state === s && c.count > 0));
  const legend = present.map((s) => ({ label: s, colour: STATE_COLOURS[s] ?? INK.muted }));
  const channels = [...GATEWAY_NAMES, null].filter((ch) => states.some((c) => c.channel === ch && c.count > 0));
  if (channels.length === 0) return figure({ title, subtitle, svg: emptyFrame('states', W, 120, 'No messages') });

  const total = states.reduce((a, c) => a + c.count, 0);
  const rowTotals = channels.map((ch) => states.filter((c) => c.channel === ch).reduce((a, c) => a + c.count, 0));
  const ticks = niceTicks(Math.max(...rowTotals), 4);
  const top = ticks[ticks.length - 1];
  const H = M.top + channels.length * ROW + M.bottom;
  const x = (v: number): number => M.left + (v / top) * (W - M.left - M.right);
  const axisY = M.top + channels.length * ROW;

  const grid = ticks
    .map((t) => `<line x1="${round(x(t))}" x2="${round(x(t))}" y1="${M.top}" y2="${axisY}" stroke="${INK.grid}"/><text x="${round(x(t))}" y="${axisY + 16}" text-anchor="middle" class="tick">${esc(formatCompact(t))}</text>`)
    .join('');
  const rows = channels
    .map((ch, r) => {
      const yy = M.top + r * ROW + (ROW - BAR) / 2;
      let acc = 0;
      const segments = present
        .map((state) => {
          const count = states.filter((c) => c.channel === ch && c.state === state).reduce((a, c) => a + c.count, 0);
          if (count === 0) return '';
          const x0 = x(acc);
          acc += count;
          const w = Math.max(1, x(acc) - x0);
          const label = w > 40 ? `<text x="${round(x0 + w / 2)}" y="${round(yy + BAR / 2)}" text-anchor="middle" dominant-baseline="central" class="in-bar">${esc(formatCompact(count))}</text>` : '';
          return `<rect class="mark" x="${round(x0)}" y="${round(yy)}" width="${round(w)}" height="${BAR}" fill="${STATE_COLOURS[state] ?? INK.muted}">${tip(`${channelLabel(ch)} ${state}: ${formatCount(count)} (${formatPercent(count, total)} of all)`)}</rect>${label}`;
        })
        .join('');
      const name = `<text x="${M.left - 10}" y="${round(yy + BAR / 2)}" text-anchor="end" dominant-baseline="central" class="row-label">${esc(channelLabel(ch))}</text>`;
      const sum = `<text x="${round(x(acc) + 6)}" y="${round(yy + BAR / 2)}" dominant-baseline="central" class="row-total">${esc(formatCompact(acc))}</text>`;
      return name + segments + sum;
    })
    .join('');
  const body = grid + rows + `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${axisY}" stroke="${INK.axis}"/>`;
  return figure({ title, subtitle, legend, svg: svgFrame('states', W, H, `${title}: ${formatCount(total)} messages`, body) });
}
