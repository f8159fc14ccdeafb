import type { FastifyBaseLogger } from 'fastify';
import type { AbandonReason, AgentPresence, SetPresenceBody, User } from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import { type Actor, type Executor, insertEvent } from '../db/event-log.js';
import { AppError } from '../errors.js';
import type { PresenceService } from '../presence/service.js';
import type { SettingsService } from '../settings/service.js';
import type { SessionLifecycle } from '../sessions/service.js';
import {
  type SessionRow,
  abandonSession,
  assignAgent,
  lockSession,
  offersOf,
  unringSession,
} from './queries.js';
import type { QueueEffects, Router } from './routing.js';

/**
 * The customer queue as agents and customers act on it: choosing availability, accepting,
 * declining and leaving. It also follows each call's lifecycle, so an agent is busy from the
 * offer to the end of the wrap-up, and routes the next customer when an agent is free.
 */
export class QueueService implements SessionLifecycle {
  constructor(
    private readonly clock: Clock,
    private readonly router: Router,
    private readonly presence: PresenceService,
    private readonly settings: SettingsService,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Adds a customer to the queue: `insert` stores the session and its first events in the
   * routing transaction, and the session is offered to an agent once that has committed.
   */
  async enqueue(insert: (tx: Executor) => Promise<string>): Promise<string> {
    return this.router.transaction(async (tx, effects) => {
      const sessionId = await insert(tx);
      effects.route.sessionIds.push(sessionId);
      effects.queueChanged = true;
      return sessionId;
    });
  }

  /** Applies the status an agent chose and returns the agent's presence. */
  async setPresence(user: User, body: SetPresenceBody): Promise<AgentPresence> {
    await this.router.transaction(async (tx, effects) => {
      const choice = await this.presence.choose(tx, user.id, body);
      effects.presence.add(user.id);
      if (choice.dropsOffer) await this.dropOffers(tx, user.id, 'status_changed', effects);
      if (body.status === 'available') effects.route.agentIds.push(user.id);
    });
    this.log.info({ userId: user.id, status: body.status }, 'agent presence set');
    return this.presence.view(user.id);
  }

  /**
   * Gives a queued customer to the agent: the one the session rings for, or any agent picking it
   * from the queue. Throws `SESSION_TAKEN` when another agent was first. Accepting again a
   * session the agent already has succeeds without change, so a repeated click is harmless.
   */
  // NOTE: an agent who accepts and never opens the call keeps the customer (status `ringing`
  // with the agent set) until the customer leaves or is disconnected for a minute. Nothing hands
  // the customer back to the queue sooner.
  async accept(user: User, sessionId: string): Promise<void> {
    await this.router.transaction(async (tx, effects) => {
      const row = await lockSession(tx, sessionId);
      if (row === undefined) throw new AppError('SESSION_NOT_FOUND');
      if (row.queuedAt === null) {
        throw new AppError('INVALID_TRANSITION', 'This session is not in the queue.');
      }
      if (row.agentId === user.id && row.status !== 'abandoned' && row.status !== 'ended') return;
      if (row.status === 'abandoned' || row.status === 'ended') throw new AppError('SESSION_ENDED');
      if (!(await assignAgent(tx, sessionId, user.id))) throw new AppError('SESSION_TAKEN');

      const now = this.clock.now();
      const waitMs = now.getTime() - row.queuedAt.getTime();
      const data = { agentId: user.id, offeredTo: row.offeredTo, waitMs };
      await insertEvent(tx, sessionId, 'accepted', { type: 'agent', id: user.id }, data, now);
      await this.presence.markAccepted(tx, user.id);
      await this.dropOffers(tx, user.id, 'accepted_another', effects, sessionId);

      if (row.offeredTo !== null && row.offeredTo !== user.id) {
        await this.presence.endOffer(tx, row.offeredTo);
        effects.withdrawn.push({ agentId: row.offeredTo, sessionId, reason: 'taken' });
        effects.presence.add(row.offeredTo);
        effects.route.agentIds.push(row.offeredTo);
      }
      effects.presence.add(user.id);
      effects.calls.add(sessionId);
      effects.queueChanged = true;
    });
    this.log.info({ sessionId, userId: user.id }, 'queued customer accepted');
  }

  /** Declines an offer; the customer goes to the next agent, never back to this one. */
  async decline(user: User, sessionId: string): Promise<void> {
    await this.router.transaction(async (tx, effects) => {
      if (!(await unringSession(tx, sessionId, user.id))) {
        const row = await lockSession(tx, sessionId);
        throw new AppError(row === undefined ? 'SESSION_NOT_FOUND' : 'OFFER_EXPIRED');
      }

      const data = { agentId: user.id };
      await insertEvent(
        tx,
        sessionId,
        'declined',
        { type: 'agent', id: user.id },
        data,
        this.clock.now(),
      );
      await this.presence.endOffer(tx, user.id);
      effects.presence.add(user.id);
      effects.route.sessionIds.push(sessionId);
      effects.route.agentIds.push(user.id);
      effects.queueChanged = true;
    });
    this.log.info({ sessionId, userId: user.id }, 'offer declined');
  }

  /**
   * Takes a customer out of the queue before the call started: status `abandoned`, event
   * `abandoned` with the reason. `before` runs first in the same transaction, such as storing a
   * callback request. Throws `SESSION_ENDED` for a closed session and `INVALID_TRANSITION` for
   * one that is not queued or whose call has started.
   */
  async abandon(
    sessionId: string,
    reason: AbandonReason,
    actor: Actor,
    before?: (tx: Executor, row: SessionRow) => Promise<void>,
  ): Promise<void> {
    await this.router.transaction(async (tx, effects) => {
      const row = await lockSession(tx, sessionId);
      if (row === undefined) throw new AppError('SESSION_NOT_FOUND');
      if (row.status === 'abandoned' || row.status === 'ended') throw new AppError('SESSION_ENDED');
      if (row.queuedAt === null || (row.status !== 'waiting' && row.status !== 'ringing')) {
        throw new AppError('INVALID_TRANSITION', 'This session is not waiting in the queue.');
      }

      await before?.(tx, row);
      const now = this.clock.now();
      if (!(await abandonSession(tx, sessionId, now))) throw new AppError('INVALID_TRANSITION');
      const data = { from: row.status, to: 'abandoned', reason };
      await insertEvent(tx, sessionId, 'abandoned', actor, data, now);
      await this.releaseAgents(tx, row, effects);
      effects.calls.add(sessionId);
      effects.queueChanged = true;
    });
    this.log.info({ sessionId, reason }, 'customer left the queue');
  }

  async callStarted(sessionId: string, agentId: string): Promise<void> {
    await this.follow('call start', sessionId, async (tx, effects) => {
      if (await this.presence.markInCall(tx, agentId)) effects.presence.add(agentId);
      await this.dropOffers(tx, agentId, 'in_call', effects, sessionId);
      effects.queueChanged = true;
    });
  }

  async callEnded(before: SessionRow, status: 'wrap_up' | 'abandoned'): Promise<void> {
    await this.follow('call end', before.id, async (tx, effects) => {
      if (status === 'abandoned') {
        await this.releaseAgents(tx, before, effects);
      } else if (before.agentId !== null && (await this.presence.markWrapUp(tx, before.agentId))) {
        effects.presence.add(before.agentId);
      }
      effects.queueChanged = true;
    });
  }

  async wrapUpDone(sessionId: string, agentId: string): Promise<void> {
    await this.follow('wrap-up', sessionId, async (tx, effects) => {
      if (await this.presence.markFree(tx, agentId, ['wrap_up', 'call'], true)) {
        effects.presence.add(agentId);
        effects.route.agentIds.push(agentId);
      }
      effects.queueChanged = true;
    });
  }

  /** Makes agents available whose wrap-up has lasted longer than the setting allows. */
  async endLongWrapUps(): Promise<void> {
    await this.router.transaction(async (tx, effects) => {
      const limitMs = (await this.settings.get('wrapUpLimitSeconds', tx)) * 1000;
      for (const agentId of await this.presence.endLongWrapUps(tx, limitMs)) {
        this.log.info({ agentId }, 'wrap-up limit reached; agent available again');
        effects.presence.add(agentId);
        effects.route.agentIds.push(agentId);
      }
    });
  }

  /** Turns agents offline whose consoles have been gone longer than the presence timeout. */
  async expireUnseenAgents(): Promise<void> {
    await this.router.transaction(async (tx, effects) => {
      for (const agentId of await this.presence.expireUnseen(tx)) {
        this.log.info({ agentId }, 'agent console gone; agent offline');
        effects.presence.add(agentId);
      }
    });
  }

  /**
   * Runs a call-lifecycle step. The call's own change has already committed, so a failure here
   * is logged instead of failing the agent's or customer's request.
   */
  private async follow(
    step: string,
    sessionId: string,
    work: (tx: Executor, effects: QueueEffects) => Promise<void>,
  ): Promise<void> {
    try {
      await this.router.transaction(work);
    } catch (error) {
      this.log.error({ err: error, sessionId }, `updating agent presence after the ${step} failed`);
    }
  }

  /** Frees the agents a closed queued session held: the one it rang for, or the one who accepted. */
  private async releaseAgents(tx: Executor, row: SessionRow, effects: QueueEffects) {
    if (row.agentId === null && row.offeredTo !== null) {
      await this.presence.endOffer(tx, row.offeredTo);
      effects.withdrawn.push({ agentId: row.offeredTo, sessionId: row.id, reason: 'abandoned' });
      effects.presence.add(row.offeredTo);
      effects.route.agentIds.push(row.offeredTo);
    }
    if (row.agentId !== null && row.startedAt === null) {
      if (await this.presence.markFree(tx, row.agentId, ['call'], false)) {
        effects.presence.add(row.agentId);
        effects.route.agentIds.push(row.agentId);
      }
    }
  }

  /**
   * Returns the sessions ringing for an agent to the queue, as declined with `reason`, because
   * the agent can no longer take them (went away, took another customer, started a call).
   * The agent's own presence is the caller's to set.
   */
  private async dropOffers(
    tx: Executor,
    agentId: string,
    reason: string,
    effects: QueueEffects,
    exceptId?: string,
  ): Promise<void> {
    const now = this.clock.now();
    for (const sessionId of await offersOf(tx, agentId, exceptId)) {
      if (!(await unringSession(tx, sessionId, agentId))) continue;
      const data = { agentId, reason };
      await insertEvent(tx, sessionId, 'declined', { type: 'agent', id: agentId }, data, now);
      effects.route.sessionIds.push(sessionId);
      effects.queueChanged = true;
    }
  }
}
