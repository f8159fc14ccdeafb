import { randomInt } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, lte, ne, or } from 'drizzle-orm';
import type {
  ChatMessage,
  CreateSessionBody,
  CreateSessionResponse,
  SessionDetail,
  SessionEventType,
  SessionSurvey,
  SessionStatus,
  UpdateSessionBody,
  User,
  WrapUpBody,
} from '@lensdesk/protocol';
import { newToken } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { chatMessages, supportSessions } from '../db/schema.js';
import { AppError } from '../errors.js';
import {
  type Actor,
  type Executor,
  type SessionRow,
  findSessionById,
  findSessionByToken,
  insertEvent,
  listChat,
  listEvents,
  listSessions,
  productLineNames,
  resolutionCodeEntry,
  hasActiveResolutionCodes,
  toChatMessage,
  toSummary,
  userNames,
} from './queries.js';

/** Statuses after which a customer link no longer opens a call. */
const closedStatuses: readonly SessionStatus[] = ['wrap_up', 'ended', 'abandoned'];

export interface SessionServiceOptions {
  publicUrl: string;
  inviteTtlMs: number;
  /**
   * Runs in the transaction that moves a call to `wrap_up`, before the `ended` event is appended,
   * so hooks on that event see what it stored. The surveys domain creates the survey here.
   */
  onCallEnded?: (db: Executor, sessionId: string, endedAt: Date) => Promise<void>;
  /** Returns the customer's survey of a session for the case record. */
  surveyOf?: (sessionId: string) => Promise<SessionSurvey | null>;
  /** Lifetime of a six-digit short code, capped by the invite's expiry. Defaults to 15 minutes. */
  shortCodeTtlMs?: number;
  /** Hooks on each call's start, end and wrap-up, which the queue uses to keep agents' presence. */
  lifecycle?: SessionLifecycle;
}

/**
 * Steps of a call that another domain follows. Each runs after the step's transaction has
 * committed, and handles its own failures.
 */
export interface SessionLifecycle {
  callStarted(sessionId: string, agentId: string): Promise<void>;
  /** `before` is the session as it was before the call ended. */
  callEnded(before: SessionRow, status: 'wrap_up' | 'abandoned'): Promise<void>;
  wrapUpDone(sessionId: string, agentId: string): Promise<void>;
}

/** Origin of an invite that is not a plain invite, which is so far only a callback request. */
export interface InviteOrigin {
  entry: 'callback';
  productLineId: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
}

/**
 * Maximum attempts to draw a free short code. With 1,000 live codes, each attempt collides 1 time
 * in 1,000.
 */
const maxShortCodeAttempts = 8;

const defaultShortCodeTtlMs = 15 * 60_000;

/** Support sessions (cases): invites, status transitions, the event log and chat. */
export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: SessionServiceOptions,
  ) {}

  customerUrl(token: string): string {
    return `${this.options.publicUrl}/s/${token}`;
  }

  /**
   * Creates an invite: a waiting session with a customer link that expires. With
   * `body.shortCode`, the session also gets a six-digit code that opens it at `/join` (entry
   * `code`). A code that another live session has is drawn again. `origin` marks the invite of
   * a callback request and carries its product line and contact over.
   */
  async createInvite(
    agent: User,
    body: CreateSessionBody,
    origin?: InviteOrigin,
  ): Promise<CreateSessionResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const shortCode = body.shortCode === true ? newShortCode() : null;
      try {
        return await this.insertInvite(agent, body, shortCode, origin);
      } catch (error) {
        if (shortCode === null || !isUniqueViolation(error) || attempt >= maxShortCodeAttempts) {
          throw error;
        }
        // Codes of sessions that closed or expired still hold their slot until swept.
        if (attempt === 1) await this.clearStaleShortCodes();
      }
    }
  }

  private async insertInvite(
    agent: User,
    body: CreateSessionBody,
    shortCode: string | null,
    origin: InviteOrigin | undefined,
  ): Promise<CreateSessionResponse> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.options.inviteTtlMs);
    const entry = origin?.entry ?? (shortCode === null ? 'invite' : 'code');

    const row = await this.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(supportSessions)
        .values({
          status: 'waiting',
          entry,
          customerToken: newToken(),
          customerName: body.customerName ?? null,
          topic: body.topic ?? null,
          shortCode,
          productLineId: origin?.productLineId ?? null,
          customerEmail: origin?.customerEmail ?? null,
          customerPhone: origin?.customerPhone ?? null,
          createdBy: agent.id,
          createdAt: now,
          expiresAt,
        })
        .returning();
      if (inserted === undefined) throw new Error('Inserting the session returned no row.');

      await insertEvent(
        tx,
        inserted.id,
        'created',
        { type: 'agent', id: agent.id },
        {
          to: 'waiting',
          entry,
        },
        now,
      );
      return inserted;
    });

    const created = {
      id: row.id,
      customerUrl: this.customerUrl(row.customerToken),
      qrCodeSvgUrl: `/api/sessions/${row.id}/qr.svg`,
      expiresAt: row.expiresAt.toISOString(),
    };
    if (row.shortCode === null) return created;
    return {
      ...created,
      shortCode: row.shortCode,
      shortCodeExpiresAt: this.shortCodeExpiry(row).toISOString(),
    };
  }

  /**
   * Opens the session of a six-digit code once. The same conditional update clears the code, so
   * two customers typing it at once cannot both get the link. Throws `CODE_INVALID` for an
   * unknown, used or expired code.
   */
  async redeemShortCode(code: string): Promise<SessionRow> {
    const now = this.clock.now();
    const [row] = await this.db
      .update(supportSessions)
      .set({ shortCode: null })
      .where(and(eq(supportSessions.shortCode, code), this.liveShortCode(now)))
      .returning();
    if (row === undefined) throw new AppError('CODE_INVALID');
    return row;
  }

  /** Frees the short codes of sessions that closed, started or expired, and returns how many. */
  async clearStaleShortCodes(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.db
      .update(supportSessions)
      .set({ shortCode: null })
      .where(
        and(
          isNotNull(supportSessions.shortCode),
          or(
            ne(supportSessions.status, 'waiting'),
            lte(supportSessions.expiresAt, now),
            lte(supportSessions.createdAt, this.shortCodeCutoff(now)),
          ),
        ),
      )
      .returning({ id: supportSessions.id });
    return rows.length;
  }

  private shortCodeExpiry(row: SessionRow): Date {
    const ttl = this.options.shortCodeTtlMs ?? defaultShortCodeTtlMs;
    return new Date(Math.min(row.expiresAt.getTime(), row.createdAt.getTime() + ttl));
  }

  private shortCodeCutoff(now: Date): Date {
    return new Date(now.getTime() - (this.options.shortCodeTtlMs ?? defaultShortCodeTtlMs));
  }

  /**
   * Returns the condition of a live short code: its session is waiting and neither code nor link
   * expired.
   */
  private liveShortCode(now: Date) {
    return and(
      eq(supportSessions.status, 'waiting'),
      isNull(supportSessions.queuedAt),
      gt(supportSessions.expiresAt, now),
      gt(supportSessions.createdAt, this.shortCodeCutoff(now)),
    );
  }

  async get(id: string): Promise<SessionRow> {
    const row = await findSessionById(this.db, id);
    if (row === undefined) throw new AppError('SESSION_NOT_FOUND');
    return row;
  }

  async list(filter: { status?: SessionStatus | undefined; limit: number }) {
    const rows = await listSessions(this.db, filter);
    const [names, lineNames] = await Promise.all([
      userNames(this.db, agentIds(rows)),
      productLineNames(
        this.db,
        rows.map((row) => row.productLineId),
      ),
    ]);
    return rows.map((row) => toSummary(row, names, lineNames));
  }

  async detail(id: string): Promise<SessionDetail> {
    const row = await this.get(id);
    const [events, chat, names, lineNames, resolution, survey] = await Promise.all([
      listEvents(this.db, id),
      listChat(this.db, id),
      userNames(this.db, agentIds([row])),
      productLineNames(this.db, [row.productLineId]),
      row.resolutionCode === null ? undefined : resolutionCodeEntry(this.db, row.resolutionCode),
      this.options.surveyOf?.(id) ?? null,
    ]);

    const linkOpen = !closedStatuses.includes(row.status);
    return {
      ...toSummary(row, names, lineNames),
      notes: row.notes,
      resolution:
        row.resolutionCode === null
          ? null
          : { code: row.resolutionCode, label: resolution?.label ?? row.resolutionCode },
      wrapUpDoneAt: row.wrapUpDoneAt?.toISOString() ?? null,
      survey,
      customerUrl: linkOpen ? this.customerUrl(row.customerToken) : null,
      qrCodeSvgUrl: linkOpen ? `/api/sessions/${row.id}/qr.svg` : null,
      events,
      chat,
    };
  }

  /**
   * Resolves a customer link to its session, or throws `LINK_INVALID`, `SESSION_ENDED` or
   * `LINK_EXPIRED`. A call in progress stays reachable after the link's expiry so a customer can
   * reconnect.
   */
  async resolveCustomerToken(token: string): Promise<SessionRow> {
    const row = await findSessionByToken(this.db, token);
    if (row === undefined) throw new AppError('LINK_INVALID');
    if (closedStatuses.includes(row.status)) throw new AppError('SESSION_ENDED');
    if (row.status !== 'active' && row.expiresAt <= this.clock.now()) {
      throw new AppError('LINK_EXPIRED');
    }
    return row;
  }

  /** Throws `SESSION_ENDED` unless the session is still waiting for or in its call. */
  async assertCallOpen(sessionId: string): Promise<void> {
    const row = await this.get(sessionId);
    if (closedStatuses.includes(row.status)) throw new AppError('SESSION_ENDED');
  }

  /** Returns the agent shown to the customer: the assigned agent, else the one who invited. */
  async displayedAgent(row: SessionRow) {
    const id = row.agentId ?? row.createdBy;
    if (id === null) return undefined;
    const name = (await userNames(this.db, [id])).get(id);
    return name === undefined ? undefined : { id, name };
  }

  async recordEvent(
    sessionId: string,
    type: SessionEventType,
    actor: Actor,
    data: Record<string, unknown> = {},
  ) {
    await insertEvent(this.db, sessionId, type, actor, data, this.clock.now());
  }

  /**
   * Moves a waiting session to `active` and assigns the agent. `trigger` is who completed the
   * call: the customer pressing Start, or the agent joining. Returns false when another caller
   * already did, so concurrent joins record one `call_started`.
   */
  async startCall(
    sessionId: string,
    agentId: string,
    trigger: Actor = { type: 'agent', id: agentId },
  ): Promise<boolean> {
    const now = this.clock.now();
    const started = await this.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(supportSessions)
        .set({ status: 'active', startedAt: now, agentId })
        .where(and(eq(supportSessions.id, sessionId), this.startableBy(agentId)))
        .returning({ queuedAt: supportSessions.queuedAt });
      if (updated === undefined) return false;

      // A queued session rings (`ringing`) from the accept until the call starts.
      const from = updated.queuedAt === null ? 'waiting' : 'ringing';
      await insertEvent(
        tx,
        sessionId,
        'call_started',
        trigger,
        { from, to: 'active', agentId },
        now,
      );
      return true;
    });
    if (started) await this.options.lifecycle?.callStarted(sessionId, agentId);
    return started;
  }

  /**
   * Returns the condition for sessions whose call `agentId` may start: a waiting invite, or a
   * queued session that this agent accepted. No agent can start a queued session that no agent
   * has accepted.
   */
  private startableBy(agentId: string) {
    return or(
      and(eq(supportSessions.status, 'waiting'), isNull(supportSessions.queuedAt)),
      and(
        inArray(supportSessions.status, ['waiting', 'ringing']),
        eq(supportSessions.agentId, agentId),
      ),
    );
  }

  /**
   * Ends the call. An active session moves to `wrap_up`, and a waiting or ringing one, whose call
   * never started, moves to `abandoned`. Throws `INVALID_TRANSITION` when the session is already
   * past the call.
   */
  async endCall(
    sessionId: string,
    actor: Actor,
    details: Record<string, unknown> = {},
  ): Promise<SessionStatus> {
    const now = this.clock.now();
    const { row, next } = await this.db.transaction(async (tx) => {
      const row = await findSessionById(tx, sessionId);
      if (row === undefined) throw new AppError('SESSION_NOT_FOUND');

      let next: 'wrap_up' | 'abandoned';
      if (row.status === 'active') next = 'wrap_up';
      else if (row.status === 'waiting' || row.status === 'ringing') next = 'abandoned';
      else throw new AppError('INVALID_TRANSITION');

      // A customer ending the call from the waiting room leaves the queue.
      const leftQueue =
        next === 'abandoned' && row.queuedAt !== null && actor.type === 'customer'
          ? { reason: 'left_queue' }
          : {};
      const updated = await tx
        .update(supportSessions)
        .set({
          status: next,
          endedAt: now,
          ...(next === 'abandoned'
            ? { offeredTo: null, offerExpiresAt: null, shortCode: null }
            : {}),
        })
        .where(and(eq(supportSessions.id, sessionId), eq(supportSessions.status, row.status)))
        .returning({ id: supportSessions.id });
      if (updated.length === 0) throw new AppError('INVALID_TRANSITION');
      if (next === 'wrap_up') await this.options.onCallEnded?.(tx, sessionId, now);

      const type = next === 'wrap_up' ? 'ended' : 'abandoned';
      await insertEvent(
        tx,
        sessionId,
        type,
        actor,
        { from: row.status, to: next, ...leftQueue, ...details },
        now,
      );
      return { row, next };
    });
    await this.options.lifecycle?.callEnded(row, next);
    return next;
  }

  /**
   * Sets the case's serial number, model number or product line, as the agent confirmed or
   * typed them, and logs a `case_updated` event with the changes and the read they came from.
   */
  async updateCase(sessionId: string, user: User, body: UpdateSessionBody): Promise<SessionDetail> {
    const changes: Partial<Pick<SessionRow, 'serialNumber' | 'modelNumber' | 'productLineId'>> = {};
    if (body.serialNumber !== undefined) changes.serialNumber = body.serialNumber || null;
    if (body.modelNumber !== undefined) changes.modelNumber = body.modelNumber || null;
    if (body.productLineId !== undefined) changes.productLineId = body.productLineId;

    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await findSessionById(tx, sessionId);
      if (row === undefined) throw new AppError('SESSION_NOT_FOUND');
      if (changes.productLineId != null) {
        const names = await productLineNames(tx, [changes.productLineId]);
        if (!names.has(changes.productLineId)) throw new AppError('PRODUCT_LINE_NOT_FOUND');
      }

      await tx.update(supportSessions).set(changes).where(eq(supportSessions.id, sessionId));
      const data = body.readId === undefined ? { changes } : { changes, readId: body.readId };
      await insertEvent(tx, sessionId, 'case_updated', { type: 'agent', id: user.id }, data, now);
    });
    return this.detail(sessionId);
  }

  /** Returns how many sessions are in one status. */
  async countWithStatus(status: SessionStatus): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(supportSessions)
      .where(eq(supportSessions.status, status));
    return row?.total ?? 0;
  }

  /** Returns the ids of sessions in one status, oldest first, at most `limit`. */
  async idsWithStatus(status: SessionStatus, limit = 1000): Promise<string[]> {
    const rows = await this.db
      .select({ id: supportSessions.id })
      .from(supportSessions)
      .where(eq(supportSessions.status, status))
      .orderBy(asc(supportSessions.createdAt))
      .limit(limit);
    return rows.map((row) => row.id);
  }

  /**
   * Marks waiting sessions whose link expired as `abandoned`, unless one of `keep` (sessions with
   * someone connected). Returns the ids it changed.
   */
  async abandonExpired(keep: ReadonlySet<string>): Promise<string[]> {
    const now = this.clock.now();
    const expired = await this.db
      .select({ id: supportSessions.id })
      .from(supportSessions)
      .where(and(eq(supportSessions.status, 'waiting'), lte(supportSessions.expiresAt, now)))
      .limit(1000);

    const changed: string[] = [];
    for (const { id } of expired) {
      if (keep.has(id)) continue;
      const done = await this.db.transaction(async (tx) => {
        const updated = await tx
          .update(supportSessions)
          .set({ status: 'abandoned', endedAt: now })
          .where(and(eq(supportSessions.id, id), eq(supportSessions.status, 'waiting')))
          .returning({ id: supportSessions.id });
        if (updated.length === 0) return false;

        const data = { from: 'waiting', to: 'abandoned', reason: 'link_expired' };
        await insertEvent(tx, id, 'abandoned', { type: 'system', id: null }, data, now);
        return true;
      });
      if (done) changed.push(id);
    }
    return changed;
  }

  /**
   * Stores the agent's wrap-up (disposition, resolution code, notes), records when it was done,
   * and moves the session from `wrap_up` to `ended`. The `wrap_up_done` event carries the
   * wrap-up time: from the call's end to now.
   */
  async wrapUp(sessionId: string, user: User, body: WrapUpBody): Promise<SessionDetail> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const row = await findSessionById(tx, sessionId);
      if (row === undefined) throw new AppError('SESSION_NOT_FOUND');
      if (row.status !== 'wrap_up') {
        throw new AppError(
          'INVALID_TRANSITION',
          `Wrap-up is possible only after the call has ended; this session is ${row.status}.`,
        );
      }
      await checkResolutionCode(tx, body.resolutionCode);

      const resolutionCode = body.resolutionCode ?? null;
      const updated = await tx
        .update(supportSessions)
        .set({
          status: 'ended',
          disposition: body.disposition,
          resolutionCode,
          notes: body.notes,
          wrapUpDoneAt: now,
        })
        .where(and(eq(supportSessions.id, sessionId), eq(supportSessions.status, 'wrap_up')))
        .returning({ id: supportSessions.id });
      if (updated.length === 0) throw new AppError('INVALID_TRANSITION');

      const wrapUpMs = row.endedAt === null ? null : now.getTime() - row.endedAt.getTime();
      await insertEvent(
        tx,
        sessionId,
        'wrap_up_done',
        { type: 'agent', id: user.id },
        {
          from: 'wrap_up',
          to: 'ended',
          disposition: body.disposition,
          resolutionCode,
          wrapUpMs,
        },
        now,
      );
    });
    const detail = await this.detail(sessionId);
    if (detail.agent !== null) await this.options.lifecycle?.wrapUpDone(sessionId, detail.agent.id);
    return detail;
  }

  async addChatMessage(input: {
    sessionId: string;
    sender: 'agent' | 'customer';
    senderName: string;
    text: string;
  }): Promise<ChatMessage> {
    const [row] = await this.db
      .insert(chatMessages)
      .values({
        sessionId: input.sessionId,
        sender: input.sender,
        senderName: input.senderName,
        body: input.text,
        sentAt: this.clock.now(),
      })
      .returning();
    if (row === undefined) throw new Error('Inserting the chat message returned no row.');
    return toChatMessage(row);
  }

  chatHistory(sessionId: string): Promise<ChatMessage[]> {
    return listChat(this.db, sessionId);
  }
}

/**
 * Throws unless `code` may be recorded: `RESOLUTION_CODE_NOT_FOUND` for an unknown code,
 * `RESOLUTION_CODE_INACTIVE` for a deactivated one, and `RESOLUTION_CODE_REQUIRED` when none is
 * given while the admin list has active codes. With no active code, a wrap-up needs none.
 */
async function checkResolutionCode(db: Executor, code: string | undefined): Promise<void> {
  if (code === undefined) {
    if (await hasActiveResolutionCodes(db)) throw new AppError('RESOLUTION_CODE_REQUIRED');
    return;
  }
  const entry = await resolutionCodeEntry(db, code);
  if (entry === undefined) throw new AppError('RESOLUTION_CODE_NOT_FOUND');
  if (!entry.active) throw new AppError('RESOLUTION_CODE_INACTIVE');
}

/** Draws a six-digit code, uniformly from 000000 to 999999. */
function newShortCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Returns whether a database error is a unique-constraint violation (SQLSTATE 23505). */
function isUniqueViolation(error: unknown): boolean {
  // Drizzle wraps driver errors, so the SQLSTATE is on the error or on one of its causes.
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as Error & { code?: unknown }).code === '23505') return true;
  }
  return false;
}

function agentIds(rows: SessionRow[]): string[] {
  return rows.flatMap((row) => [row.agentId, row.createdBy]).filter((id) => id !== null);
}
