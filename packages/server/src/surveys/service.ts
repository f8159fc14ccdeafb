import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import {
  surveyQuestionSchema,
  surveyScales,
  type Issue,
  type SessionSurvey,
  type SubmitSurveyBody,
  type SurveyQuestion,
  type SurveyQuestionView,
  type SurveyView,
} from '@lensdesk/protocol';
import { newToken } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { type Executor, insertEvent } from '../db/event-log.js';
import { AppError } from '../errors.js';
import type { Mailer } from '../notifications/mailer.js';
import type { SettingsService } from '../settings/service.js';
import { surveyEmail } from './email.js';
import {
  type SurveyRow,
  type SurveyWithAgent,
  claimSurveyEmail,
  findSurveyBySession,
  findSurveyByCustomerToken,
  findSurveyByToken,
  insertSurvey,
  listDueSurveyEmails,
  releaseSurveyEmail,
  storeAnswers,
} from './queries.js';

const dayMs = 86_400_000;

/**
 * Delay after the call ends before an unanswered survey is e-mailed, if the customer left an
 * address.
 */
export const surveyEmailDelayMs = 10 * 60_000;

/**
 * Maximum attempts to send one survey e-mail in this process while sends fail for a temporary
 * reason.
 */
const maxEmailAttempts = 5;

/** Maximum number of surveys e-mailed per sweep. The rest wait for the next sweep. */
const emailBatchSize = 50;

const storedQuestionsSchema = z.array(surveyQuestionSchema);

export interface SurveyServiceOptions {
  publicUrl: string;
  companyName: string;
  /** Mailer for survey links, or undefined when e-mail is not set up, so no link is e-mailed. */
  mailer: Mailer | undefined;
  log: FastifyBaseLogger;
}

/** Rating columns that a kind's answer is stored in, so KPIs read them without parsing JSON. */
type RatingColumns = Pick<SurveyRow, 'csat' | 'empathy' | 'ces' | 'comment'>;

/**
 * Customer surveys, one per session whose call took place. A survey is created when the call ends,
 * with the questions as configured then, and is answered once through an unguessable link. A
 * customer who left an address but did not answer gets the link by e-mail once.
 */
export class SurveyService {
  /** Failed sends per session since this process started, for temporary e-mail failures. */
  private readonly emailFailures = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly options: SurveyServiceOptions,
  ) {}

  surveyUrl(token: string): string {
    return `${this.options.publicUrl}/survey/${token}`;
  }

  /**
   * Creates the survey of a session whose call just ended, inside the caller's transaction. Does
   * nothing when every question is hidden (the survey is off) or the session already has one.
   */
  async createForSession(db: Executor, sessionId: string, endedAt: Date): Promise<void> {
    const questions = (await this.settings.get('surveyQuestions', db)).filter(
      (question) => question.shown,
    );
    if (questions.length === 0) return;

    const ttlDays = await this.settings.get('surveyTtlDays', db);
    await insertSurvey(db, {
      sessionId,
      token: newToken(),
      questions,
      createdAt: endedAt,
      expiresAt: new Date(endedAt.getTime() + ttlDays * dayMs),
    });
  }

  /**
   * Returns the survey that a survey link opens, answered or not. Throws `SURVEY_NOT_FOUND`, or
   * `SURVEY_EXPIRED` for an unanswered survey past its expiry.
   */
  async view(token: string): Promise<SurveyView> {
    const found = await findSurveyByToken(this.db, token);
    if (found === undefined) throw new AppError('SURVEY_NOT_FOUND');
    this.checkNotExpired(found.survey);
    return this.toView(found);
  }

  /**
   * Returns the survey of the session that a customer link opened, so the page can show it
   * right after the call. Throws `SURVEY_NOT_FOUND` when the call ended without one.
   */
  async viewForCustomerLink(customerToken: string): Promise<SurveyView> {
    const found = await findSurveyByCustomerToken(this.db, customerToken);
    if (found === undefined) throw new AppError('SURVEY_NOT_FOUND');
    this.checkNotExpired(found.survey);
    return this.toView(found);
  }

  /**
   * Stores the customer's answers and logs `survey_submitted`. Throws `SURVEY_NOT_FOUND`,
   * `SURVEY_ALREADY_ANSWERED`, `SURVEY_EXPIRED`, or `VALIDATION_FAILED` with one issue per bad
   * answer. A rejected request stores nothing.
   */
  async submit(token: string, body: SubmitSurveyBody): Promise<SurveyView> {
    const found = await findSurveyByToken(this.db, token);
    if (found === undefined) throw new AppError('SURVEY_NOT_FOUND');
    const { survey } = found;
    if (survey.submittedAt !== null) throw new AppError('SURVEY_ALREADY_ANSWERED');
    this.checkNotExpired(survey);

    const questions = storedQuestions(survey);
    const columns = checkAnswers(questions, body.answers);
    const answers = Object.fromEntries(
      questions.flatMap((question) => {
        const value = normalizedAnswer(body.answers[question.id]);
        return value === undefined ? [] : [[question.id, value]];
      }),
    );

    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const stored = await storeAnswers(tx, survey.sessionId, {
        answers,
        ...columns,
        submittedAt: now,
      });
      if (!stored) throw new AppError('SURVEY_ALREADY_ANSWERED');

      const data = { csat: columns.csat, empathy: columns.empathy, ces: columns.ces };
      await insertEvent(
        tx,
        survey.sessionId,
        'survey_submitted',
        { type: 'customer', id: null },
        data,
        now,
      );
    });

    this.options.log.info({ sessionId: survey.sessionId }, 'survey answered');
    return this.toView({ ...found, survey: { ...survey, submittedAt: now } });
  }

  /** Returns the survey of a session as the case record shows it, or null when it has none. */
  async ofSession(sessionId: string, db: Executor = this.db): Promise<SessionSurvey | null> {
    const survey = await findSurveyBySession(db, sessionId);
    if (survey === undefined) return null;

    let status: SessionSurvey['status'] = 'open';
    if (survey.submittedAt !== null) status = 'answered';
    else if (survey.expiresAt <= this.clock.now()) status = 'expired';
    return {
      status,
      expiresAt: survey.expiresAt.toISOString(),
      submittedAt: survey.submittedAt?.toISOString() ?? null,
      csat: survey.csat,
      empathy: survey.empathy,
      ces: survey.ces,
      comment: survey.comment,
    };
  }

  /**
   * E-mails the link of each open survey left unanswered for `surveyEmailDelayMs` after the
   * call, once, to the address the customer left, and logs `survey_sent`. A temporary failure
   * is retried on later sweeps, up to `maxEmailAttempts` attempts per process. A rejected address
   * (`EMAIL_REJECTED`) is not retried. Returns how many e-mails went out.
   */
  async sendDueEmails(): Promise<number> {
    const mailer = this.options.mailer;
    if (mailer === undefined) return 0;

    const now = this.clock.now();
    const due = await listDueSurveyEmails(this.db, {
      now,
      createdBefore: new Date(now.getTime() - surveyEmailDelayMs),
      limit: emailBatchSize,
    });

    let sent = 0;
    for (const entry of due) {
      const { survey } = entry;
      if (!(await claimSurveyEmail(this.db, survey.sessionId, now))) continue;

      const daysLeft = Math.max(1, Math.ceil((survey.expiresAt.getTime() - now.getTime()) / dayMs));
      const message = surveyEmail(
        {
          companyName: this.options.companyName,
          agentFirstName: firstNameOf(entry.agentName),
          customerName: entry.customerName,
          surveyUrl: this.surveyUrl(survey.token),
          daysLeft,
        },
        entry.email,
      );

      try {
        await mailer.send(message);
      } catch (error) {
        await this.handleEmailFailure(survey.sessionId, now, error);
        continue;
      }

      this.emailFailures.delete(survey.sessionId);
      await insertEvent(
        this.db,
        survey.sessionId,
        'survey_sent',
        { type: 'system', id: null },
        { channel: 'email' },
        now,
      );
      this.options.log.info({ sessionId: survey.sessionId }, 'survey link e-mailed');
      sent += 1;
    }
    return sent;
  }

  private async handleEmailFailure(sessionId: string, claimedAt: Date, error: unknown) {
    const code = error instanceof AppError ? error.code : 'EMAIL_FAILED';
    const failures = (this.emailFailures.get(sessionId) ?? 0) + 1;
    const retry = code !== 'EMAIL_REJECTED' && failures < maxEmailAttempts;

    this.options.log.error(
      { err: error, sessionId, code, attempt: failures, retry },
      'sending the survey e-mail failed',
    );
    if (retry) {
      this.emailFailures.set(sessionId, failures);
      await releaseSurveyEmail(this.db, sessionId, claimedAt);
    } else {
      this.emailFailures.delete(sessionId);
    }
  }

  private checkNotExpired(survey: SurveyRow): void {
    if (survey.submittedAt === null && survey.expiresAt <= this.clock.now()) {
      throw new AppError('SURVEY_EXPIRED');
    }
  }

  private toView({ survey, agentName }: SurveyWithAgent): SurveyView {
    return {
      token: survey.token,
      companyName: this.options.companyName,
      agentFirstName: firstNameOf(agentName),
      questions: storedQuestions(survey).map(toQuestionView),
      expiresAt: survey.expiresAt.toISOString(),
      submittedAt: survey.submittedAt?.toISOString() ?? null,
    };
  }
}

function storedQuestions(survey: SurveyRow): SurveyQuestion[] {
  return storedQuestionsSchema.parse(survey.questions);
}

function toQuestionView(question: SurveyQuestion): SurveyQuestionView {
  return {
    id: question.id,
    kind: question.kind,
    text: question.text,
    scale: question.kind === 'comment' ? null : surveyScales[question.kind],
  };
}

/** Returns an answer as stored: comments trimmed, and an empty comment as no answer. */
function normalizedAnswer(value: number | string | undefined): number | string | undefined {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Checks each answer against the survey's questions and returns the values of the rating and
 * comment columns. Throws `VALIDATION_FAILED` naming every bad answer, or when none is given.
 */
function checkAnswers(
  questions: SurveyQuestion[],
  answers: SubmitSurveyBody['answers'],
): RatingColumns {
  const issues: Issue[] = [];
  const byId = new Map(questions.map((question) => [question.id, question]));
  const columns: RatingColumns = { csat: null, empathy: null, ces: null, comment: null };

  for (const [id, raw] of Object.entries(answers)) {
    const question = byId.get(id);
    const path = `answers.${id}`;
    if (question === undefined) {
      issues.push({ path, message: 'is not a question of this survey' });
      continue;
    }

    const value = normalizedAnswer(raw);
    if (value === undefined) continue;
    if (question.kind === 'comment') {
      if (typeof value !== 'string') issues.push({ path, message: 'must be text' });
      else columns.comment = value;
      continue;
    }

    const { min, max } = surveyScales[question.kind];
    if (typeof value !== 'number' || value < min || value > max) {
      issues.push({ path, message: `must be a whole number from ${min} to ${max}` });
    } else {
      columns[question.kind] = value;
    }
  }

  const answered = Object.values(columns).some((value) => value !== null);
  if (issues.length === 0 && !answered) {
    issues.push({ path: 'answers', message: 'must answer at least one question' });
  }
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some answers are invalid.', issues);
  }
  return columns;
}

/** Returns the first word of a display name, or null. */
function firstNameOf(name: string | null): string | null {
  const first = name?.trim().split(/\s+/u)[0];
  return first === undefined || first === '' ? null : first;
}
