import { surveyScales, type SessionDetail } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { formatDateTime, t, type MessageKey } from '../i18n';

type Survey = NonNullable<SessionDetail['survey']>;

const ratings: { key: keyof typeof surveyScales; label: MessageKey }[] = [
  { key: 'csat', label: 'caseSurvey.csat' },
  { key: 'empathy', label: 'caseSurvey.empathy' },
  { key: 'ces', label: 'caseSurvey.ces' },
];

/** Renders the customer's survey of the call: its state and, once answered, the ratings and comment. */
export function CaseSurvey({ survey }: { survey: SessionDetail['survey'] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="case-survey-title">
      <h2 id="case-survey-title">{t('caseSurvey.title')}</h2>
      {survey === null ? (
        <p class="muted">{t('caseSurvey.none')}</p>
      ) : (
        <SurveyState survey={survey} />
      )}
    </section>
  );
}

function SurveyState({ survey }: { survey: Survey }): JSX.Element {
  if (survey.status === 'open') {
    return <p class="muted">{t('caseSurvey.open', { time: formatDateTime(survey.expiresAt) })}</p>;
  }
  if (survey.status === 'expired' || survey.submittedAt === null) {
    return (
      <p class="muted">{t('caseSurvey.expired', { time: formatDateTime(survey.expiresAt) })}</p>
    );
  }

  return (
    <>
      <p class="muted">{t('caseSurvey.answered', { time: formatDateTime(survey.submittedAt) })}</p>
      <dl class="details">
        {ratings.map((rating) => {
          const value = survey[rating.key];
          return [
            <dt key={`${rating.key}-label`}>{t(rating.label)}</dt>,
            <dd key={`${rating.key}-value`}>
              {value === null
                ? t('caseSurvey.notAnswered')
                : t('caseSurvey.score', { value, max: surveyScales[rating.key].max })}
            </dd>,
          ];
        })}
        <dt>{t('caseSurvey.comment')}</dt>
        <dd class="notes">{survey.comment ?? t('caseSurvey.notAnswered')}</dd>
      </dl>
    </>
  );
}
