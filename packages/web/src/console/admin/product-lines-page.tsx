import type { ProductLine, SupportHours } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { describeError } from '../../shared/describe-error';
import { FormError } from '../../shared/ui/form-error';
import { handleAuthError } from '../auth';
import { DataTable } from '../data-table';
import { AdminOnly } from './admin-only';
import { listProductLines } from './admin-api';
import { ProductLineForm } from './product-line-form';
import { ProductLineShare } from './product-line-share';
import './admin.css';

/** Screen state: the list, the form for a new line, or one line to edit. */
type View = { name: 'list' } | { name: 'create' } | { name: 'edit'; id: string };

/** Admin screen of product lines: list, create and edit, QR codes and the website button. */
export function ProductLinesAdminPage(): JSX.Element {
  return (
    <AdminOnly>
      <ProductLines />
    </AdminOnly>
  );
}

function ProductLines(): JSX.Element {
  const [lines, setLines] = useState<ProductLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>({ name: 'list' });
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      setLines(await listProductLines());
      setError(null);
    } catch (failure) {
      if (!handleAuthError(failure)) setError(describeError(failure));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // Each view starts at its heading, so keyboard and screen reader users know where they are.
  useEffect(() => {
    heading.current?.focus();
  }, [view]);

  const knownSkills = useMemo(
    () => [...new Set((lines ?? []).flatMap((line) => line.skills))].sort(),
    [lines],
  );

  const saved = (line: ProductLine): void => {
    setLines((current) => {
      const others = (current ?? []).filter((existing) => existing.id !== line.id);
      return [...others, line].sort((a, b) => a.name.localeCompare(b.name));
    });
    if (view.name === 'create') setView({ name: 'edit', id: line.id });
  };

  if (view.name !== 'list') {
    const line = view.name === 'edit' ? lines?.find((entry) => entry.id === view.id) : undefined;
    return (
      <>
        <p class="back">
          <button
            type="button"
            class="button button-quiet"
            onClick={() => setView({ name: 'list' })}
          >
            ← {t('admin.productLine.backToList')}
          </button>
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {line === undefined ? t('admin.productLine.newTitle') : line.name}
        </h1>
        <div class={line === undefined ? 'editor' : 'editor editor-with-side'}>
          <ProductLineForm
            key={view.name === 'edit' ? view.id : 'new'}
            line={line}
            knownSkills={knownSkills}
            onSaved={saved}
            onCancel={() => setView({ name: 'list' })}
          />
          {line === undefined ? null : <ProductLineShare line={line} />}
        </div>
      </>
    );
  }

  return (
    <>
      <div class="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('admin.productLines.title')}
        </h1>
        <div class="page-actions">
          <button
            type="button"
            class="button button-primary"
            onClick={() => setView({ name: 'create' })}
          >
            {t('admin.productLines.new')}
          </button>
        </div>
      </div>
      <p class="muted page-lead">{t('admin.productLines.lead')}</p>
      <FormError message={error} />
      {lines === null ? (
        error === null ? (
          <p role="status">{t('common.loading')}</p>
        ) : null
      ) : (
        <ProductLineTable lines={lines} onEdit={(id) => setView({ name: 'edit', id })} />
      )}
    </>
  );
}

function ProductLineTable(props: { lines: ProductLine[]; onEdit(id: string): void }): JSX.Element {
  if (props.lines.length === 0) {
    return <p class="empty">{t('admin.productLines.empty')}</p>;
  }
  return (
    <DataTable
      class="admin-table"
      caption={t('admin.productLines.caption')}
      columns={[
        t('admin.productLine.name'),
        t('admin.productLine.slug'),
        t('admin.productLine.skills'),
        t('admin.productLine.language'),
        t('admin.hours.title'),
      ]}
      actions={t('admin.actions')}
    >
      {props.lines.map((line) => (
        <tr key={line.id}>
          <th scope="row" class="row-title">
            {line.name}
          </th>
          <td data-label={t('admin.productLine.slug')}>
            <code>{line.slug}</code>
          </td>
          <td data-label={t('admin.productLine.skills')}>
            <SkillList skills={line.skills} />
          </td>
          <td data-label={t('admin.productLine.language')}>{line.language}</td>
          <td data-label={t('admin.hours.title')}>{describeHours(line.supportHours)}</td>
          <td class="cell-action">
            <button
              type="button"
              class="button button-small"
              aria-label={t('admin.productLines.editLabel', { name: line.name })}
              onClick={() => props.onEdit(line.id)}
            >
              {t('admin.edit')}
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Tags of skills, or a dash for none. */
export function SkillList(props: { skills: readonly string[] }): JSX.Element {
  if (props.skills.length === 0) {
    return <span class="muted">{t('common.none')}</span>;
  }
  return (
    <ul class="tag-list tag-list-static">
      {props.skills.map((skill) => (
        <li key={skill} class="tag">
          {skill}
        </li>
      ))}
    </ul>
  );
}

/** Returns one line about support hours for the list: always open, or the open days and the zone. */
function describeHours(hours: SupportHours | null): string {
  if (hours === null) return t('admin.hours.alwaysOpen');
  const openDays = Object.values(hours.days).filter((ranges) => ranges.length > 0).length;
  if (openDays === 0) return t('admin.hours.neverOpen');
  return t('admin.hours.summary', {
    days: openDays,
    zone: hours.timeZone.replaceAll('_', ' '),
  });
}
