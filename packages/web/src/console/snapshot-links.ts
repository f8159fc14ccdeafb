import type { Snapshot } from '@lensdesk/protocol';
import { formatTime, t } from '../i18n';

/** Returns the address of a snapshot's JPEG copy with the annotations drawn on it. */
export function annotatedUrl(snapshot: Pick<Snapshot, 'url'>): string {
  const separator = snapshot.url.includes('?') ? '&' : '?';
  return `${snapshot.url}${separator}annotated=true`;
}

/** True for a photo the customer chose on the page, as opposed to a still the agent took. */
export function isCustomerPhoto(snapshot: Pick<Snapshot, 'source'>): boolean {
  return snapshot.source === 'customer_photo';
}

/** Describes the picture for its alternative text, telling customer photos from stills. */
export function snapshotAlt(snapshot: Pick<Snapshot, 'source' | 'createdAt'>): string {
  const time = formatTime(snapshot.createdAt);
  return isCustomerPhoto(snapshot)
    ? t('snapshots.photoAlt', { time })
    : t('snapshots.alt', { time });
}
