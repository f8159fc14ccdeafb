import type { KpiRow, KpiValues } from '@lensdesk/protocol';
import { kpiNames } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { sortRows } from './sort';

function row(label: string, values: Partial<KpiValues>): KpiRow {
  const empty = Object.fromEntries(kpiNames.map((name) => [name, null])) as KpiValues;
  return { key: label, label, values: { ...empty, ...values } };
}

const rows = [
  row('Chen', { sessions: 4, csat: 0.9 }),
  row('ana', { sessions: 9, csat: null }),
  row('Björn', { sessions: 4, csat: 0.7 }),
];

const labels = (sorted: KpiRow[]) => sorted.map((one) => one.label);

describe('sortRows', () => {
  it('sorts by name, ignoring case', () => {
    expect(labels(sortRows(rows, { column: 'name', direction: 'ascending' }, 'en'))).toEqual([
      'ana',
      'Björn',
      'Chen',
    ]);
  });

  it('sorts by a KPI, ties by name', () => {
    expect(labels(sortRows(rows, { column: 'sessions', direction: 'descending' }, 'en'))).toEqual([
      'ana',
      'Björn',
      'Chen',
    ]);
  });

  it('puts missing values last both ways', () => {
    expect(labels(sortRows(rows, { column: 'csat', direction: 'ascending' }, 'en'))).toEqual([
      'Björn',
      'Chen',
      'ana',
    ]);
    expect(labels(sortRows(rows, { column: 'csat', direction: 'descending' }, 'en'))).toEqual([
      'Chen',
      'Björn',
      'ana',
    ]);
  });
});
