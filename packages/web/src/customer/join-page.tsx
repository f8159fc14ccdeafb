import type { CustomerLinkResponse } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { toRequestError } from '../shared/errors';
import { requestJson } from '../shared/http';
import type { EntryHost } from './entry-app';
import { useFocusHeading } from './screens';
import { parseJoinCode } from './state';

/**
 * `/join`: the customer types the six-digit code an agent read out, for example on the phone,
 * and continues to that agent's call.
 */
export function JoinPage({ host }: { host: EntryHost }): JSX.Element {
  const heading = useFocusHeading();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [joining, setJoining] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const digits = parseJoinCode(code);
    if (digits === null) {
      setProblem('join.problem.format');
      return;
    }

    setJoining(true);
    setProblem(null);
    try {
      const link = await requestJson<CustomerLinkResponse>('/api/join', {
        method: 'POST',
        body: { code: digits },
      });
      await host.continueWith(link);
    } catch (error) {
      setProblem(joinProblem(toRequestError(error).code));
      setJoining(false);
    }
  };

  return (
    <main class="screen join">
      <form class="screen-form" noValidate onSubmit={(event) => void submit(event)}>
        <div class="screen-body">
          <p class="brand">{t('customer.title')}</p>
          <h1 ref={heading} tabIndex={-1}>
            {t('join.title')}
          </h1>
          <p class="lead">{t('join.lead')}</p>
          <label class="entry-field code-field">
            <span>{t('join.code')}</span>
            <input
              type="text"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={11}
              spellcheck={false}
              placeholder="123 456"
              aria-invalid={problem !== null}
              aria-describedby={problem !== null ? 'join-problem' : undefined}
              value={code}
              onInput={(event) => setCode(event.currentTarget.value)}
            />
          </label>
          {problem !== null ? (
            <p id="join-problem" class="inline-alert" role="alert">
              {t(problem)}
            </p>
          ) : null}
        </div>
        <div class="screen-actions">
          <button
            type="submit"
            class="button button-primary button-large"
            disabled={joining}
            aria-busy={joining}
          >
            {joining ? t('join.joining') : t('join.submit')}
          </button>
          <p class="hint">{t('join.hint')}</p>
        </div>
      </form>
    </main>
  );
}

function joinProblem(code: string): MessageKey {
  switch (code) {
    case 'CODE_INVALID':
    case 'VALIDATION_FAILED':
      return 'join.problem.invalid';
    case 'RATE_LIMITED':
      return 'join.problem.rateLimited';
    case 'NETWORK_FAILED':
    case 'TIMEOUT':
      return 'error.NETWORK_FAILED';
    default:
      return 'join.problem.failed';
  }
}
