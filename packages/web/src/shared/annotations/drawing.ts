import type {
  Annotation,
  AnnotationColor,
  AnnotationOperation,
  AnnotationPatch,
  FramePoint,
} from '@lensdesk/protocol';
import { ellipseFromCorners, quantizeFramePoint } from '@lensdesk/protocol/geometry';
import {
  defaultStrokeWidth,
  frameCoordinateMargin,
  maxAnnotationTextLength,
  maxFreehandPoints,
} from '@lensdesk/protocol/annotation-state';

/** Drawing tools of the agent's toolbar. */
export type DrawingTool = 'pointer' | 'circle' | 'arrow' | 'freehand' | 'text';

export interface DrawingStyle {
  color: AnnotationColor;
  pinned: boolean;
  strokeWidth: number;
}

export interface DrawingMachineOptions {
  /** Author id written into every annotation; the server sets the same one from the sign-in. */
  author: string;
  newId(): string;
  /** Clock for `createdAt`, in Unix epoch milliseconds. */
  now(): number;
  /**
   * Distance a drag must cover before it becomes a shape, in normalized frame units, so a click
   * draws nothing. Freehand points closer than this to the previous one are skipped.
   */
  minDistance?: number;
}

/** Result of a pointer press: the text tool requests a label at that point. */
export type PressResult = { kind: 'none' } | { kind: 'text'; at: FramePoint };

interface Gesture {
  start: FramePoint;
  current: FramePoint;
  points: FramePoint[];
  /** The annotation once it was sent, with the version of the last operation. */
  sent: Annotation | null;
  dirty: boolean;
}

const defaultMinDistance = 0.004;

/**
 * Turns pointer input on the customer's picture into annotation operations. The caller maps
 * each pointer event to a frame point, calls `press`, `drag` and `release`, and calls `flush`
 * once per animation frame: a shape's `add` goes out with the first frame after the drag
 * passed `minDistance`, then one `update` per frame with a growing version. The machine knows
 * nothing of the DOM or the network, so tests drive it with plain points.
 */
export class DrawingMachine {
  tool: DrawingTool = 'pointer';
  style: DrawingStyle = { color: 'red', pinned: false, strokeWidth: defaultStrokeWidth };

  private readonly options: DrawingMachineOptions;
  private gesture: Gesture | null = null;
  private pointer: { at: FramePoint; sent: Annotation | null; dirty: boolean } | null = null;

  constructor(options: DrawingMachineOptions) {
    this.options = options;
  }

  /** True while a shape is being dragged out. */
  get drawing(): boolean {
    return this.gesture !== null;
  }

  /** Switches the tool; returns the operations that end the pointer or the unfinished shape. */
  setTool(tool: DrawingTool): AnnotationOperation[] {
    const ops = this.tool === tool ? [] : [...this.cancel(), ...this.leave()];
    this.tool = tool;
    return ops;
  }

  /** Starts a gesture at `point` (pointer down). */
  press(point: FramePoint): PressResult {
    const at = clampPoint(point);
    if (this.tool === 'text') {
      return { kind: 'text', at };
    }
    if (this.tool === 'pointer') {
      this.hover(at);
      return { kind: 'none' };
    }
    this.gesture = { start: at, current: at, points: [at], sent: null, dirty: false };
    return { kind: 'none' };
  }

  /** Records a pointer move with the button down. */
  drag(point: FramePoint): void {
    const gesture = this.gesture;
    if (gesture === null) {
      if (this.tool === 'pointer') {
        this.hover(point);
      }
      return;
    }
    const at = clampPoint(point);
    gesture.current = at;
    gesture.dirty = true;

    const last = gesture.points[gesture.points.length - 1] ?? at;
    const farEnough = distance(last, at) >= (this.options.minDistance ?? defaultMinDistance);
    if (this.tool === 'freehand' && farEnough && gesture.points.length < maxFreehandPoints) {
      gesture.points.push(at);
    }
  }

  /** Records a pointer move without a button, which moves the laser pointer. */
  hover(point: FramePoint): void {
    if (this.tool !== 'pointer') {
      return;
    }
    const at = clampPoint(point);
    this.pointer = { at, sent: this.pointer?.sent ?? null, dirty: true };
  }

  /** Ends the gesture at `point` (pointer up) and returns its last operations. */
  release(point: FramePoint): AnnotationOperation[] {
    if (this.gesture === null) {
      return this.flush();
    }
    this.drag(point);
    const ops = this.flush();
    this.gesture = null;
    return ops;
  }

  /** Returns the operations for what changed since the last call: at most one per annotation. */
  flush(): AnnotationOperation[] {
    const ops: AnnotationOperation[] = [];
    const gesture = this.gesture;
    if (gesture !== null && gesture.dirty && this.isShape(gesture)) {
      gesture.dirty = false;
      ops.push(this.shapeOperation(gesture));
    }

    const pointer = this.pointer;
    if (pointer !== null && pointer.dirty) {
      pointer.dirty = false;
      const op = this.nextOperation(
        pointer.sent,
        () => this.newAnnotation({ type: 'pointer', at: pointer.at }),
        {
          at: pointer.at,
        },
      );
      pointer.sent = sentAfter(pointer.sent, op);
      ops.push(op);
    }
    return ops;
  }

  /** Ends the laser pointer, as when the mouse leaves the picture; returns its removal. */
  leave(): AnnotationOperation[] {
    const sent = this.pointer?.sent ?? null;
    this.pointer = null;
    return sent === null ? [] : [{ type: 'remove', opId: this.options.newId(), id: sent.id }];
  }

  /** Abandons the shape being dragged out; returns its removal if it was already sent. */
  cancel(): AnnotationOperation[] {
    const sent = this.gesture?.sent ?? null;
    this.gesture = null;
    return sent === null ? [] : [{ type: 'remove', opId: this.options.newId(), id: sent.id }];
  }

  /** Returns the `add` of a text label at `at`, or nothing for an empty label. */
  placeText(at: FramePoint, text: string): AnnotationOperation[] {
    const label = text.trim().slice(0, maxAnnotationTextLength);
    if (label === '') {
      return [];
    }
    const annotation = this.newAnnotation({ type: 'text', at: clampPoint(at), text: label });
    return [{ type: 'add', opId: this.options.newId(), annotation }];
  }

  private isShape(gesture: Gesture): boolean {
    if (gesture.sent !== null) {
      return true;
    }
    const minDistance = this.options.minDistance ?? defaultMinDistance;
    if (this.tool === 'freehand') {
      return gesture.points.length >= 2;
    }
    return distance(gesture.start, gesture.current) >= minDistance;
  }

  private shapeOperation(gesture: Gesture): AnnotationOperation {
    const geometry = this.geometry(gesture);
    const op = this.nextOperation(
      gesture.sent,
      () => this.newAnnotation({ type: this.shapeType(), ...geometry } as ShapeFields),
      geometry,
    );
    gesture.sent = sentAfter(gesture.sent, op);
    return op;
  }

  private shapeType(): 'circle' | 'arrow' | 'freehand' {
    if (this.tool === 'circle' || this.tool === 'arrow') return this.tool;
    return 'freehand';
  }

  private geometry(gesture: Gesture): AnnotationPatch {
    switch (this.tool) {
      case 'circle': {
        const ellipse = ellipseFromCorners(gesture.start, gesture.current);
        return {
          center: quantizeFramePoint(ellipse.center),
          rx: round(Math.min(1, ellipse.rx)),
          ry: round(Math.min(1, ellipse.ry)),
          strokeWidth: this.style.strokeWidth,
        };
      }
      case 'arrow':
        return { from: gesture.start, to: gesture.current, strokeWidth: this.style.strokeWidth };
      default:
        return { points: [...gesture.points], strokeWidth: this.style.strokeWidth };
    }
  }

  /** Returns an `add` for an annotation not sent yet, or an `update` one version higher. */
  private nextOperation(
    sent: Annotation | null,
    create: () => Annotation,
    patch: AnnotationPatch,
  ): AnnotationOperation {
    const opId = this.options.newId();
    if (sent === null) {
      return { type: 'add', opId, annotation: create() };
    }
    return { type: 'update', opId, id: sent.id, version: sent.version + 1, patch };
  }

  private newAnnotation(fields: ShapeFields): Annotation {
    return {
      id: this.options.newId(),
      version: 1,
      author: this.options.author,
      color: this.style.color,
      pinned: this.style.pinned,
      createdAt: Math.round(this.options.now()),
      ...fields,
    } as Annotation;
  }
}

/** The fields of one annotation type that a tool fills in, besides the shared ones. */
type ShapeFields = Annotation extends infer A
  ? A extends Annotation
    ? Omit<A, 'id' | 'version' | 'author' | 'color' | 'pinned' | 'createdAt'>
    : never
  : never;

function sentAfter(sent: Annotation | null, op: AnnotationOperation): Annotation | null {
  if (op.type === 'add') {
    return op.annotation;
  }
  if (op.type === 'update' && sent !== null) {
    return { ...sent, version: op.version } as Annotation;
  }
  return sent;
}

/** Keeps a point within the area the protocol accepts and rounds it to the wire precision. */
export function clampPoint(point: FramePoint): FramePoint {
  const clamp = (value: number): number =>
    Math.min(1 + frameCoordinateMargin, Math.max(-frameCoordinateMargin, value));
  return quantizeFramePoint({ x: clamp(point.x), y: clamp(point.y) });
}

function distance(a: FramePoint, b: FramePoint): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
