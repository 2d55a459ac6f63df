// The report's one stylesheet, inlined into the page: system fonts only (nothing to fetch), a layout
// made for a 1280px window, and print rules (landscape A4, one scenario per page, colours kept).

export const REPORT_CSS = `
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --soft: #f9fafb; --pass: #17663f; --pass-bg: #e6f4ec; --fail: #a61b1b; --fail-bg: #fdeaea; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f3f5f8; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans KR", "Apple SD Gothic Neo", "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1200px; margin: 0 auto; padding: 28px 28px 40px; }
h1, h2, h3, h4 { margin: 0; font-weight: 650; letter-spacing: -0.01em; }
h1 { font-size: 24px; }
h2 { font-size: 19px; }
h3 { font-size: 15px; margin: 22px 0 10px; }
h4 { font-size: 13.5px; }
a { color: inherit; }
.muted, .meta { color: var(--muted); }
.report-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px; padding-bottom: 18px; border-bottom: 1px solid var(--line); }
.report-head .brand { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin-bottom: 4px; }
.report-head .meta { margin: 6px 0 0; font-size: 13px; }
.pill { display: inline-block; padding: 3px 10px; border-radius: 999px; font-size: 12px; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; white-space: nowrap; }
.pill.pass { color: var(--pass); background: var(--pass-bg); }
.pill.fail { color: var(--fail); background: var(--fail-bg); }
.pill.big { font-size: 14px; padding: 6px 14px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 1px 2px rgba(15, 23, 42, 0.04); }
.summary { margin-top: 20px; padding: 6px 0; overflow: hidden; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th { text-align: left; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
th, td { padding: 8px 14px; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr:last-child td { border-bottom: 0; }
td.num, th.num { text-align: right; }
.summary a { font-weight: 600; text-decoration: none; }
.summary a:hover { text-decoration: underline; }
.scenario { margin-top: 26px; padding: 22px 24px 24px; }
.scenario > header { display: flex; justify-content: space-between; gap: 20px; align-items: flex-start; }
.scenario .desc { margin: 4px 0 0; }
.scenario .meta { margin: 6px 0 0; font-size: 12.5px; }
.alert { margin-top: 14px; padding: 10px 14px; border-radius: 8px; background: var(--fail-bg); color: var(--fail); font-weight: 600; }
.kpis { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 12px; margin-top: 18px; }
.kpi { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.kpi .label { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; font-weight: 600; }
.kpi .value { font-size: 21px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi .sub { font-size: 12px; color: var(--muted); }
.kpi.bad .value { color: var(--fail); }
.expectations { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.expectations th { background: var(--soft); }
.expectations td.status { width: 84px; }
.expectations tr.fail td { background: var(--fail-bg); color: #7f1d1d; }
.expectations tr.fail td.status .pill { background: #fff; }
.expectations code, .mini code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; margin-top: 6px; }
figure.chart { margin: 0; padding: 14px 16px 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; break-inside: avoid; page-break-inside: avoid; }
figure.chart.wide { grid-column: 1 / -1; }
figcaption p { margin: 2px 0 0; font-size: 12px; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; padding: 0; margin: 10px 0 6px; font-size: 12px; color: #374151; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.key { display: inline-block; width: 11px; height: 11px; border-radius: 2px; background: var(--c); }
.key.line { height: 3px; width: 16px; border-radius: 2px; }
.key.band { width: 14px; background: #fdeaea; background: color-mix(in srgb, var(--c) 14%, white); border: 1px dashed var(--c); }
svg.plot { display: block; height: auto; overflow: visible; }
svg .tick { font-size: 11px; fill: #6b7280; }
svg .axis-label { font-size: 11px; fill: #6b7280; }
svg .row-label { font-size: 12px; font-weight: 600; fill: #1f2937; }
svg .row-total { font-size: 11px; fill: #374151; font-variant-numeric: tabular-nums; }
svg .in-bar { font-size: 10.5px; font-weight: 600; fill: #fff; pointer-events: none; }
svg .band-label { font-size: 10.5px; font-weight: 600; fill: #a61b1b; }
svg .marker-label { font-size: 11px; font-weight: 650; }
svg .empty { font-size: 13px; fill: #9ca3af; }
.chart-note { margin: 6px 0 0; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
table.mini { margin-top: 8px; font-size: 12px; }
table.mini th, table.mini td { padding: 4px 8px; }
.report-foot { margin-top: 28px; font-size: 12px; color: var(--muted); text-align: center; }
@media (max-width: 900px) { .charts { grid-template-columns: minmax(0, 1fr); } .kpis { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 12px; }
  .page { max-width: none; padding: 0; }
  .card { box-shadow: none; }
  .scenario { break-before: page; page-break-before: always; border: 0; padding: 0; }
  .kpis { grid-template-columns: repeat(6, minmax(0, 1fr)); }
  .charts { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .expectations tr { break-inside: avoid; }
  a { text-decoration: none; }
}
`;
