import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * Checks run inside the page: sideways overflow (of the document, of any element, of any card or
 * table wrapper, of chart content beyond its SVG) and axe-core's accessibility rules.
 */

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

let axeSource: Promise<string> | undefined;

function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core on the page as it is now and returns every violation. The source is evaluated,
 * not added as a <script>: the API's Content-Security-Policy allows no inline scripts.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const source = await loadAxeSource();
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const results = await page.evaluate(
    () =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(
        document,
        { resultTypes: ['violations'] },
      ) as Promise<AxeResults>,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** Violations that block or seriously hinder a user: what the tests allow none of. */
export function seriousOrCritical(findings: AxeFinding[]): AxeFinding[] {
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

export interface LayoutReport {
  /** One line per element that sticks out; empty when the page fits. */
  problems: string[];
  /** How much was looked at: visible elements, and the bars, labels and ticks of charts. */
  elements: number;
  chartParts: number;
}

/**
 * Everything on the page that sticks out sideways, one line each.
 * Screen-reader-only text (clipped to 1 px on purpose) and content the user cannot see (closed
 * <details>, display: none) are left out.
 */
export function layoutOverflows(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const TOLERANCE = 0.5;
    const problems: string[] = [];
    let elements = 0;
    let chartParts = 0;
    const root = document.scrollingElement ?? document.documentElement;
    const viewport = root.clientWidth;
    if (root.scrollWidth > viewport) problems.push(`document: scrollWidth ${root.scrollWidth} > ${viewport}`);

    const name = (el: Element) => {
      const classes =
        typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const label = el.getAttribute('data-chart') ?? el.getAttribute('data-label');
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${classes}>${label ? ` [${label}]` : ''}${text ? ` "${text}"` : ''}`;
    };
    // Visually hidden on purpose: clipped to at most 1 px by itself or an ancestor.
    const srOnly = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        const box = a.getBoundingClientRect();
        if ((style.clip !== 'auto' || style.clipPath !== 'none') && box.width <= 1 && box.height <= 1) return true;
      }
      return false;
    };

    for (const el of document.body.querySelectorAll('*')) {
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) || srOnly(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      elements++;
      if (box.right > viewport + TOLERANCE || box.left < -TOLERANCE) {
        problems.push(`${name(el)}: spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${viewport}`);
      }
    }
    // Cards and table wrappers must not hide or scroll content sideways.
    for (const el of document.querySelectorAll<HTMLElement>('.card, .table-wrap, figure, .chart-body')) {
      if (!el.checkVisibility() || srOnly(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${name(el)}: content ${el.scrollWidth} px wide in ${el.clientWidth} px`);
      }
    }
    // A chart draws into an SVG that clips: bars, labels and ticks must lie inside it.
    for (const svg of document.querySelectorAll('svg.recharts-surface')) {
      const frame = svg.getBoundingClientRect();
      for (const part of svg.querySelectorAll('text, rect, path')) {
        const box = part.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        chartParts++;
        if (
          box.left < frame.left - TOLERANCE ||
          box.right > frame.right + TOLERANCE ||
          box.top < frame.top - TOLERANCE ||
          box.bottom > frame.bottom + TOLERANCE
        ) {
          const chart = svg.closest('[data-chart], .subscores');
          problems.push(
            `${chart ? name(chart).split('"')[0]!.trim() : 'chart'} ${name(part)}: cut off at the chart's edge ` +
              `(${Math.round(box.left - frame.left)}–${Math.round(box.right - frame.left)} of ${Math.round(frame.width)} px)`,
          );
        }
      }
    }
    return { problems, elements, chartParts };
  });
}
