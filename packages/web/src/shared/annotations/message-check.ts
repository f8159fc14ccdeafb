import type { AnnotationMessage } from '@lensdesk/protocol';
import {
  annotationPalette,
  frameCoordinateMargin,
  maxAnnotationTextLength,
  maxFreehandPoints,
  maxStrokeWidth,
  minStrokeWidth,
  patchableFields,
} from '@lensdesk/protocol/annotation-state';

/**
 * Structural check of an incoming annotation message, with the same rules as the protocol's
 * `annotationMessageSchema` but without zod: the customer page would otherwise load about 28 KB
 * of gzipped schema code to check drawings it only renders. message-check.test.ts runs both
 * checks on the same samples.
 */
export function parseAnnotationMessage(value: unknown): AnnotationMessage | null {
  if (!isRecord(value) || !isSurface(value.surface) || !isOperation(value.op)) {
    return null;
  }
  return value as unknown as AnnotationMessage;
}

type Check = (value: unknown) => boolean;

const idPattern = /^[\w.:-]{1,64}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hexColourPattern = /^#[0-9a-fA-F]{6}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isId: Check = (value) => typeof value === 'string' && idPattern.test(value);

function isSurface(value: unknown): boolean {
  return value === 'live' || (typeof value === 'string' && uuidPattern.test(value));
}

function isNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

const isInteger = (value: unknown, min: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;

const isCoordinate: Check = (value) =>
  isNumberIn(value, -frameCoordinateMargin, 1 + frameCoordinateMargin);

const isPoint: Check = (value) => isRecord(value) && isCoordinate(value.x) && isCoordinate(value.y);

const isColour: Check = (value) =>
  typeof value === 'string' && (value in annotationPalette || hexColourPattern.test(value));

const isStrokeWidth: Check = (value) => isNumberIn(value, minStrokeWidth, maxStrokeWidth);
const isRadius: Check = (value) => isNumberIn(value, 0, 1);
const isText: Check = (value) =>
  typeof value === 'string' && value.length >= 1 && value.length <= maxAnnotationTextLength;
const isPoints: Check = (value) =>
  Array.isArray(value) &&
  value.length >= 1 &&
  value.length <= maxFreehandPoints &&
  value.every(isPoint);

/** Checks of the fields that annotations and patches share, by field name. */
const fieldChecks: Readonly<Record<string, Check>> = {
  at: isPoint,
  center: isPoint,
  rx: isRadius,
  ry: isRadius,
  from: isPoint,
  to: isPoint,
  points: isPoints,
  text: isText,
  color: isColour,
  strokeWidth: isStrokeWidth,
  pinned: (value) => typeof value === 'boolean',
};

function isAnnotation(value: unknown): boolean {
  if (!isRecord(value) || typeof value.type !== 'string' || !(value.type in patchableFields)) {
    return false;
  }
  const baseValid =
    isId(value.id) &&
    isInteger(value.version, 1) &&
    isId(value.author) &&
    isInteger(value.createdAt, 0);
  const shapeFields = patchableFields[value.type as keyof typeof patchableFields];

  return baseValid && shapeFields.every((field) => fieldChecks[field]?.(value[field]) === true);
}

function isPatch(value: unknown): boolean {
  if (!isRecord(value)) {
    return false;
  }
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  const known = entries.every(([name, field]) => fieldChecks[name]?.(field) === true);
  return known && entries.length > 0;
}

function isOperation(value: unknown): boolean {
  if (!isRecord(value) || !isId(value.opId)) {
    return false;
  }
  switch (value.type) {
    case 'add':
      return isAnnotation(value.annotation);
    case 'update':
      return isId(value.id) && isInteger(value.version, 2) && isPatch(value.patch);
    case 'remove':
      return isId(value.id);
    case 'clear':
      return true;
    case 'undo':
      return isId(value.author);
    default:
      return false;
  }
}
