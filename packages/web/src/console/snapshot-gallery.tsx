import type { Snapshot } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatTime, t } from '../i18n';
import { DownloadAnnotatedIcon, DownloadIcon } from '../shared/ui/icons';
import type { AgentTools } from './agent-tools';
import type { SerialReader } from './serial-reader';
import { annotatedUrl, isCustomerPhoto, snapshotAlt } from './snapshot-links';
import { SnapshotReadDialog } from './snapshot-read-dialog';

/**
 * Lists the call's snapshots and the customer's photos, newest first, each with a download link
 * for the original and one for a copy with the drawings. Customer photos carry a badge.
 * Choosing a snapshot opens it large to read a serial number or barcode on it.
 */
export function SnapshotGallery(props: { tools: AgentTools; reader: SerialReader }): JSX.Element {
  const { tools, reader } = props;
  const snapshots = [...tools.snapshots.value].reverse();
  const [reading, setReading] = useState<Snapshot | null>(null);

  return (
    <section class="snapshot-gallery" aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">{t('snapshots.title')}</h2>
      {snapshots.length === 0 ? (
        <p class="muted">{t('snapshots.empty')}</p>
      ) : (
        <ul class="snapshot-list">
          {snapshots.map((snapshot) => (
            <li key={snapshot.id} data-snapshot-id={snapshot.id} data-source={snapshot.source}>
              <img
                src={snapshot.url}
                alt={snapshotAlt(snapshot)}
                loading="lazy"
                width={snapshot.width}
                height={snapshot.height}
              />
              {/* A sibling over the picture, so the picture keeps its own role and name. */}
              <button
                type="button"
                class="snapshot-open"
                aria-label={t('snapshots.readOpen', { time: formatTime(snapshot.createdAt) })}
                title={t('snapshots.readOpen', { time: formatTime(snapshot.createdAt) })}
                onClick={() => setReading(snapshot)}
              />
              {isCustomerPhoto(snapshot) ? (
                <span class="snapshot-source" title={t('snapshots.customerPhoto')}>
                  {t('snapshots.customerPhotoShort')}
                </span>
              ) : null}
              <a
                class="snapshot-download snapshot-download-original"
                href={snapshot.url}
                download
                aria-label={t('snapshots.download')}
                title={t('snapshots.download')}
              >
                <DownloadIcon />
              </a>
              <a
                class="snapshot-download"
                href={annotatedUrl(snapshot)}
                download
                aria-label={t('snapshots.downloadAnnotated')}
                title={t('snapshots.downloadAnnotated')}
              >
                <DownloadAnnotatedIcon />
              </a>
            </li>
          ))}
        </ul>
      )}
      {reading !== null ? (
        <SnapshotReadDialog snapshot={reading} reader={reader} onClose={() => setReading(null)} />
      ) : null}
    </section>
  );
}
