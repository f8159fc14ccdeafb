import type { JSX } from 'preact';
import { formatTime, t } from '../i18n';
import { DownloadIcon } from '../shared/ui/icons';
import type { AgentTools } from './agent-tools';

/** The call's snapshots and the customer's photos, newest first, each with a download link. */
export function SnapshotGallery({ tools }: { tools: AgentTools }): JSX.Element {
  const snapshots = [...tools.snapshots.value].reverse();

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
                alt={t('snapshots.alt', { time: formatTime(snapshot.createdAt) })}
                loading="lazy"
                width={snapshot.width}
                height={snapshot.height}
              />
              <a
                class="snapshot-download"
                href={snapshot.url}
                download
                aria-label={t('snapshots.download')}
                title={t('snapshots.download')}
              >
                <DownloadIcon />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
