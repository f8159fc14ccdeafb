import {
  type CustomerLinkResponse,
  type EnterQueueBody,
  type ProductLine,
  type PublicProductLine,
  supportHoursStatus,
} from '@lensdesk/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { newToken } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { insertEvent } from '../db/event-log.js';
import { AppError } from '../errors.js';
import type { ProductLineService } from '../product-lines/service.js';
import type { QueueService } from '../queue/service.js';
import type { SessionService } from '../sessions/service.js';
import { insertQueuedSession } from './queries.js';

export interface EntryServiceOptions {
  companyName: string;
  /** How long a queued customer's link stays valid, as for invites. */
  linkTtlMs: number;
}

/**
 * How customers without a link reach an agent: a product line's page (QR code or website
 * button) puts them in the queue, and a six-digit code read out on the phone opens an invite.
 */
export class EntryService {
  constructor(
    private readonly productLines: ProductLineService,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly queue: QueueService,
    private readonly log: FastifyBaseLogger,
    private readonly options: EntryServiceOptions,
  ) {}

  /** What the product line's page shows before the customer asks for help. */
  async publicLine(slug: string): Promise<PublicProductLine> {
    const line = await this.productLines.getBySlug(slug);
    const hours = this.hoursOf(line);
    return {
      name: line.name,
      slug: line.slug,
      greeting: line.greeting,
      language: line.language,
      companyName: this.options.companyName,
      open: hours.open,
      opensAt: hours.opensAt?.toISOString() ?? null,
    };
  }

  /**
   * Puts a customer in the queue of a product line: a `waiting` session with `queued_at` set,
   * the events `created` and `queued`, then routing. Throws `SUPPORT_CLOSED` (with `opensAt`)
   * outside the product line's support hours.
   */
  async enterQueue(slug: string, body: EnterQueueBody): Promise<CustomerLinkResponse> {
    const line = await this.productLines.getBySlug(slug);
    const hours = this.hoursOf(line);
    if (!hours.open) {
      throw new AppError('SUPPORT_CLOSED', undefined, undefined, {
        opensAt: hours.opensAt?.toISOString() ?? null,
      });
    }

    const token = newToken();
    const sessionId = await this.queue.enqueue(async (tx) => {
      const now = this.clock.now();
      const row = await insertQueuedSession(tx, {
        status: 'waiting',
        entry: body.entry,
        customerToken: token,
        customerName: body.customerName ?? null,
        topic: body.topic ?? null,
        serialNumber: body.serialNumber ?? null,
        modelNumber: body.modelNumber ?? null,
        customerEmail: body.email?.toLowerCase() ?? null,
        productLineId: line.id,
        language: line.language,
        queuedAt: now,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.options.linkTtlMs),
      });
      const customer = { type: 'customer' as const, id: null };
      const created = { to: 'waiting', entry: body.entry, productLineId: line.id };
      await insertEvent(tx, row.id, 'created', customer, created, now);
      await insertEvent(tx, row.id, 'queued', customer, { productLineId: line.id }, now);
      return row.id;
    });

    this.log.info({ sessionId, productLineId: line.id, entry: body.entry }, 'customer queued');
    return { sessionId, customerUrl: this.sessions.customerUrl(token), token };
  }

  /** Opens the invite of a six-digit code; the code works once. Throws `CODE_INVALID`. */
  async join(code: string): Promise<CustomerLinkResponse> {
    const row = await this.sessions.redeemShortCode(code);
    this.log.info({ sessionId: row.id }, 'short code used');
    return {
      sessionId: row.id,
      customerUrl: this.sessions.customerUrl(row.customerToken),
      token: row.customerToken,
    };
  }

  /**
   * Whether the product line is open now. Stored hours that fail their schema (written by hand
   * in the database) reach this as none, so they count as always open and a typo never turns
   * customers away.
   */
  private hoursOf(line: ProductLine) {
    if (line.supportHours === null) return { open: true, opensAt: null };
    return supportHoursStatus(line.supportHours, this.clock.now());
  }
}
