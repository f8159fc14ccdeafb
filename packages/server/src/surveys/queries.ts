import { type SQL, and, asc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../db/event-log.js';
import { supportSessions, surveys, users } from '../db/schema.js';

export type SurveyRow = typeof surveys.$inferSelect;

/** A survey with what its page shows about the call: the agent's name. */
export interface SurveyWithAgent {
  survey: SurveyRow;
  agentName: string | null;
}

const surveyWithAgentColumns = {
  survey: surveys,
  agentName: users.name,
};

/** Inserts a session's survey unless it has one; returns false when it already had. */
export async function insertSurvey(
  db: Executor,
  values: typeof surveys.$inferInsert,
): Promise<boolean> {
  const inserted = await db
    .insert(surveys)
    .values(values)
    .onConflictDoNothing()
    .returning({ sessionId: surveys.sessionId });
  return inserted.length > 0;
}

/** Finds the one survey, with its agent's name, that `condition` picks. */
async function findSurveyWithAgent(
  db: Executor,
  condition: SQL,
): Promise<SurveyWithAgent | undefined> {
  const [row] = await db
    .select(surveyWithAgentColumns)
    .from(surveys)
    .innerJoin(supportSessions, eq(supportSessions.id, surveys.sessionId))
    .leftJoin(users, eq(users.id, supportSessions.agentId))
    .where(condition);
  return row;
}

export async function findSurveyByToken(
  db: Executor,
  token: string,
): Promise<SurveyWithAgent | undefined> {
  return findSurveyWithAgent(db, eq(surveys.token, token));
}

/** Finds the survey of the session that a customer link token opened. */
export async function findSurveyByCustomerToken(
  db: Executor,
  customerToken: string,
): Promise<SurveyWithAgent | undefined> {
  return findSurveyWithAgent(db, eq(supportSessions.customerToken, customerToken));
}

export async function findSurveyBySession(
  db: Executor,
  sessionId: string,
): Promise<SurveyRow | undefined> {
  const [row] = await db.select().from(surveys).where(eq(surveys.sessionId, sessionId));
  return row;
}

/** Stores the answers unless the survey was answered meanwhile; returns false in that case. */
export async function storeAnswers(
  db: Executor,
  sessionId: string,
  values: Pick<SurveyRow, 'answers' | 'csat' | 'empathy' | 'ces' | 'comment' | 'submittedAt'>,
): Promise<boolean> {
  const updated = await db
    .update(surveys)
    .set(values)
    .where(and(eq(surveys.sessionId, sessionId), isNull(surveys.submittedAt)))
    .returning({ sessionId: surveys.sessionId });
  return updated.length > 0;
}

/** A survey whose link is due to be e-mailed, with the contact and names the message uses. */
export interface DueSurveyEmail {
  survey: SurveyRow;
  email: string;
  customerName: string | null;
  agentName: string | null;
}

/**
 * Lists open, unanswered surveys created at or before `createdBefore` whose link was never
 * e-mailed and whose session has a customer e-mail, oldest first.
 */
export async function listDueSurveyEmails(
  db: Executor,
  filter: { now: Date; createdBefore: Date; limit: number },
): Promise<DueSurveyEmail[]> {
  const rows = await db
    .select({
      survey: surveys,
      email: supportSessions.customerEmail,
      customerName: supportSessions.customerName,
      agentName: users.name,
    })
    .from(surveys)
    .innerJoin(supportSessions, eq(supportSessions.id, surveys.sessionId))
    .leftJoin(users, eq(users.id, supportSessions.agentId))
    .where(
      and(
        isNull(surveys.submittedAt),
        isNull(surveys.emailedAt),
        gt(surveys.expiresAt, filter.now),
        lte(surveys.createdAt, filter.createdBefore),
        isNotNull(supportSessions.customerEmail),
      ),
    )
    .orderBy(asc(surveys.createdAt))
    .limit(filter.limit);
  return rows.flatMap((row) => (row.email === null ? [] : [{ ...row, email: row.email }]));
}

/**
 * Marks a survey's link as e-mailed at `at`, unless another process did or the customer answered
 * meanwhile; returns whether this caller claimed it.
 */
export async function claimSurveyEmail(db: Executor, sessionId: string, at: Date) {
  const updated = await db
    .update(surveys)
    .set({ emailedAt: at })
    .where(
      and(eq(surveys.sessionId, sessionId), isNull(surveys.emailedAt), isNull(surveys.submittedAt)),
    )
    .returning({ sessionId: surveys.sessionId });
  return updated.length > 0;
}

/** Clears the e-mailed mark after a failed send, so a later pass tries again. */
export async function releaseSurveyEmail(db: Executor, sessionId: string, at: Date) {
  await db
    .update(surveys)
    .set({ emailedAt: null })
    .where(and(eq(surveys.sessionId, sessionId), eq(surveys.emailedAt, at)));
}
