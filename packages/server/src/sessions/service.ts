import { and, asc, count, eq, lte } from 'drizzle-orm';
import type {
  ChatMessage,
  CreateSessionBody,
  SessionDetail,
  SessionEventType,
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
  type SessionRow,
  findSessionById,
  findSessionByToken,
  insertEvent,
  listChat,
  listEvents,
  listSessions,
  productLineNames,
  toChatMessage,
  toSummary,
  userNames,
} from './queries.js';

/** Statuses after which a customer link no longer opens a call. */
const closedStatuses: readonly SessionStatus[] = ['wrap_up', 'ended', 'abandoned'];

export interface SessionServiceOptions {
  publicUrl: string;
  inviteTtlMs: number;
}

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

  /** Creates an invite: a waiting session with a customer link that expires. */
  async createInvite(agent: User, body: CreateSessionBody) {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.options.inviteTtlMs);

    const row = await this.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(supportSessions)
        .values({
          status: 'waiting',
          entry: 'invite',
          customerToken: newToken(),
          customerName: body.customerName ?? null,
          topic: body.topic ?? null,
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
          entry: 'invite',
        },
        now,
      );
      return inserted;
    });

    return {
      id: row.id,
      customerUrl: this.customerUrl(row.customerToken),
      qrCodeSvgUrl: `/api/sessions/${row.id}/qr.svg`,
      expiresAt: row.expiresAt.toISOString(),
    };
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
    const [events, chat, names, lineNames] = await Promise.all([
      listEvents(this.db, id),
      listChat(this.db, id),
      userNames(this.db, agentIds([row])),
      productLineNames(this.db, [row.productLineId]),
    ]);

    const linkOpen = !closedStatuses.includes(row.status);
    return {
      ...toSummary(row, names, lineNames),
      notes: row.notes,
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
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(supportSessions)
        .set({ status: 'active', startedAt: now, agentId })
        .where(and(eq(supportSessions.id, sessionId), eq(supportSessions.status, 'waiting')))
        .returning({ id: supportSessions.id });
      if (updated.length === 0) return false;

      await insertEvent(
        tx,
        sessionId,
        'call_started',
        trigger,
        { from: 'waiting', to: 'active', agentId },
        now,
      );
      return true;
    });
  }

  /**
   * Ends the call: an active session moves to `wrap_up`, a waiting one to `abandoned`. Throws
   * `INVALID_TRANSITION` when the session is already past the call.
   */
  async endCall(
    sessionId: string,
    actor: Actor,
    details: Record<string, unknown> = {},
  ): Promise<SessionStatus> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = await findSessionById(tx, sessionId);
      if (row === undefined) throw new AppError('SESSION_NOT_FOUND');

      let next: 'wrap_up' | 'abandoned';
      if (row.status === 'active') next = 'wrap_up';
      else if (row.status === 'waiting') next = 'abandoned';
      else throw new AppError('INVALID_TRANSITION');

      const updated = await tx
        .update(supportSessions)
        .set({ status: next, endedAt: now })
        .where(and(eq(supportSessions.id, sessionId), eq(supportSessions.status, row.status)))
        .returning({ id: supportSessions.id });
      if (updated.length === 0) throw new AppError('INVALID_TRANSITION');

      const type = next === 'wrap_up' ? 'ended' : 'abandoned';
      await insertEvent(
        tx,
        sessionId,
        type,
        actor,
        { from: row.status, to: next, ...details },
        now,
      );
      return next;
    });
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

  /** Stores the agent's wrap-up and moves the session from `wrap_up` to `ended`. */
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

      const updated = await tx
        .update(supportSessions)
        .set({ status: 'ended', disposition: body.disposition, notes: body.notes })
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
          wrapUpMs,
        },
        now,
      );
    });
    return this.detail(sessionId);
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

function agentIds(rows: SessionRow[]): string[] {
  return rows.flatMap((row) => [row.agentId, row.createdBy]).filter((id) => id !== null);
}
