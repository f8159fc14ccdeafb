import type { SessionSummary } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { FormError } from '../shared/ui/form-error';
import { listSessions } from './api';
import { handleAuthError } from './auth';
import { DataTable } from './data-table';
import { InviteDialog } from './invite-dialog';
import { StatusTag } from './case-record';
import { dispositionLabel } from './labels';
import { followLink, sessionPath } from './router';

// Waiting customers show up without a manual refresh.
const refreshIntervalMs = 10_000;

export function CaseListPage(): JSX.Element {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);

  const load = useCallback(async () => {
    try {
      setSessions(await listSessions({ limit: 100 }));
      setError(null);
    } catch (failure) {
      if (!handleAuthError(failure)) {
        setError(describeError(failure));
      }
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshIntervalMs);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <>
      <div class="page-header">
        <h1>{t('cases.title')}</h1>
        <div class="page-actions">
          <button type="button" class="button" onClick={() => void load()}>
            {t('cases.refresh')}
          </button>
          <button type="button" class="button button-primary" onClick={() => setInviting(true)}>
            {t('cases.newInvite')}
          </button>
        </div>
      </div>
      <FormError message={error} />
      {sessions === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <CaseTable sessions={sessions} />
      )}
      {inviting ? (
        <InviteDialog onClose={() => setInviting(false)} onCreated={() => void load()} />
      ) : null}
    </>
  );
}

function CaseTable({ sessions }: { sessions: SessionSummary[] }): JSX.Element {
  if (sessions.length === 0) {
    return <p class="empty">{t('cases.empty')}</p>;
  }
  return (
    <DataTable
      class="cases"
      caption={t('cases.caption')}
      columns={[
        t('cases.created'),
        t('cases.customer'),
        t('cases.topic'),
        t('cases.status'),
        t('cases.disposition'),
        t('cases.agent'),
      ]}
      actions={t('cases.actions')}
    >
      {sessions.map((session) => (
        <CaseRow key={session.id} session={session} />
      ))}
    </DataTable>
  );
}

function CaseRow({ session }: { session: SessionSummary }): JSX.Element {
  const created = formatDateTime(session.createdAt);
  const customer = session.customerName ?? t('cases.unnamed');
  return (
    <tr>
      <td>
        <time dateTime={session.createdAt}>{created}</time>
      </td>
      <td>{session.customerName ?? <span class="muted">{t('cases.unnamed')}</span>}</td>
      <td>{session.topic ?? <span class="muted">{t('common.none')}</span>}</td>
      <td>
        <StatusTag session={session} />
      </td>
      <td>{dispositionLabel(session.disposition)}</td>
      <td>{session.agent?.name ?? <span class="muted">{t('common.none')}</span>}</td>
      <td class="cell-action">
        <a
          href={sessionPath(session.id)}
          aria-label={t('cases.openLabel', { customer, created })}
          onClick={followLink}
        >
          {t('cases.open')}
        </a>
      </td>
    </tr>
  );
}
