// The expectations of one scenario, expected against actual; failed rows first catch the eye (red).
import type { ExpectationResult } from './scenario-result.ts';
import { esc } from './report-format.ts';

export function expectationTable(expectations: readonly ExpectationResult[]): string {
  if (expectations.length === 0) return '<p class="muted">This scenario states no expectations.</p>';
  const rows = expectations
    .map((e) => {
      const status = e.passed ? '<span class="pill pass">pass</span>' : '<span class="pill fail">fail</span>';
      return `<tr class="${e.passed ? 'pass' : 'fail'}" data-passed="${e.passed}"><td class="status">${status}</td><td>${esc(e.description)}</td><td><code>${esc(e.expected)}</code></td><td><code>${esc(e.actual)}</code></td></tr>`;
    })
    .join('');
  return `<table class="expectations"><thead><tr><th>result</th><th>expectation</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table>`;
}
