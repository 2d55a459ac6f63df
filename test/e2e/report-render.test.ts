// The HTML report as a browser shows it: headless Chromium opens a rendered report from disk and the
// test checks it draws every chart, shows the failed expectation, logs no error and fetches nothing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../scenarios/report/render-report.ts';
import { reportFixture } from '../unit/scenarios/report-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../reports/screenshots/', import.meta.url));
const CHART_KINDS = ['throughput', 'faults', 'states', 'fallbacks', 'gateways', 'latency'];

// scripts/setup-test-env.sh installs chromium; without it the test cannot run, and under CI that is a failure.
const missing = !existsSync(CHROMIUM);

// The callbacks given to $$eval/evaluate run in the page. Node's type library has no DOM, so they name
// what they use through these shapes (types only: nothing from this file's scope reaches the page).
interface PageWindow {
  getComputedStyle(el: unknown): { backgroundColor: string; breakBefore: string };
  document: { documentElement: { scrollWidth: number } };
  innerWidth: number;
}
interface PageNode {
  tagName: string;
  getAttribute(name: string): string | null;
  getBBox(): { width: number; height: number };
  getBoundingClientRect(): { width: number };
  querySelectorAll(selector: string): Iterable<PageNode>;
  querySelector(selector: string): PageNode | null;
  textContent: string | null;
}
if (missing && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: run scripts/setup-test-env.sh (apt-get install -y chromium)`);

describe.skipIf(missing)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'msgsim-report-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every chart, shows the failed expectation, logs no error and makes no request', async ({ annotate }) => {
    const results = reportFixture();
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReport(results));
    const url = pathToFileURL(file).href;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });

    const charts = await page.$$eval('svg[data-chart]', (found) =>
      (found as unknown as PageNode[]).map((svg) => {
        const marks = [...svg.querySelectorAll('.mark')].filter((el) => {
          const box = el.getBBox();
          // A line is drawn when it has length; an area or bar when it has both sides.
          return el.tagName === 'line' ? box.width > 0 || box.height > 0 : box.width > 0 && box.height > 0;
        });
        return { kind: svg.getAttribute('data-chart'), empty: svg.getAttribute('data-empty'), marks: marks.length, width: svg.getBoundingClientRect().width };
      }),
    );
    // Per scenario: throughput, faults, states, fallbacks, gateways, then latency for 'all' and 4 channels.
    expect(charts).toHaveLength(results.length * 10);
    for (const kind of CHART_KINDS) expect(charts.filter((c) => c.kind === kind).length).toBeGreaterThanOrEqual(results.length);
    for (const c of charts) {
      expect(c.empty, `${c.kind} chart has data`).toBe('false');
      expect(c.marks, `${c.kind} chart draws marks`).toBeGreaterThan(0);
      expect(c.width, `${c.kind} chart takes room`).toBeGreaterThan(300);
    }

    const failedRows = await page.$$eval('table.expectations tr.fail', (rows) =>
      (rows as unknown as PageNode[]).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())),
    );
    const failed = results.flatMap((r) => r.expectations.filter((e) => !e.passed));
    expect(failed).toHaveLength(1);
    expect(failedRows).toEqual([['fail', failed[0].description, failed[0].expected, failed[0].actual]]);
    const failedColour = await page.$eval('table.expectations tr.fail td', (td) => (globalThis as unknown as PageWindow).getComputedStyle(td).backgroundColor);
    expect(failedColour).not.toBe('rgba(0, 0, 0, 0)');
    const verdicts = await page.$$eval('section.scenario', (found) =>
      (found as unknown as PageNode[]).map((el) => [el.querySelector('h2')?.textContent, el.getAttribute('data-passed')]),
    );
    expect(verdicts).toEqual([
      ['rcs-outage-fallback', 'true'],
      ['peak-hour-mix', 'false'],
    ]);

    // Nothing beyond the page itself: no fonts, images, scripts or beacons.
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    const overflow = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow, 'no horizontal scrolling at 1280px').toBeLessThanOrEqual(0);

    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, 'report-render.png');
    await page.screenshot({ path: shot, fullPage: true });
    writeFileSync(join(SCREENSHOTS, 'report-render.html'), readFileSync(file));
    await annotate('report screenshot (also in reports/screenshots/)', { contentType: 'image/png', body: readFileSync(shot) });
    await page.close();
  });

  it('prints: one scenario per page, charts kept whole', async () => {
    const page = await browser.newPage();
    await page.setContent(renderReport(reportFixture()));
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.$$eval('section.scenario', (found) => found.map((el) => (globalThis as unknown as PageWindow).getComputedStyle(el).breakBefore));
    expect(breaks).toEqual(['page', 'page']);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
