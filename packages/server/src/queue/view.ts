import type {
  CallbackRequest,
  LiveCall,
  Offer,
  QueueEntry,
  QueuePosition,
  QueueState,
} from '@lensdesk/protocol';
import { maxListedQueueEntries } from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { PresenceService } from '../presence/service.js';
import type { SettingsService } from '../settings/service.js';
import {
  type SessionRow,
  acceptsSince,
  countQueue,
  countWorkingAgents,
  findSessionWithLine,
  listLiveCalls,
  listQueue,
  positionOf,
} from './queries.js';

/** Window of recent accepts from which the wait estimate takes the queue's pace. */
const paceWindowMs = 30 * 60_000;

/** Shortest span the pace is measured over, so two quick accepts do not promise seconds. */
const minPaceSpanMs = 60_000;

/** Most calls the supervisor's live view lists. */
const maxListedCalls = 500;

/** Most queued customers that one update reads; positions past it are not sent. */
const maxQueueLength = 100_000;

type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

/** Recent pace of the queue: seconds between accepts (null without recent accepts) and staffing. */
interface Pace {
  secondsPerAccept: number | null;
  workingAgents: number;
  callbackAfterDefault: number;
}

/** Reads the queue as consoles and waiting customers see it. */
export class QueueView {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly presence: PresenceService,
    private readonly openCallbacks: () => Promise<CallbackRequest[]>,
  ) {}

  /** Returns the queue and open callbacks; with `supervisor`, also every agent and call. */
  async state(supervisor: boolean): Promise<QueueState> {
    return (await this.snapshot(supervisor)).state;
  }

  /**
   * The queue state and every waiting customer's position, read together so that one pass over
   * the queue serves consoles and customers.
   */
  async snapshot(
    supervisor: boolean,
  ): Promise<{ state: QueueState; positions: Map<string, QueuePosition> }> {
    const [rows, callbacks, pace] = await Promise.all([
      listQueue(this.db, maxQueueLength),
      this.openCallbacks(),
      this.pace(),
    ]);
    const positions = this.positionsOf(rows, pace);
    const waiting = rows.slice(0, maxListedQueueEntries).map((row): QueueEntry => ({
      sessionId: row.session.id,
      status: row.session.status === 'ringing' ? 'ringing' : 'waiting',
      entry: row.session.entry === 'widget' ? 'widget' : 'qr',
      customerName: row.session.customerName,
      topic: row.session.topic,
      serialNumber: row.session.serialNumber,
      modelNumber: row.session.modelNumber,
      productLine:
        row.productLine === null
          ? null
          : { id: row.productLine.id, name: row.productLine.name, slug: row.productLine.slug },
      language: row.session.language,
      queuedAt: (row.session.queuedAt ?? row.session.createdAt).toISOString(),
      offeredTo:
        row.session.offeredTo !== null && row.offeredToName !== null
          ? { id: row.session.offeredTo, name: row.offeredToName }
          : null,
    }));
    if (!supervisor) return { state: { waiting, callbacks, agents: [], calls: [] }, positions };

    const [agents, calls] = await Promise.all([this.presence.views(), this.liveCalls()]);
    return { state: { waiting, callbacks, agents, calls }, positions };
  }

  /**
   * Returns the place and estimated wait of every customer in the queue, by session id. A
   * customer's place counts only the customers ahead for the same product line, because those
   * are the ones waiting for the same agents.
   */
  private positionsOf(rows: QueueRow[], pace: Pace): Map<string, QueuePosition> {
    const now = this.clock.now().getTime();
    const positions = new Map<string, QueuePosition>();
    const countedByLine = new Map<string | null, number>();
    for (const row of rows) {
      const line = row.session.productLineId;
      const position = (countedByLine.get(line) ?? 0) + 1;
      countedByLine.set(line, position);

      const queuedAt = (row.session.queuedAt ?? row.session.createdAt).getTime();
      const callbackAfter = row.productLine?.callbackAfterSeconds ?? pace.callbackAfterDefault;
      positions.set(row.session.id, toPosition(position, now - queuedAt, callbackAfter, pace));
    }
    return positions;
  }

  /**
   * Returns what the customer page shows about its session: the queue position while no agent
   * has accepted, and the product line's name and greeting.
   */
  async customerView(sessionId: string) {
    const row = await findSessionWithLine(this.db, sessionId);
    if (row === undefined) return { queue: null, productLine: null };

    const productLine =
      row.productLine === null
        ? null
        : { name: row.productLine.name, greeting: row.productLine.greeting };
    if (!isQueued(row.session)) return { queue: null, productLine };

    const [position, pace] = await Promise.all([positionOf(this.db, row.session), this.pace()]);
    const waitedMs = this.clock.now().getTime() - (row.session.queuedAt?.getTime() ?? 0);
    const callbackAfter = row.productLine?.callbackAfterSeconds ?? pace.callbackAfterDefault;
    return { queue: toPosition(position, waitedMs, callbackAfter, pace), productLine };
  }

  /** Returns the offer that an agent's console shows, or undefined when the session is gone. */
  async offer(sessionId: string): Promise<Offer | undefined> {
    const row = await findSessionWithLine(this.db, sessionId);
    const expiresAt = row?.session.offerExpiresAt;
    if (row === undefined || expiresAt == null) return undefined;

    const { session, productLine } = row;
    return {
      sessionId,
      customerName: session.customerName,
      topic: session.topic,
      productLine:
        productLine === null || session.productLineId === null
          ? null
          : { id: session.productLineId, name: productLine.name },
      queuedAt: (session.queuedAt ?? session.createdAt).toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** Number of customers in the queue, for the metrics gauge. */
  countWaiting(): Promise<number> {
    return countQueue(this.db);
  }

  private async liveCalls(): Promise<LiveCall[]> {
    const rows = await listLiveCalls(this.db, maxListedCalls);
    return rows.map((row) => ({
      sessionId: row.id,
      status: row.status === 'wrap_up' ? 'wrap_up' : 'active',
      agent:
        row.agentId !== null && row.agentName !== null
          ? { id: row.agentId, name: row.agentName }
          : null,
      customerName: row.customerName,
      productLine:
        row.productLineId !== null && row.productLineName !== null
          ? { id: row.productLineId, name: row.productLineName }
          : null,
      startedAt: row.startedAt?.toISOString() ?? null,
    }));
  }

  private async pace(): Promise<Pace> {
    const now = this.clock.now().getTime();
    const [accepts, workingAgents, callbackAfterDefault] = await Promise.all([
      acceptsSince(this.db, new Date(now - paceWindowMs)),
      countWorkingAgents(this.db),
      this.settings.get('callbackAfterSeconds'),
    ]);
    if (accepts.total === 0 || accepts.first === null) {
      return { secondsPerAccept: null, workingAgents, callbackAfterDefault };
    }
    const spanMs = Math.max(now - accepts.first.getTime(), minPaceSpanMs);
    return { secondsPerAccept: spanMs / 1000 / accepts.total, workingAgents, callbackAfterDefault };
  }
}

/** Returns whether a session waits in the queue: queued, no call yet, no agent accepted. */
export function isQueued(session: SessionRow): boolean {
  return (
    session.queuedAt !== null &&
    session.agentId === null &&
    (session.status === 'waiting' || session.status === 'ringing')
  );
}

/**
 * Builds a customer's position. The wait estimate is the position times the recent time between
 * accepts (so it follows how many agents work and how long calls last), and null while no agent
 * works or nobody was accepted in the last 30 minutes. A callback is available once the customer
 * has waited the product line's callback time, or at once while no agent works.
 */
function toPosition(
  position: number,
  waitedMs: number,
  callbackAfterSeconds: number,
  pace: Pace,
): QueuePosition {
  const estimate =
    pace.workingAgents === 0 || pace.secondsPerAccept === null
      ? null
      : Math.round(position * pace.secondsPerAccept);
  return {
    position,
    estimatedWaitSeconds: estimate,
    callbackAvailable: pace.workingAgents === 0 || waitedMs >= callbackAfterSeconds * 1000,
  };
}
