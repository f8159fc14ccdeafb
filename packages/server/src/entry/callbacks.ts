import type { FastifyBaseLogger } from 'fastify';
import type {
  CallbackBody,
  CallbackRequest,
  CreateSessionResponse,
  ListCallbacksQuery,
  User,
} from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { insertEvent } from '../db/event-log.js';
import { AppError } from '../errors.js';
import type { ProductLineService } from '../product-lines/service.js';
import type { QueueNotifier } from '../queue/notifier.js';
import type { QueueService } from '../queue/service.js';
import type { SessionService } from '../sessions/service.js';
import {
  type CallbackRow,
  findCallback,
  insertCallback,
  listCallbacks,
  lockCallback,
  updateCallback,
} from './queries.js';

/** Maximum length of the topic that an invite takes over from a callback's description. */
const maxTopicLength = 200;

/**
 * Callback requests: customers who could not wait leave a contact, and an agent calls back with
 * an invite. A request from the waiting room takes the customer out of the queue.
 */
export class CallbackService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly queue: QueueService,
    private readonly notifier: QueueNotifier,
    private readonly log: FastifyBaseLogger,
    private readonly productLines: ProductLineService,
  ) {}

  /**
   * Stores a callback request. With the customer's link token, the queued session becomes
   * `abandoned` (reason `callback`) and gets a `callback_requested` event. The contact defaults to
   * what the customer gave on entering. With a slug, the request belongs to that product line.
   */
  async request(body: CallbackBody): Promise<{ id: string }> {
    const now = this.clock.now();
    const contact = {
      name: body.name ?? null,
      email: body.email?.toLowerCase() ?? null,
      phone: body.phone ?? null,
      description: body.description,
      status: 'open' as const,
      createdAt: now,
    };

    let id: string;
    if (body.token !== undefined) {
      const session = await this.sessions.resolveCustomerToken(body.token);
      const customer = { type: 'customer' as const, id: null };
      id = '';
      await this.queue.abandon(session.id, 'callback', customer, async (tx, row) => {
        const callback = await insertCallback(tx, {
          ...contact,
          name: contact.name ?? row.customerName,
          email: contact.email ?? row.customerEmail,
          phone: contact.phone ?? row.customerPhone,
          sessionId: row.id,
          productLineId: row.productLineId,
        });
        await insertEvent(
          tx,
          row.id,
          'callback_requested',
          customer,
          { callbackId: callback.id },
          now,
        );
        id = callback.id;
      });
    } else {
      const line = await this.productLines.getBySlug(body.slug ?? '');
      id = (await insertCallback(this.db, { ...contact, productLineId: line.id })).id;
      this.notifier.queueChanged();
    }

    this.log.info({ callbackId: id, fromQueue: body.token !== undefined }, 'callback requested');
    return { id };
  }

  async list(query: ListCallbacksQuery): Promise<CallbackRequest[]> {
    const rows = await listCallbacks(this.db, query);
    return rows.map((row) => toCallbackRequest(row.callback, row.productLineName));
  }

  /**
   * Creates an invite for the customer of a callback request (entry `callback`, with the
   * request's name, description, product line and contact) and marks the request `invited`.
   * Inviting again creates a new invite, for a customer whose first link expired. Throws
   * `INVALID_TRANSITION` for a closed request.
   */
  async invite(user: User, id: string): Promise<CreateSessionResponse> {
    const callback = await this.get(id);
    if (callback.status === 'closed') {
      throw new AppError('INVALID_TRANSITION', 'This callback request is closed.');
    }

    const invite = await this.sessions.createInvite(
      user,
      {
        ...(callback.name === null ? {} : { customerName: callback.name }),
        topic: truncate(callback.description, maxTopicLength),
      },
      {
        entry: 'callback',
        productLineId: callback.productLine?.id ?? null,
        customerEmail: callback.email,
        customerPhone: callback.phone,
      },
    );
    await this.db.transaction(async (tx) => {
      const row = await lockCallback(tx, id);
      if (row === undefined || row.status === 'closed') return;
      await updateCallback(tx, id, {
        status: 'invited',
        handledBy: user.id,
        handledAt: this.clock.now(),
        inviteSessionId: invite.id,
      });
    });

    this.log.info({ callbackId: id, sessionId: invite.id, userId: user.id }, 'callback invited');
    this.notifier.queueChanged();
    return invite;
  }

  /** Closes a callback request, done or not needed; closing twice changes nothing. */
  async close(user: User, id: string): Promise<CallbackRequest> {
    await this.db.transaction(async (tx) => {
      const row = await lockCallback(tx, id);
      if (row === undefined) throw new AppError('CALLBACK_NOT_FOUND');
      if (row.status === 'closed') return;
      await updateCallback(tx, id, {
        status: 'closed',
        handledBy: user.id,
        handledAt: this.clock.now(),
      });
    });
    this.log.info({ callbackId: id, userId: user.id }, 'callback closed');
    this.notifier.queueChanged();
    return this.get(id);
  }

  private async get(id: string): Promise<CallbackRequest> {
    const row = await findCallback(this.db, id);
    if (row === undefined) throw new AppError('CALLBACK_NOT_FOUND');
    return toCallbackRequest(row.callback, row.productLineName);
  }
}

function toCallbackRequest(row: CallbackRow, productLineName: string | null): CallbackRequest {
  return {
    id: row.id,
    status: row.status,
    name: row.name,
    email: row.email,
    phone: row.phone,
    description: row.description,
    productLine:
      row.productLineId === null || productLineName === null
        ? null
        : { id: row.productLineId, name: productLineName },
    createdAt: row.createdAt.toISOString(),
    sessionId: row.sessionId,
    inviteSessionId: row.inviteSessionId,
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
