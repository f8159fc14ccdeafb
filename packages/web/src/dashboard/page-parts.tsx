import type { JSX } from 'preact';
import { t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { addDays, type DateRange } from './filters';
import { viewerLocale } from './format';

/** The period shown, as a date range in the viewer's locale, and its time zone. */
export function PeriodSummary({
  range,
  timeZone,
}: {
  range: DateRange;
  timeZone: string;
}): JSX.Element {
  const format = new Intl.DateTimeFormat(viewerLocale(), { dateStyle: 'medium', timeZone: 'UTC' });
  const first = new Date(`${range.from}T12:00:00Z`);
  const last = new Date(`${addDays(range.to, -1)}T12:00:00Z`);
  return (
    <p class="period-summary muted">
      {t('dashboard.periodSummary', {
        period: format.formatRange(first, last),
        timeZone: timeZone.replaceAll('_', ' '),
      })}
    </p>
  );
}

/**
 * Announces loading, and shows a failed request's message with a retry button. The status line
 * stays in the page while empty, so screen readers announce it when it fills.
 */
export function RequestStatus(props: {
  loading: boolean;
  error: unknown;
  onRetry(): void;
}): JSX.Element {
  return (
    <>
      <p class="request-status" role="status">
        {props.loading ? t('dashboard.loading') : ''}
      </p>
      {props.error !== null && !props.loading ? (
        <div class="form-error request-error" role="alert">
          <span>{describeError(props.error)}</span>
          <button type="button" class="button" onClick={props.onRetry}>
            {t('common.tryAgain')}
          </button>
        </div>
      ) : null}
    </>
  );
}
