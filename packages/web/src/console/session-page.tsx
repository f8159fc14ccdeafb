import type { SessionDetail } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { RequestError } from '../shared/errors';
import { FormError } from '../shared/ui/form-error';
import { fetchSession } from './api';
import { handleAuthError } from './auth';
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

  switch (detail.status) {
    case 'waiting':
    case 'ringing':
    case 'active':
      return <CallView key={detail.id} detail={detail} onFinished={props.reload} />;
    case 'wrap_up':
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
