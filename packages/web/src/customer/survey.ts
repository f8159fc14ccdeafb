import type { SubmitSurveyBody, SurveyView } from '@lensdesk/protocol';
import { batch, computed, signal } from '@preact/signals';
import type { MessageKey } from '../i18n';
import { toRequestError, type ClientErrorCode } from '../shared/errors';
import { requestJson } from '../shared/http';
import type { CustomerProblem } from './state';

/**
 * Phase of the survey: `idle` before anything was requested, `loading`, `open` for answering,
 * `sending`, `done` once answered on this page, `skipped` when the customer declined, and
 * `unavailable` when there is no survey to show (see `unavailable`).
 */
export type SurveyPhase =
  'idle' | 'loading' | 'open' | 'sending' | 'done' | 'skipped' | 'unavailable';

/** Reason a survey cannot be shown. */
export type SurveyUnavailable = 'not_found' | 'expired' | 'unreachable' | 'answered';

/** Ends of a call after which the customer page offers the survey. */
export type SurveyEnding = Extract<
  CustomerProblem,
  'ended_by_agent' | 'ended_by_customer' | 'session_ended'
>;

/** Returns the call's ending if the survey follows it, or null for any other problem. */
export function surveyEndingOf(problem: CustomerProblem): SurveyEnding | null {
  switch (problem) {
    case 'ended_by_agent':
    case 'ended_by_customer':
    case 'session_ended':
      return problem;
    default:
      return null;
  }
}

/** One answer: a number on the question's scale, or the comment's text. */
export type SurveyAnswer = number | string;

/** Maps a failed survey request to the reason shown, or null when the survey was answered. */
export function unavailableReason(code: ClientErrorCode): SurveyUnavailable | null {
  switch (code) {
    case 'SURVEY_ALREADY_ANSWERED':
      return null;
    case 'SURVEY_EXPIRED':
      return 'expired';
    case 'SURVEY_NOT_FOUND':
    case 'VALIDATION_FAILED':
    case 'LINK_INVALID':
      return 'not_found';
    default:
      return 'unreachable';
  }
}

/** Returns the answers to send: ratings as chosen, comments trimmed, empty ones left out. */
export function answersToSend(answers: Readonly<Record<string, SurveyAnswer>>): SubmitSurveyBody {
  const filled: Record<string, SurveyAnswer> = {};
  for (const [id, value] of Object.entries(answers)) {
    const answer = typeof value === 'number' ? value : value.trim();
    if (answer !== '') {
      filled[id] = answer;
    }
  }
  return { answers: filled };
}

/**
 * State of the customer survey: loads it from a survey link or, right after a call, from the
 * call's own link, keeps the answers as the customer taps, and sends them once.
 */
export class SurveyFlow {
  readonly phase = signal<SurveyPhase>('idle');
  readonly view = signal<SurveyView | null>(null);
  readonly answers = signal<Readonly<Record<string, SurveyAnswer>>>({});
  readonly unavailable = signal<SurveyUnavailable | null>(null);
  /** Message under the Submit button after a failed or empty submission. */
  readonly error = signal<MessageKey | null>(null);

  /** False once the survey was skipped or is unavailable, so the page shows its farewell screen. */
  readonly offered = computed(
    () => this.phase.value !== 'skipped' && this.phase.value !== 'unavailable',
  );

  /** True once at least one question has an answer that would be sent. */
  readonly hasAnswer = computed(
    () => Object.keys(answersToSend(this.answers.value).answers).length > 0,
  );

  /** Loads the survey of a survey link (`/survey/<token>`). */
  async loadByToken(token: string): Promise<void> {
    await this.load(`/api/surveys/${encodeURIComponent(token)}`, {});
  }

  /**
   * Loads the survey of the call that a customer link opened, once; later calls do nothing.
   * A call that ended without a survey, or whose survey was answered before this page opened,
   * leaves the flow `unavailable`.
   */
  async loadAfterCall(linkToken: string): Promise<void> {
    if (this.phase.peek() !== 'idle') {
      return;
    }
    const headers = { authorization: `Bearer ${linkToken}` };
    await this.load('/api/customer/survey', headers);
  }

  choose(questionId: string, value: SurveyAnswer): void {
    batch(() => {
      this.answers.value = { ...this.answers.value, [questionId]: value };
      this.error.value = null;
    });
  }

  skip(): void {
    this.phase.value = 'skipped';
  }

  /** Sends the answers; a survey answered meanwhile counts as done. */
  async submit(): Promise<void> {
    const view = this.view.peek();
    if (view === null || this.phase.peek() !== 'open') {
      return;
    }
    const body = answersToSend(this.answers.peek());
    if (Object.keys(body.answers).length === 0) {
      this.error.value = 'survey.chooseOne';
      return;
    }

    batch(() => {
      this.phase.value = 'sending';
      this.error.value = null;
    });
    try {
      await requestJson<SurveyView>(`/api/surveys/${encodeURIComponent(view.token)}`, {
        method: 'POST',
        body,
      });
      this.phase.value = 'done';
    } catch (error) {
      const code = toRequestError(error).code;
      if (code === 'SURVEY_ALREADY_ANSWERED') {
        this.phase.value = 'done';
      } else if (code === 'SURVEY_EXPIRED' || code === 'SURVEY_NOT_FOUND') {
        this.showUnavailable(unavailableReason(code) ?? 'not_found');
      } else {
        batch(() => {
          this.phase.value = 'open';
          this.error.value = 'survey.sendFailed';
        });
      }
    }
  }

  /** Loads a survey; one answered before reads as unavailable, since there is nothing to ask. */
  private async load(path: string, headers: Record<string, string>): Promise<void> {
    this.phase.value = 'loading';
    try {
      const view = await requestJson<SurveyView>(path, { headers });
      if (view.submittedAt !== null) {
        this.showUnavailable('answered');
        return;
      }
      batch(() => {
        this.view.value = view;
        this.phase.value = 'open';
      });
    } catch (error) {
      this.showUnavailable(unavailableReason(toRequestError(error).code) ?? 'answered');
    }
  }

  private showUnavailable(reason: SurveyUnavailable): void {
    batch(() => {
      this.unavailable.value = reason;
      this.phase.value = 'unavailable';
    });
  }
}
