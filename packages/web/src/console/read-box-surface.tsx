import type { ElementPoint, NormalizedBox } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useDisplayLayout, type FrameElement } from '../shared/annotations/use-display-layout';
import { ReadBoxIcon, ScanIcon } from '../shared/ui/icons';
import { boxFromElementDrag, isReadableBox } from './serial-reading';
import type { SerialReader } from './serial-reader';

export interface ReadBoxSurfaceProps {
  /** Element that shows the frame to read: the customer's video, a frozen still or a snapshot. */
  frameElement: FrameElement | null;
  /** Called with the dragged box in normalized coordinates of the frame. */
  onRegion(region: NormalizedBox): void;
  /** Called on Escape, which leaves the tool without reading. */
  onCancel(): void;
}

interface Drag {
  pointerId: number;
  start: ElementPoint;
  end: ElementPoint;
}

/**
 * Transparent layer over a frame where the agent drags a box around a label. The element shows
 * the frame with `object-fit: contain`, so the box is mapped through that layout and clamped to
 * the frame when it reaches onto a letterbox bar.
 */
export function ReadBoxSurface(props: ReadBoxSurfaceProps): JSX.Element {
  const layout = useDisplayLayout(props.frameElement, 'contain', false);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [tooSmall, setTooSmall] = useState(false);
  const onCancel = props.onCancel;

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        onCancel();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel]);

  const pointOf = (event: PointerEvent): ElementPoint => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return {
      x: Math.min(box.width, Math.max(0, event.clientX - box.left)),
      y: Math.min(box.height, Math.max(0, event.clientY - box.top)),
    };
  };

  const onPointerDown = (event: PointerEvent): void => {
    if (layout === null || (event.pointerType === 'mouse' && event.button !== 0)) {
      return;
    }
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    const point = pointOf(event);
    setTooSmall(false);
    setDrag({ pointerId: event.pointerId, start: point, end: point });
  };

  const onPointerMove = (event: PointerEvent): void => {
    if (drag?.pointerId === event.pointerId) {
      setDrag({ ...drag, end: pointOf(event) });
    }
  };

  const onPointerUp = (event: PointerEvent): void => {
    if (drag?.pointerId !== event.pointerId || layout === null) {
      return;
    }
    setDrag(null);
    const region = boxFromElementDrag(drag.start, pointOf(event), layout);
    if (isReadableBox(region)) {
      props.onRegion(region);
    } else {
      setTooSmall(true);
    }
  };

  return (
    <div
      class="read-surface"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    >
      {drag !== null ? <div class="read-box" style={rectStyle(drag.start, drag.end)} /> : null}
      <p class="read-hint" role="status">
        {tooSmall ? t('reading.tooSmall') : t('reading.dragHint')}
      </p>
    </div>
  );
}

function rectStyle(a: ElementPoint, b: ElementPoint): Record<string, string> {
  return {
    left: `${Math.min(a.x, b.x)}px`,
    top: `${Math.min(a.y, b.y)}px`,
    width: `${Math.abs(a.x - b.x)}px`,
    height: `${Math.abs(a.y - b.y)}px`,
  };
}

/** Renders "Read serial" (a box tool on the customer's video) and "Scan" (the whole frame). */
export function ReadToolButtons(props: { reader: SerialReader; live: boolean }): JSX.Element {
  const { reader } = props;
  const busy = reader.phase.value !== 'idle';
  return (
    <div class="tool-group read-tools">
      <button
        type="button"
        class="tool-button tool-button-text"
        aria-pressed={reader.selecting.value}
        disabled={!props.live}
        title={t('reading.readSerialTitle')}
        onClick={() => reader.toggleSelecting()}
      >
        <ReadBoxIcon />
        {t('reading.readSerial')}
      </button>
      <button
        type="button"
        class="tool-button tool-button-text"
        disabled={!props.live || busy}
        title={t('reading.scanTitle')}
        onClick={() => void reader.readLive(null)}
      >
        <ScanIcon />
        {t('reading.scan')}
      </button>
    </div>
  );
}
