import type { KpiName, KpiRow } from '@lensdesk/protocol';

/** Sort order of the per-agent table: by the row's name or by one KPI. */
export interface SortOrder {
  column: 'name' | KpiName;
  direction: 'ascending' | 'descending';
}

/**
 * Returns the rows sorted by one column. Rows without a value for that KPI come last in either
 * direction, and ties keep the order by name so the table does not reshuffle.
 */
export function sortRows(rows: readonly KpiRow[], order: SortOrder, locale?: string): KpiRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sign = order.direction === 'ascending' ? 1 : -1;
  const byName = (a: KpiRow, b: KpiRow) => collator.compare(a.label, b.label);

  return [...rows].sort((a, b) => {
    if (order.column === 'name') {
      return sign * byName(a, b);
    }
    const left = a.values[order.column];
    const right = b.values[order.column];
    if (left === null || right === null) {
      if (left === right) return byName(a, b);
      return left === null ? 1 : -1;
    }
    return sign * (left - right) || byName(a, b);
  });
}
