import type { SessionCase, SessionClass, SessionData } from '../internal/SessionData';
import { el, formatMetric } from './dom';

/** The case list with each case's Dice per class; a click on a row selects the case. */
export function renderCases(
  table: HTMLTableElement,
  cases: readonly SessionCase[],
  classes: readonly SessionClass[],
  onSelect: (index: number) => void,
): void {
  const withMetrics = cases.some((c) => c.metrics);
  table.replaceChildren(
    el(
      'tr',
      {},
      el('th', {}, 'case'),
      ...(withMetrics ? classes.map((c) => el('th', {}, `Dice ${c.name}`)) : []),
    ),
  );
  cases.forEach((item, index) => {
    const row = el(
      'tr',
      {
        'data-case': index,
        title: [item.image, item.label, item.prediction].filter(Boolean).length + ' file(s)',
      },
      el('td', {}, item.name),
      ...(withMetrics
        ? classes.map((c) => el('td', { className: 'number' }, formatMetric(item.metrics?.[c.value]?.Dice)))
        : []),
    );
    row.addEventListener('click', () => onSelect(index));
    table.append(row);
  });
}

/** Marks the selected row. */
export function selectCaseRow(table: HTMLTableElement, index: number): void {
  for (const row of table.querySelectorAll<HTMLTableRowElement>('tr[data-case]')) {
    row.classList.toggle('selected', row.dataset.case === String(index));
  }
}

/** Mean Dice and IoU per class and over the foreground classes, from summary.json. */
export function renderSummary(
  table: HTMLTableElement,
  summary: SessionData['summary'],
  classes: readonly SessionClass[],
): void {
  if (!summary) {
    table.replaceChildren(el('tr', {}, el('td', {}, 'no summary.json')));
    return;
  }
  const metrics = ['Dice', 'IoU'];
  const rows = [
    ...classes.map((c) => [c.name, summary.mean[c.value]] as const),
    ['foreground mean', summary.foregroundMean] as const,
  ];
  table.replaceChildren(
    el('tr', {}, el('th', {}, 'class'), ...metrics.map((m) => el('th', {}, m))),
    ...rows.map(([name, values]) =>
      el(
        'tr',
        {},
        el('td', {}, name),
        ...metrics.map((m) => el('td', { className: 'number' }, formatMetric(values?.[m]))),
      ),
    ),
  );
}
