import type { Disposition, SessionEvent, SessionStatus } from '@lensdesk/protocol';
import { t, type MessageKey } from '../i18n';

export function statusLabel(status: SessionStatus): string {
  return t(`status.${status}`);
}

export function dispositionLabel(disposition: Disposition | null): string {
  return disposition === null ? t('common.none') : t(`disposition.${disposition}`);
}

/** Names an event; an `annotation` event is named after the operation in its data. */
export function eventLabel(event: Pick<SessionEvent, 'type' | 'data'>): string {
  if (event.type === 'annotation') {
    return t(annotationLabelKey(event.data));
  }
  return t(`event.${event.type}`);
}

const annotationShapes = new Set<string>(['circle', 'arrow', 'freehand', 'text']);
const annotationOps = new Set<string>(['remove', 'clear', 'undo']);

function annotationLabelKey(data: SessionEvent['data']): MessageKey {
  const { op, shape } = data;
  if (op === 'add') {
    return typeof shape === 'string' && annotationShapes.has(shape)
      ? (`event.annotation.add.${shape}` as MessageKey)
      : 'event.annotation.add';
  }
  return typeof op === 'string' && annotationOps.has(op)
    ? (`event.annotation.${op}` as MessageKey)
    : 'event.annotation';
}

const statuses = new Set<string>(['waiting', 'ringing', 'active', 'wrap_up', 'ended', 'abandoned']);
const dispositions = new Set<string>(['resolved', 'dispatch', 'escalated', 'follow_up', 'no_show']);

/**
 * Describes the data the server attached to an event, such as a status change or the time to
 * the first video frame. Unknown fields are left out: the log is for people, not an export.
 */
export function eventDetails(event: Pick<SessionEvent, 'data'>): string {
  const { data } = event;
  const parts: string[] = [];

  if (typeof data.from === 'string' && typeof data.to === 'string') {
    if (statuses.has(data.from) && statuses.has(data.to)) {
      const from = statusLabel(data.from as SessionStatus);
      const to = statusLabel(data.to as SessionStatus);
      parts.push(t('eventDetail.transition', { from, to }));
    }
  }
  if (typeof data.elapsedMs === 'number') {
    parts.push(t('eventDetail.elapsed', { ms: Math.round(data.elapsedMs) }));
  }
  if (data.facingMode === 'user' || data.facingMode === 'environment') {
    parts.push(t('eventDetail.facing', { facing: t(`facing.${data.facingMode}`) }));
  }
  if (typeof data.disposition === 'string' && dispositions.has(data.disposition)) {
    const disposition = dispositionLabel(data.disposition as Disposition);
    parts.push(t('eventDetail.disposition', { disposition }));
  }
  parts.push(...readingDetails(data));
  return parts.join('; ');
}

/** Describes the data of `ocr` and `case_updated` events: the best match and the stored values. */
function readingDetails(data: SessionEvent['data']): string[] {
  const parts: string[] = [];
  if ('topCandidate' in data) {
    parts.push(
      typeof data.topCandidate === 'string'
        ? t('eventDetail.topCandidate', { value: data.topCandidate })
        : t('eventDetail.nothingRead'),
    );
  }

  const changes = data.changes;
  if (typeof changes === 'object' && changes !== null) {
    const fields = changes as Record<string, unknown>;
    const valueOf = (value: unknown): string =>
      typeof value === 'string' && value !== '' ? value : t('eventDetail.cleared');
    if ('serialNumber' in fields) {
      parts.push(t('eventDetail.serialNumber', { value: valueOf(fields.serialNumber) }));
    }
    if ('modelNumber' in fields) {
      parts.push(t('eventDetail.modelNumber', { value: valueOf(fields.modelNumber) }));
    }
    if ('productLineId' in fields) {
      parts.push(t('eventDetail.productLine'));
    }
  }
  if (typeof data.readId === 'string' && 'changes' in data) {
    parts.push(t('eventDetail.fromRead'));
  }
  return parts;
}
