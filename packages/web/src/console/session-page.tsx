import type { SessionDetail } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { RequestError } from '../shared/errors';
import { FormError } from '../shared/ui/form-error';
import { fetchSession } from './api';
import { currentUser, handleAuthError } from './auth';
import { CallView } from './call-view';
import { CaseRecord } from './case-record';
import { linkExpiredUnused } from './link-expiry';
import { casesPath, followLink } from './router';
import { WrapUpForm } from './wrap-up-form';

/**
 * `/console/sessions/:id`: the live call while the session can take one, the wrap-up form after
 * the call, and the stored case once it is closed or its link expired unused.
 */
export function SessionPage({ id }: { id: string }): JSX.Element {
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await fetchSession(id));
      setError(null);
    } catch (failure) {
      if (handleAuthError(failure)) {
        return;
      }
      const notFound =
        failure instanceof RequestError &&
        (failure.code === 'SESSION_NOT_FOUND' ||
          failure.code === 'NOT_FOUND' ||
          failure.code === 'VALIDATION_FAILED');
      setError(notFound ? t('case.notFound') : describeError(failure));
    }
  }, [id]);

  useEffect(() => {
    setDetail(null);
    void load();
  }, [load]);

  return (
    <>
      <p class="back">
        <a href={casesPath} onClick={followLink}>
          {t('agentCall.back')}
        </a>
      </p>
      <FormError message={error} />
      {detail === null ? (
        error === null ? (
          <p role="status">{t('common.loading')}</p>
        ) : null
      ) : (
        <SessionContent detail={detail} reload={() => void load()} onSaved={setDetail} />
      )}
    </>
  );
}

function SessionContent(props: {
  detail: SessionDetail;
  reload(): void;
  onSaved(detail: SessionDetail): void;
}): JSX.Element {
  const { detail } = props;
  const customer = detail.customerName ?? t('cases.unnamed');
  // Set when the server rejected this user as the call's agent, with the name of the call's agent.
  const [heldBy, setHeldBy] = useState<{ name: string | null } | null>(null);
  const heldElsewhere = (name: string | null) => (
    <HeldElsewhere
      detail={detail}
      agentName={name}
      reload={() => {
        setHeldBy(null);
        props.reload();
      }}
    />
  );

  // The client clock decides for a waiting session. The server's sweep marks it abandoned
  // within a minute of the expiry, once no one is connected to it.
  if (linkExpiredUnused(detail, Date.now())) {
    return (
      <>
        <h1>{t('case.title', { customer })}</h1>
        <p class="notice notice-info" role="status">
          {t('case.linkExpired')}
        </p>
        <CaseRecord detail={detail} />
      </>
    );
  }

  // Once a call has its agent, the server lets only that agent join it. Of the agents, only they
  // complete its wrap-up. The page shows the case read-only instead of trying.
  const me = currentUser.value;
  const otherAgent =
    detail.agent !== null && me != null && detail.agent.id !== me.id ? detail.agent : null;

  switch (detail.status) {
    case 'waiting':
    case 'ringing':
    case 'active':
      if (heldBy !== null) return heldElsewhere(heldBy.name);
      if (otherAgent !== null && detail.status !== 'waiting') return heldElsewhere(otherAgent.name);
      return (
        <CallView
          key={detail.id}
          detail={detail}
          onFinished={props.reload}
          onHeldElsewhere={(name) => setHeldBy({ name })}
        />
      );
    case 'wrap_up':
      if (otherAgent !== null && me?.role === 'agent') return heldElsewhere(otherAgent.name);
      return (
        <>
          <h1>{t('case.title', { customer })}</h1>
          <WrapUpForm sessionId={detail.id} onSaved={props.onSaved} />
          <CaseRecord detail={detail} />
        </>
      );
    case 'ended':
    case 'abandoned':
      return (
        <>
          <h1>{t('case.title', { customer })}</h1>
          <CaseRecord detail={detail} />
        </>
      );
  }
}

/** Shows the case read-only while its call is with another agent. */
function HeldElsewhere(props: {
  detail: SessionDetail;
  agentName: string | null;
  reload(): void;
}): JSX.Element {
  const { detail, agentName } = props;
  return (
    <>
      <h1>{t('case.title', { customer: detail.customerName ?? t('cases.unnamed') })}</h1>
      <div class="notice notice-info held-elsewhere" role="status">
        <p>
          <strong>
            {agentName === null
              ? t('case.withAnotherAgent')
              : t('case.withAgent', { agent: agentName })}
          </strong>{' '}
          {t('case.withAgentHint')}
        </p>
        <button type="button" class="button" onClick={props.reload}>
          {t('case.refresh')}
        </button>
      </div>
      <CaseRecord detail={detail} />
    </>
  );
}
