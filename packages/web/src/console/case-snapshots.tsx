import type { Snapshot } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatTime, t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { requestJson } from '../shared/http';
import { annotatedUrl, isCustomerPhoto, snapshotAlt } from './snapshot-links';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ready'; snapshots: readonly Snapshot[] };

/** Loads a case's snapshots once, oldest first like the event log. */
function useSnapshots(sessionId: string): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ kind: 'loading' });
    requestJson<{ snapshots: Snapshot[] }>(
      `/api/sessions/${encodeURIComponent(sessionId)}/snapshots`,
      { signal: controller.signal },
    ).then(
      ({ snapshots }) => {
        const sorted = [...snapshots].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        setLoaded({ kind: 'ready', snapshots: sorted });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setLoaded({ kind: 'failed', error });
        }
      },
    );
    return () => controller.abort();
  }, [sessionId]);

  return loaded;
}

/** Shows the stills and customer photos of a case in the case record, each with both downloads. */
export function CaseSnapshots({ sessionId }: { sessionId: string }): JSX.Element {
  const loaded = useSnapshots(sessionId);

  return (
    <section class="card case-snapshots" aria-labelledby="case-snapshots-title">
      <h2 id="case-snapshots-title">{t('snapshots.title')}</h2>
      {loaded.kind === 'loading' ? <p class="muted">{t('snapshots.loading')}</p> : null}
      {loaded.kind === 'failed' ? (
        <p class="notice" role="alert">
          {t('snapshots.loadFailed', { reason: describeError(loaded.error) })}
        </p>
      ) : null}
      {loaded.kind === 'ready' && loaded.snapshots.length === 0 ? (
        <p class="muted">{t('snapshots.none')}</p>
      ) : null}
      {loaded.kind === 'ready' && loaded.snapshots.length > 0 ? (
        <ul class="case-snapshot-list">
          {loaded.snapshots.map((snapshot) => (
            <CaseSnapshot key={snapshot.id} snapshot={snapshot} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CaseSnapshot({ snapshot }: { snapshot: Snapshot }): JSX.Element {
  return (
    <li data-snapshot-id={snapshot.id} data-source={snapshot.source}>
      <div class="case-snapshot-frame">
        <img
          src={snapshot.url}
          alt={snapshotAlt(snapshot)}
          loading="lazy"
          width={snapshot.width}
          height={snapshot.height}
        />
        {isCustomerPhoto(snapshot) ? (
          <span class="case-snapshot-source">{t('snapshots.customerPhoto')}</span>
        ) : null}
      </div>
      <time class="case-snapshot-time" dateTime={snapshot.createdAt}>
        {formatTime(snapshot.createdAt)}
      </time>
      <p class="case-snapshot-links">
        <a href={snapshot.url} download>
          {t('snapshots.download')}
        </a>
        <a href={annotatedUrl(snapshot)} download>
          {t('snapshots.downloadAnnotated')}
        </a>
      </p>
    </li>
  );
}
