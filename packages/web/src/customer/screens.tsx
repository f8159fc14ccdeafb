import type { JSX, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import type { CustomerCall } from './customer-call';
import { problemAction, type CustomerProblem } from './state';

/** Moves focus to the screen's heading, so screen readers announce each new screen. */
export function useFocusHeading(): RefObject<HTMLHeadingElement | null> {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

export function LoadingScreen(): JSX.Element {
  return (
    <main class="screen screen-center">
      <div class="spinner" aria-hidden="true" />
      <p role="status">{t('customer.loading')}</p>
    </main>
  );
}

export function ConsentScreen({ call }: { call: CustomerCall }): JSX.Element {
  const heading = useFocusHeading();
  const info = call.info.value;
  const company = info?.companyName ?? t('app.name');
  const agent = info?.agent ?? null;
  const starting = call.starting.value;

  return (
    <main class="screen">
      <div class="screen-body">
        <p class="brand">{company}</p>
        <h1 ref={heading} tabIndex={-1}>
          {t('consent.title', { company })}
        </h1>
        {agent !== null ? (
          <p class="agent-card">
            <span class="avatar avatar-small" aria-hidden="true">
              {agent.initials}
            </span>
            <span>{t('consent.lead', { agent: agent.name })}</span>
          </p>
        ) : (
          <p class="lead">{t('consent.lead', { agent: t('consent.anyAgent') })}</p>
        )}
        <section class="card" aria-labelledby="share-title">
          <h2 id="share-title">{t('consent.shareTitle')}</h2>
          <ul class="facts">
            <li>{t('consent.shareVideo')}</li>
            <li>{t('consent.rearFirst')}</li>
            <li>{t('consent.recording')}</li>
            <li>{t('consent.endAnyTime')}</li>
          </ul>
        </section>
      </div>
      <div class="screen-actions">
        <button
          type="button"
          class="button button-primary button-large"
          disabled={starting}
          aria-busy={starting}
          onClick={() => void call.start()}
        >
          {starting ? t('consent.starting') : t('consent.start')}
        </button>
        <p class="hint">{t('consent.permissionHint')}</p>
      </div>
    </main>
  );
}

// Problems that end a call normally read as a calm confirmation rather than as an error.
const farewells = new Set<CustomerProblem>([
  'ended_by_agent',
  'ended_by_customer',
  'replaced',
  'left_queue',
  'callback_requested',
]);

/**
 * Full-screen explanation of a problem or an ending. "Try again" retries through the call, or
 * through `onRetry` on the screens before a call exists.
 */
export function ProblemScreen(props: {
  call?: CustomerCall;
  onRetry?(): void;
  problem: CustomerProblem;
}): JSX.Element {
  const heading = useFocusHeading();
  const { problem, call, onRetry } = props;
  const action = problemAction(problem);
  const retry = (): void => {
    if (call !== undefined) {
      void call.retry();
    } else {
      onRetry?.();
    }
  };
  const key = (part: 'title' | 'body' | 'action'): MessageKey => `problem.${problem}.${part}`;
  const tone = farewells.has(problem) ? 'done' : 'problem';

  return (
    <main class={`screen screen-center problem-${tone}`} data-problem={problem}>
      <div class="screen-body">
        <div class={`badge badge-${tone}`} aria-hidden="true">
          {tone === 'done' ? '✓' : '!'}
        </div>
        <h1 ref={heading} tabIndex={-1}>
          {t(key('title'))}
        </h1>
        <p class="lead">{t(key('body'))}</p>
        <p>{t(key('action'))}</p>
      </div>
      {action !== null && (call !== undefined || onRetry !== undefined) ? (
        <div class="screen-actions">
          <button
            type="button"
            class="button button-primary button-large"
            disabled={call?.starting.value ?? false}
            onClick={retry}
          >
            {t('common.tryAgain')}
          </button>
        </div>
      ) : null}
    </main>
  );
}
