import type { SurveyQuestionKind, SurveyQuestionView } from '@lensdesk/protocol';
import type { ComponentChildren, JSX, RefObject } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { LoadingScreen } from './screens';
import { SurveyFlow, type SurveyEnding, type SurveyUnavailable } from './survey';
import './survey.css';

type RatingKind = Exclude<SurveyQuestionKind, 'comment'>;

/** Labels under the lowest and the highest point of each rating scale. */
const scaleEnds: Record<RatingKind, { low: MessageKey; high: MessageKey }> = {
  csat: { low: 'survey.csat.low', high: 'survey.csat.high' },
  empathy: { low: 'survey.empathy.low', high: 'survey.empathy.high' },
  ces: { low: 'survey.ces.low', high: 'survey.ces.high' },
};

/**
 * Names the lowest and highest points after their scale labels ("5, Very satisfied"), so a
 * screen reader tells what the ends mean; the points between keep their number as their name.
 */
function endPointLabel(
  value: number,
  scale: { min: number; max: number },
  ends: { low: MessageKey; high: MessageKey },
): string | undefined {
  if (value === scale.min) return t('survey.endPoint', { value, label: t(ends.low) });
  if (value === scale.max) return t('survey.endPoint', { value, label: t(ends.high) });
  return undefined;
}

/** Moves focus to the screen's heading, so screen readers announce each new screen. */
function useFocusHeading(): RefObject<HTMLHeadingElement | null> {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

/**
 * Renders the survey right after a call: a short confirmation that the call ended and the camera is
 * off, then the questions. `ending` is the call's end as the farewell screen would name it.
 */
export function SurveyAfterCall(props: { flow: SurveyFlow; ending: SurveyEnding }): JSX.Element {
  const { flow, ending } = props;
  if (flow.view.value === null) {
    return <LoadingScreen />;
  }
  if (flow.phase.value === 'done') {
    return <SurveyThanks flow={flow} />;
  }

  return (
    <SurveyForm
      flow={flow}
      ending={{ title: t(`problem.${ending}.title`), body: t(`problem.${ending}.body`) }}
    />
  );
}

/** Renders the page at `/survey/<token>`, opened from the e-mailed link. */
export function SurveyLinkPage({ token }: { token: string }): JSX.Element {
  const flow = useMemo(() => new SurveyFlow(), []);
  useEffect(() => void flow.loadByToken(token), [flow, token]);

  switch (flow.phase.value) {
    case 'idle':
    case 'loading':
      return <LoadingScreen />;
    case 'done':
      return <SurveyThanks flow={flow} />;
    case 'skipped':
      return <SurveyMessage tone="done" title="survey.skipped.title" body="survey.skipped.body" />;
    case 'unavailable':
      return (
        <SurveyUnavailableScreen
          reason={flow.unavailable.value ?? 'not_found'}
          onRetry={() => void flow.loadByToken(token)}
        />
      );
    case 'open':
    case 'sending':
      return <SurveyForm flow={flow} />;
  }
}

/**
 * Renders the questions, one tap each, with Submit and Skip. With `ending`, the page's main heading
 * confirms how the call ended and the survey's heading comes second.
 */
function SurveyForm(props: {
  flow: SurveyFlow;
  ending?: { title: string; body: string };
}): JSX.Element {
  const { flow } = props;
  const heading = useFocusHeading();
  const view = flow.view.value;
  if (view === null) {
    return <LoadingScreen />;
  }
  const sending = flow.phase.value === 'sending';
  const error = flow.error.value;
  const agent = view.agentFirstName;

  const submit = (event: Event): void => {
    event.preventDefault();
    void flow.submit();
  };

  return (
    <main class="screen survey-screen">
      <form class="screen-form" aria-labelledby="survey-title" onSubmit={submit} noValidate>
        <div class="screen-body">
          <p class="brand">{view.companyName}</p>
          {props.ending === undefined ? (
            <h1 id="survey-title" ref={heading} tabIndex={-1}>
              {t('survey.linkTitle')}
            </h1>
          ) : (
            <>
              <div class="survey-ended">
                <span class="survey-ended-mark" aria-hidden="true">
                  ✓
                </span>
                <div>
                  <h1 ref={heading} tabIndex={-1}>
                    {props.ending.title}
                  </h1>
                  <p>{props.ending.body}</p>
                </div>
              </div>
              <h2 id="survey-title">{t('survey.title')}</h2>
            </>
          )}
          <p class="lead">{leadOf(agent, props.ending === undefined)}</p>
          <div class="survey-questions">
            {view.questions.map((question) =>
              question.kind === 'comment' ? (
                <CommentQuestion key={question.id} flow={flow} question={question} />
              ) : (
                <RatingQuestion
                  key={question.id}
                  flow={flow}
                  question={question}
                  kind={question.kind}
                />
              ),
            )}
          </div>
        </div>
        <div class="screen-actions survey-actions">
          {error !== null ? (
            <p class="inline-alert" role="alert">
              {t(error)}
            </p>
          ) : null}
          <button
            type="submit"
            class="button button-primary button-large"
            disabled={sending}
            aria-busy={sending}
          >
            {sending ? t('survey.sending') : t('survey.submit')}
          </button>
          <button
            type="button"
            class="button button-quiet survey-skip"
            disabled={sending}
            onClick={() => flow.skip()}
          >
            {t('survey.skip')}
          </button>
        </div>
      </form>
    </main>
  );
}

/** Returns the line under the heading: right after the call, or later from the e-mailed link. */
function leadOf(agent: string | null, fromLink: boolean): string {
  if (fromLink) {
    return agent === null ? t('survey.linkLeadNoAgent') : t('survey.linkLead', { agent });
  }
  return agent === null ? t('survey.leadNoAgent') : t('survey.lead', { agent });
}

function RatingQuestion(props: {
  flow: SurveyFlow;
  question: SurveyQuestionView;
  kind: RatingKind;
}): JSX.Element {
  const { flow, question, kind } = props;
  const scale = question.scale ?? { min: 1, max: 5 };
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
  const chosen = flow.answers.value[question.id];
  const ends = scaleEnds[kind];
  const legendId = `survey-${question.id}-text`;
  const endsId = `survey-${question.id}-ends`;

  // A fieldset may take the radiogroup role; aria-labelledby names the group after its legend.
  return (
    <fieldset
      class="survey-question"
      role="radiogroup"
      aria-labelledby={legendId}
      aria-describedby={endsId}
    >
      <legend id={legendId}>{question.text}</legend>
      <div class="scale" style={{ '--points': String(points.length) }}>
        {points.map((value) => (
          <label key={value} class="scale-option">
            <input
              type="radio"
              name={`survey-${question.id}`}
              value={value}
              aria-label={endPointLabel(value, scale, ends)}
              checked={chosen === value}
              onChange={() => flow.choose(question.id, value)}
            />
            <span>{value}</span>
          </label>
        ))}
      </div>
      <p class="scale-ends" id={endsId}>
        <span>{t(ends.low)}</span>
        <span>{t(ends.high)}</span>
      </p>
    </fieldset>
  );
}

function CommentQuestion(props: { flow: SurveyFlow; question: SurveyQuestionView }): JSX.Element {
  const { flow, question } = props;
  const value = flow.answers.value[question.id];
  return (
    <label class="entry-field survey-comment">
      <span>
        {question.text} <span class="survey-optional">{t('survey.optional')}</span>
      </span>
      <textarea
        name={`survey-${question.id}`}
        rows={3}
        maxLength={2000}
        value={typeof value === 'string' ? value : ''}
        onInput={(event) => flow.choose(question.id, event.currentTarget.value)}
      />
    </label>
  );
}

function SurveyThanks({ flow }: { flow: SurveyFlow }): JSX.Element {
  const company = flow.view.value?.companyName ?? t('app.name');
  return (
    <SurveyMessage
      tone="done"
      title="survey.thanks.title"
      body="survey.thanks.body"
      params={{ company }}
    />
  );
}

const unavailableMessages: Record<SurveyUnavailable, { title: MessageKey; body: MessageKey }> = {
  expired: { title: 'survey.expired.title', body: 'survey.expired.body' },
  not_found: { title: 'survey.notFound.title', body: 'survey.notFound.body' },
  unreachable: { title: 'survey.unreachable.title', body: 'survey.unreachable.body' },
  answered: { title: 'survey.answered.title', body: 'survey.answered.body' },
};

function SurveyUnavailableScreen(props: {
  reason: SurveyUnavailable;
  onRetry(): void;
}): JSX.Element {
  const message = unavailableMessages[props.reason];
  const tone = props.reason === 'answered' ? 'done' : 'problem';
  return (
    <SurveyMessage tone={tone} title={message.title} body={message.body}>
      {props.reason === 'unreachable' ? (
        <div class="screen-actions">
          <button type="button" class="button button-primary button-large" onClick={props.onRetry}>
            {t('common.tryAgain')}
          </button>
        </div>
      ) : null}
    </SurveyMessage>
  );
}

function SurveyMessage(props: {
  tone: 'done' | 'problem';
  title: MessageKey;
  body: MessageKey;
  params?: Record<string, string>;
  children?: ComponentChildren;
}): JSX.Element {
  const heading = useFocusHeading();
  return (
    <main class={`screen screen-center problem-${props.tone}`}>
      <div class="screen-body">
        <div class={`badge badge-${props.tone}`} aria-hidden="true">
          {props.tone === 'done' ? '✓' : '!'}
        </div>
        <h1 ref={heading} tabIndex={-1}>
          {t(props.title, props.params)}
        </h1>
        <p class="lead">{t(props.body, props.params)}</p>
        {props.tone === 'done' ? <p>{t('survey.closePage')}</p> : null}
      </div>
      {props.children}
    </main>
  );
}
