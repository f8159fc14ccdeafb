import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { AnnotationLayer } from '../shared/annotations/annotation-layer';
import { useDisplayLayout } from '../shared/annotations/use-display-layout';
import type { CustomerCall } from './customer-call';

/**
 * The agent's drawings over the customer's own preview, or the frozen still with its drawings.
 * The live preview fills the screen (`object-fit: cover`) and is mirrored for the front camera;
 * the still is shown whole (`contain`) on both sides during a freeze, so the agent and the
 * customer see the same picture and every drawing on it.
 */
export function LiveOverlay(props: {
  call: CustomerCall;
  video: HTMLVideoElement | null;
}): JSX.Element {
  const tools = props.call.tools;
  const frozen = tools.frozen.value;
  const mirrored = props.call.facingMode.value === 'user';
  const liveLayout = useDisplayLayout(frozen === null ? props.video : null, 'cover', mirrored);
  const [still, setStill] = useState<HTMLImageElement | null>(null);
  const stillLayout = useDisplayLayout(frozen === null ? null : still, 'contain', false);

  if (frozen === null) {
    return <AnnotationLayer store={tools.store} surface="live" layout={liveLayout} />;
  }

  const url = tools.frozenUrl.value;
  return (
    <div class="frozen-still">
      {url === null ? null : (
        <img
          ref={setStill}
          src={url}
          alt={t('tools.frozenAlt')}
          width={frozen.width}
          height={frozen.height}
        />
      )}
      <AnnotationLayer
        store={tools.store}
        surface={frozen.id}
        layout={url === null ? null : stillLayout}
      />
    </div>
  );
}
