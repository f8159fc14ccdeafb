import type { Snapshot } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { formatTime, t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { CameraPlusIcon, PauseIcon, PlayIcon } from '../shared/ui/icons';
import type { AgentTools } from './agent-tools';

/** "Freeze" or "Resume live video", and "Take snapshot". */
export function CaptureButtons(props: { tools: AgentTools; live: boolean }): JSX.Element {
  const { tools } = props;
  const pending = tools.pending.value;
  const frozen = tools.frozen.value !== null;
  // Capturing needs the customer's camera in the call; resuming works whenever a still shows.
  const canCapture = props.live && pending === null;

  return (
    <div class="capture-buttons">
      {frozen ? (
        <button type="button" class="button button-primary" onClick={() => void tools.resume()}>
          <PlayIcon />
          {t('liveTools.resume')}
        </button>
      ) : (
        <button
          type="button"
          class="button"
          disabled={!canCapture}
          aria-busy={pending === 'freeze'}
          onClick={() => void tools.freeze()}
        >
          <PauseIcon />
          {pending === 'freeze' ? t('liveTools.freezing') : t('liveTools.freeze')}
        </button>
      )}
      <button
        type="button"
        class="button"
        disabled={!canCapture}
        aria-busy={pending === 'snapshot'}
        onClick={() => void tools.takeSnapshot()}
      >
        <CameraPlusIcon />
        {pending === 'snapshot' ? t('liveTools.snapshotting') : t('liveTools.snapshot')}
      </button>
    </div>
  );
}

/**
 * The frozen still in place of the live video. Both sides show it whole (`object-fit: contain`)
 * during a freeze, so the agent and the customer see the same picture and drawings.
 */
export function FrozenStill(props: {
  snapshot: Snapshot;
  onElement(element: HTMLImageElement | null): void;
}): JSX.Element {
  const { snapshot } = props;
  return (
    <img
      ref={props.onElement}
      class="frozen-still"
      src={snapshot.url}
      alt={t('snapshots.alt', { time: formatTime(snapshot.createdAt) })}
      width={snapshot.width}
      height={snapshot.height}
    />
  );
}

/** The frozen state and the last failure of a live tool. */
export function ToolNotices({ tools }: { tools: AgentTools }): JSX.Element {
  const failure = tools.failure.value;
  const captureFailure = tools.captureFailure.value;
  return (
    <>
      {tools.frozen.value !== null ? (
        <p class="notice notice-info" role="status">
          {t('liveTools.frozen')}
        </p>
      ) : null}
      {captureFailure !== null ? (
        <p class="form-error" role="alert">
          {t(`liveTools.captureFailed.${captureFailure}`)}
        </p>
      ) : null}
      {failure !== null ? (
        <p class="form-error" role="alert">
          {describeError(failure)}
        </p>
      ) : null}
    </>
  );
}
