import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  type AnnotationMessage,
  type AnnotationOperation,
  type AnnotationState,
  type AnnotationSurface,
  type CameraCapabilities,
  type LiveToolsState,
  annotationSnapshotSchema,
  cameraCapabilitiesSchema,
  emptyAnnotationState,
  tryApplyOperation,
} from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { sessionAnnotations, supportSessions } from '../db/schema.js';
import { AppError } from '../errors.js';
import { type Actor, insertEvent } from '../sessions/queries.js';
import type { SnapshotService } from '../snapshots/service.js';

/** Outcome of one annotation operation at the server. */
export type AnnotationOutcome =
  /** Applied to the stored state and logged; relay it. */
  | { kind: 'stored'; message: AnnotationMessage }
  /** A pointer move or an operation on a pointer: relay it, but neither store nor log it. */
  | { kind: 'transient'; message: AnnotationMessage }
  /** Seen before: nothing to do. */
  | { kind: 'duplicate' };

/** Returns the author id that the server writes into operations, from the sender's identity. */
export function authorOf(actor: Actor): string {
  return actor.type === 'agent' ? `agent:${actor.id ?? 'unknown'}` : actor.type;
}

/**
 * Sets the author of `add` and `undo` operations from the sender, so a participant cannot draw
 * or undo in someone else's name.
 */
function withAuthor(op: AnnotationOperation, author: string): AnnotationOperation {
  if (op.type === 'add') return { ...op, annotation: { ...op.annotation, author } };
  if (op.type === 'undo') return { ...op, author };
  return op;
}

/**
 * State of the agent's live tools per session: annotations per surface, the frozen still and
 * the customer's camera controls. Everything is stored, so any server node can serve a
 * participant that reconnects.
 */
export class LiveToolsService {
  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotService,
    private readonly clock: Clock,
    private readonly annotationFadeMs: number,
  ) {}

  /**
   * Applies an operation to the stored state of its surface and logs an `annotation` event.
   * Pointers, and operations on annotations the server never stored, are relayed only.
   */
  async applyAnnotation(
    sessionId: string,
    message: AnnotationMessage,
    actor: Actor,
  ): Promise<AnnotationOutcome> {
    if (message.surface !== 'live') await this.snapshots.get(message.surface, sessionId);

    const op = withAuthor(message.op, authorOf(actor));
    const relayed = { surface: message.surface, op };
    if (op.type === 'add' && op.annotation.type === 'pointer') {
      // A pointer follows the cursor and must vanish with it, so it can never be pinned.
      if (op.annotation.pinned) {
        throw new AppError('VALIDATION_FAILED', 'A pointer cannot be pinned.', [
          { path: 'op.annotation.pinned', message: 'must be false for a pointer' },
        ]);
      }
      return { kind: 'transient', message: relayed };
    }

    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      // Locks the session row, so concurrent operations on one session apply one after another.
      await tx.execute(sql`select id from support_sessions where id = ${sessionId} for update`);
      const [row] = await tx
        .select({ state: sessionAnnotations.state })
        .from(sessionAnnotations)
        .where(
          and(
            eq(sessionAnnotations.sessionId, sessionId),
            eq(sessionAnnotations.surface, message.surface),
          ),
        );
      const current =
        row === undefined ? emptyAnnotationState : annotationSnapshotSchema.parse(row.state);

      const result = tryApplyOperation(current, op);
      if (!result.applied) {
        // A stale version was overtaken by a newer update of the same shape: nothing to do.
        if (result.reason === 'duplicate_operation' || result.reason === 'stale_version') {
          return { kind: 'duplicate' } as const;
        }
        if (result.reason === 'not_found') {
          // Nothing to undo is a no-op; an update or removal of an unknown id is a pointer's.
          return op.type === 'undo'
            ? ({ kind: 'duplicate' } as const)
            : ({ kind: 'transient', message: relayed } as const);
        }
        throw new AppError(
          'INVALID_TRANSITION',
          `The annotation operation was rejected: ${result.reason}.`,
        );
      }

      const state = result.state as unknown as Record<string, unknown>;
      await tx
        .insert(sessionAnnotations)
        .values({ sessionId, surface: message.surface, state, updatedAt: now })
        .onConflictDoUpdate({
          target: [sessionAnnotations.sessionId, sessionAnnotations.surface],
          set: { state, updatedAt: now },
        });
      // A drag sends an update per frame; the log keeps the shape's creation and removal only.
      if (op.type !== 'update') {
        const data = describeOperation(message.surface, op);
        await insertEvent(tx, sessionId, 'annotation', actor, data, now);
      }
      return { kind: 'stored', message: relayed } as const;
    });
  }

  /** Returns the annotations of a surface; an untouched surface has none. */
  async annotations(sessionId: string, surface: AnnotationSurface): Promise<AnnotationState> {
    const [row] = await this.db
      .select({ state: sessionAnnotations.state })
      .from(sessionAnnotations)
      .where(
        and(eq(sessionAnnotations.sessionId, sessionId), eq(sessionAnnotations.surface, surface)),
      );
    return row === undefined ? emptyAnnotationState : annotationSnapshotSchema.parse(row.state);
  }

  /** Returns what a joining participant needs: the frozen still, its and the live annotations. */
  async state(sessionId: string): Promise<LiveToolsState> {
    const [session] = await this.db
      .select({
        frozen: supportSessions.frozenSnapshotId,
        camera: supportSessions.cameraCapabilities,
      })
      .from(supportSessions)
      .where(eq(supportSessions.id, sessionId));
    if (session === undefined) throw new AppError('SESSION_NOT_FOUND');

    const surfaces: AnnotationSurface[] =
      session.frozen === null ? ['live'] : ['live', session.frozen];
    const rows = await this.db
      .select()
      .from(sessionAnnotations)
      .where(
        and(
          eq(sessionAnnotations.sessionId, sessionId),
          inArray(sessionAnnotations.surface, surfaces),
        ),
      );
    const frozen =
      session.frozen === null ? null : await this.snapshots.get(session.frozen, sessionId);
    const camera = cameraCapabilitiesSchema.safeParse(session.camera);

    return {
      frozen,
      annotations: surfaces.map((surface) => {
        const row = rows.find((candidate) => candidate.surface === surface);
        return {
          surface,
          state:
            row === undefined ? emptyAnnotationState : annotationSnapshotSchema.parse(row.state),
        };
      }),
      cameraCapabilities: camera.success ? camera.data : null,
      annotationFadeMs: this.annotationFadeMs,
    };
  }

  /** Shows a snapshot of this session instead of the live video on both sides. */
  async freeze(sessionId: string, snapshotId: string, actor: Actor) {
    const snapshot = await this.snapshots.get(snapshotId, sessionId);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx
        .update(supportSessions)
        .set({ frozenSnapshotId: snapshotId })
        .where(eq(supportSessions.id, sessionId));
      await insertEvent(tx, sessionId, 'freeze', actor, { snapshotId }, now);
    });
    return snapshot;
  }

  /** Returns both sides to the live video; returns false when nothing was frozen. */
  async resume(sessionId: string, actor: Actor): Promise<boolean> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(supportSessions)
        .set({ frozenSnapshotId: null })
        .where(
          and(
            eq(supportSessions.id, sessionId),
            sql`${supportSessions.frozenSnapshotId} is not null`,
          ),
        )
        .returning({ id: supportSessions.id });
      if (updated.length === 0) return false;

      await insertEvent(tx, sessionId, 'unfreeze', actor, {}, now);
      return true;
    });
  }

  async setCameraCapabilities(sessionId: string, capabilities: CameraCapabilities): Promise<void> {
    await this.db
      .update(supportSessions)
      .set({ cameraCapabilities: capabilities as unknown as Record<string, unknown> })
      .where(eq(supportSessions.id, sessionId));
  }
}

/** Returns the event data of an annotation operation: what changed, never the whole drawing. */
function describeOperation(
  surface: AnnotationSurface,
  op: AnnotationOperation,
): Record<string, unknown> {
  switch (op.type) {
    case 'add':
      return {
        surface,
        op: 'add',
        annotationId: op.annotation.id,
        shape: op.annotation.type,
        pinned: op.annotation.pinned,
      };
    case 'update':
      return { surface, op: 'update', annotationId: op.id, version: op.version };
    case 'remove':
      return { surface, op: 'remove', annotationId: op.id };
    case 'clear':
    case 'undo':
      return { surface, op: op.type };
  }
}
