import type { NormalizedBox, Snapshot } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatTime, t } from '../i18n';
import { ScanIcon } from '../shared/ui/icons';
import { ModalDialog } from './modal-dialog';
import { ReadBoxSurface } from './read-box-surface';
import type { SerialReader } from './serial-reader';

export interface SnapshotReadDialogProps {
  snapshot: Snapshot;
  reader: SerialReader;
  onClose(): void;
}

/**
 * Shows a gallery snapshot large, where the agent drags a box to read it, or scans all of it.
 * The dialog closes when a read starts, and the result shows in the "Serial reading" panel.
 */
export function SnapshotReadDialog(props: SnapshotReadDialogProps): JSX.Element {
  const { snapshot, reader, onClose } = props;
  const [image, setImage] = useState<HTMLImageElement | null>(null);

  const read = (region: NormalizedBox | null): void => {
    onClose();
    void reader.readSnapshot(snapshot, region);
  };

  return (
    <ModalDialog
      class="snapshot-read-dialog"
      titleId="snapshot-read-title"
      title={t('reading.snapshotDialog')}
      onClose={onClose}
    >
      <p class="muted">{t('reading.snapshotHint')}</p>
      <div class="snapshot-read-frame">
        <img
          ref={setImage}
          src={snapshot.url}
          alt={t('snapshots.alt', { time: formatTime(snapshot.createdAt) })}
          width={snapshot.width}
          height={snapshot.height}
        />
        <ReadBoxSurface frameElement={image} onRegion={read} onCancel={onClose} />
      </div>
      <div class="form-actions">
        <button
          type="button"
          class="button"
          disabled={reader.phase.value !== 'idle'}
          onClick={() => read(null)}
        >
          <ScanIcon />
          {t('reading.scanSnapshot')}
        </button>
      </div>
    </ModalDialog>
  );
}
