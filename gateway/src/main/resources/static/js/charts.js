// Simple bar charts drawn with inline SVG (attributes only: the CSP allows no inline style), each
// followed by a table with the same figures. The chart is for the eye and hidden from assistive
// technology; the table is what screen readers, keyboard users and print read.

import { h, svg, table } from './dom.js';

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

/** "3 of 4 (75%)"; the share is left out when there is nothing to divide by. */
export function share(part, whole) {
  return whole ? `${part} of ${whole} (${Math.round((100 * part) / whole)}%)` : `${part} of ${whole}`;
}

/** One bar: a track the width of the scale, and a rectangle per value, one after the other. */
function bar(values, max) {
  let offset = 0;
  const parts = values.map((value, i) => {
    const width = max ? (100 * value) / max : 0;
    const rect = svg('rect', { x: `${offset}%`, y: 0, width: `${width}%`, height: '100%', class: `bar-part bar-part-${i}` });
    offset += width;
    return rect;
  });
  return svg('svg', { class: 'bar', width: '100%', height: 18, focusable: 'false' },
    svg('rect', { x: 0, y: 0, width: '100%', height: '100%', class: 'bar-track' }), parts);
}

function legend(series) {
  return h('p', { className: 'chart-legend' }, series.map((s, i) => h('span', { className: 'legend-item' },
    svg('svg', { class: 'swatch', width: 14, height: 14, focusable: 'false' },
      svg('rect', { x: 0, y: 0, width: 14, height: 14, class: `bar-part bar-part-${i}` })),
    s)));
}

/**
 * A horizontal bar chart with its table.
 *
 * @param title     the chart's heading (also the table's caption)
 * @param rowHeader the first column's header of the table (what a row is)
 * @param series    the names of the parts of each bar, e.g. ['Passed', 'Not passed']
 * @param rows      [{label, values: [n, …], text}]: text is what the chart writes next to the bar
 *                  (default: the total)
 * @param scale     the total a full bar stands for: a number, 'row' (every bar its own total:
 *                  shares), or by default the largest row's total
 */
export function barChart({ title, rowHeader, series, rows, scale, testId }) {
  const largest = Math.max(0, ...rows.map((row) => sum(row.values)));
  const max = (row) => (scale === 'row' ? sum(row.values) : scale ?? largest);
  const totals = series.length > 1;
  const chart = rows.length === 0 ? null : h('div', { className: 'chart', 'aria-hidden': 'true' },
    totals ? legend(series) : null,
    rows.map((row) => h('div', { className: 'chart-row' },
      h('span', { className: 'chart-label' }, row.label),
      bar(row.values, max(row)),
      h('span', { className: 'chart-value' }, row.text ?? String(sum(row.values))))));
  return h('figure', { className: 'chart-figure', 'data-testid': testId },
    h('figcaption', { className: 'chart-title' }, title),
    chart,
    table(title, [rowHeader, ...series, ...(totals ? ['Total'] : [])],
      rows.map((row) => [row.label, ...row.values, ...(totals ? [sum(row.values)] : [])]),
      { className: 'figures', captionHidden: true }));
}
