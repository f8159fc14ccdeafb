import type {
  Annotation,
  AnnotationMessage,
  AnnotationState,
  AnnotationSurface,
} from '@lensdesk/protocol';
import {
  annotationFadeDelayMs,
  emptyAnnotationState,
  fadeOpacity,
  tryApplyOperation,
} from '@lensdesk/protocol/annotation-state';
import { signal } from '@preact/signals';

/** Fade delay until the server's `tools:state` sets its own, in milliseconds. */
export const defaultAnnotationFadeMs = 8000;

/**
 * Annotation state of every surface this page has seen, with the time each annotation last
 * changed on this page's clock (the author's `createdAt` comes from another clock). Applying an
 * operation twice changes nothing, because the reducer remembers operation ids.
 */
export class AnnotationStore {
  /** State by surface (`live` or a snapshot id); a new map on every change. */
  readonly surfaces = signal<ReadonlyMap<AnnotationSurface, AnnotationState>>(new Map());
  /** Time an unpinned annotation stays fully visible after its last change, in milliseconds. */
  readonly fadeMs = signal(defaultAnnotationFadeMs);

  private readonly changedAt = new Map<string, number>();
  private readonly now: () => number;
  private readonly epochNow: () => number;

  /**
   * `now` is this page's monotonic clock; `epochNow` gives Unix epoch milliseconds, the clock of
   * `createdAt`, so that annotations first seen in a replaced state can be dated.
   */
  constructor(
    now: () => number = () => performance.now(),
    epochNow: () => number = () => Date.now(),
  ) {
    this.now = now;
    this.epochNow = epochNow;
  }

  /** Returns the state of one surface; an unknown surface has no annotations. */
  stateOf(surface: AnnotationSurface): AnnotationState {
    return this.surfaces.value.get(surface) ?? emptyAnnotationState;
  }

  /** Applies one operation; returns false when it was a repeat or was rejected. */
  apply(message: AnnotationMessage): boolean {
    const current = this.surfaces.peek().get(message.surface) ?? emptyAnnotationState;
    const result = tryApplyOperation(current, message.op);
    if (!result.applied) {
      return false;
    }

    this.stamp(message.surface, result.state);
    const next = new Map(this.surfaces.peek());
    next.set(message.surface, result.state);
    this.surfaces.value = next;
    return true;
  }

  /**
   * Replaces every surface's state, as the server sends it on join and reconnection. An
   * annotation this page never saw counts as changed at its `createdAt`, so an old unpinned
   * shape stays faded instead of showing again for the whole fade delay. Annotations already
   * known keep their own times, and a new version of a known one counts as changed now.
   */
  replace(entries: readonly { surface: AnnotationSurface; state: AnnotationState }[]): void {
    const next = new Map<AnnotationSurface, AnnotationState>();
    for (const entry of entries) {
      this.stampUnknown(entry.surface, entry.state);
      this.stamp(entry.surface, entry.state);
      next.set(entry.surface, entry.state);
    }
    this.surfaces.value = next;
  }

  /** Returns true while an annotation can be seen: pinned, or unpinned and not faded out yet. */
  isVisible(surface: AnnotationSurface, annotation: Annotation, now = this.now()): boolean {
    return this.opacityOf(surface, annotation, now) > 0;
  }

  /**
   * Returns the newest annotation of `author` on `surface` that can still be seen, or null.
   * Pointers are left out: they are not drawings and vanish on their own.
   */
  latestVisible(surface: AnnotationSurface, author: string, now = this.now()): Annotation | null {
    const annotations = this.stateOf(surface).annotations;
    for (let index = annotations.length - 1; index >= 0; index -= 1) {
      const annotation = annotations[index];
      if (
        annotation !== undefined &&
        annotation.author === author &&
        annotation.type !== 'pointer' &&
        this.isVisible(surface, annotation, now)
      ) {
        return annotation;
      }
    }
    return null;
  }

  /**
   * Returns how opaque to draw an annotation now, from 1 down to 0. It shifts the protocol's
   * fade curve so that the fade starts after the server's fade delay instead of the default.
   */
  opacityOf(surface: AnnotationSurface, annotation: Annotation, now = this.now()): number {
    const changed = this.changedAt.get(stampKey(surface, annotation)) ?? now;
    const shift = this.fadeMs.value - annotationFadeDelayMs;
    return fadeOpacity(annotation, now - changed - shift);
  }

  /** Records when each annotation version was first seen here; known versions keep their time. */
  private stamp(surface: AnnotationSurface, state: AnnotationState): void {
    const now = this.now();
    for (const annotation of state.annotations) {
      const key = stampKey(surface, annotation);
      if (!this.changedAt.has(key)) {
        this.changedAt.set(key, now);
      }
    }
    // Only versions that still exist need a time; the others would grow the map all call long.
    if (this.changedAt.size > maxStamps) {
      this.prune(surface, state);
    }
  }

  /** Dates annotations whose id this page has not seen on the surface by their `createdAt`. */
  private stampUnknown(surface: AnnotationSurface, state: AnnotationState): void {
    const known = this.surfaces.peek().get(surface)?.annotations ?? [];
    const knownIds = new Set(known.map((annotation) => annotation.id));
    const now = this.now();
    const epochNow = this.epochNow();
    for (const annotation of state.annotations) {
      const key = stampKey(surface, annotation);
      if (knownIds.has(annotation.id) || this.changedAt.has(key)) {
        continue;
      }
      // A `createdAt` ahead of this clock comes from a fast author clock and counts as now.
      const age = Math.max(0, epochNow - annotation.createdAt);
      this.changedAt.set(key, now - age);
    }
  }

  private prune(surface: AnnotationSurface, state: AnnotationState): void {
    const existing = new Set(state.annotations.map((annotation) => stampKey(surface, annotation)));
    for (const [known, knownState] of this.surfaces.peek()) {
      if (known !== surface) {
        for (const annotation of knownState.annotations) {
          existing.add(stampKey(known, annotation));
        }
      }
    }
    for (const key of [...this.changedAt.keys()]) {
      if (!existing.has(key)) {
        this.changedAt.delete(key);
      }
    }
  }
}

const maxStamps = 4000;

function stampKey(surface: AnnotationSurface, annotation: Annotation): string {
  return `${surface}|${annotation.id}|${annotation.version}`;
}
