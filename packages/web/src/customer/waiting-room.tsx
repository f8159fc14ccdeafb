import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { FlipCameraIcon } from '../shared/ui/icons';
import { VideoView } from '../shared/ui/media-views';
import { CallbackForm } from './callback-form';
import type { CustomerCall } from './customer-call';
import { useFocusHeading } from './screens';
import { waitEstimate } from './state';

/**
 * Shows the queue: the customer's place and estimated wait, updated live, with the camera preview on
 * so the customer can get ready. The call starts by itself when an agent accepts. The customer
 * may leave, or ask for a callback once the wait has been long enough.
 */
export function WaitingRoom({ call }: { call: CustomerCall }): JSX.Element {
  const [askingCallback, setAskingCallback] = useState(false);
  const info = call.info.value;

  if (askingCallback) {
    return (
      <CallbackForm
        company={info?.companyName ?? t('app.name')}
        lead={t('callback.leadQueue')}
        onSubmit={(contact) => call.requestCallback(contact)}
        onCancel={() => setAskingCallback(false)}
        cancelLabel={t('callback.backToQueue')}
      />
    );
  }
  return <QueueScreen call={call} onAskCallback={() => setAskingCallback(true)} />;
}

function QueueScreen(props: { call: CustomerCall; onAskCallback(): void }): JSX.Element {
  const { call } = props;
  const heading = useFocusHeading();
  const [confirmingLeave, setConfirmingLeave] = useState(false);
  const info = call.info.value;
  const company = info?.companyName ?? t('app.name');
  const productLine = info?.productLine ?? null;
  const position = call.queue.value;
  const leaving = call.leaving.value;

  return (
    <main class="screen waiting-room">
      <div class="screen-body">
        <p class="brand">{company}</p>
        {productLine !== null ? <p class="entry-line">{productLine.name}</p> : null}
        <h1 ref={heading} tabIndex={-1}>
          {position?.position === 1 ? t('queue.titleNext') : t('queue.title')}
        </h1>
        <QueueStatus call={call} />
        {productLine?.greeting ? <p class="lead">{productLine.greeting}</p> : null}
        <CameraPreview call={call} />
        {call.notice.value !== null ? (
          <p class="inline-alert" role="alert">
            {t(call.notice.value)}
          </p>
        ) : null}
      </div>
      <div class="screen-actions stacked-actions">
        {position?.callbackAvailable ? (
          <button
            type="button"
            class="button button-large"
            disabled={leaving}
            onClick={props.onAskCallback}
          >
            {t('queue.askCallback')}
          </button>
        ) : null}
        <button
          type="button"
          class="button button-quiet button-large"
          aria-haspopup="dialog"
          disabled={leaving}
          onClick={() => setConfirmingLeave(true)}
        >
          {leaving ? t('queue.leaving') : t('queue.leave')}
        </button>
      </div>
      {confirmingLeave ? (
        <ConfirmDialog
          title={t('queue.leaveConfirmTitle')}
          message={t('queue.leaveConfirmBody')}
          confirmLabel={t('queue.leaveConfirm')}
          cancelLabel={t('queue.keepWaiting')}
          onConfirm={() => {
            setConfirmingLeave(false);
            void call.leaveQueue();
          }}
          onCancel={() => setConfirmingLeave(false)}
        />
      ) : null}
    </main>
  );
}

/** Position and estimated wait, in a live region so screen readers hear each change. */
function QueueStatus({ call }: { call: CustomerCall }): JSX.Element {
  const position = call.queue.value;
  if (position === null) {
    return <p role="status" class="queue-status" />;
  }
  const wait = waitEstimate(position.estimatedWaitSeconds);

  let waitText: string;
  if (wait.kind === 'unknown') {
    waitText = t('queue.waitUnknown');
  } else if (wait.kind === 'under_minute') {
    waitText = t('queue.waitUnderMinute');
  } else if (wait.minutes === 1) {
    waitText = t('queue.waitOneMinute');
  } else {
    waitText = t('queue.waitMinutes', { minutes: wait.minutes });
  }

  return (
    <div role="status" class="queue-status">
      <p class="queue-position">
        {position.position === 1
          ? t('queue.positionNext')
          : t('queue.position', { position: position.position })}
      </p>
      <p class="queue-wait">{waitText}</p>
    </div>
  );
}

/**
 * Shows the customer's own camera while waiting, or a button to turn it on after a reload: browsers
 * open the camera only from a tap, and the agent needs it as soon as the call starts.
 */
function CameraPreview({ call }: { call: CustomerCall }): JSX.Element {
  const stream = call.localStream.value;
  const facing = call.facingMode.value;

  if (stream === null) {
    const starting = call.starting.value;
    return (
      <section class="card preview-off" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('queue.cameraOffTitle')}</h2>
        <p>{t('queue.cameraOffBody')}</p>
        <button
          type="button"
          class="button button-primary"
          disabled={starting}
          aria-busy={starting}
          onClick={() => void call.start()}
        >
          {starting ? t('consent.starting') : t('queue.cameraOn')}
        </button>
      </section>
    );
  }

  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" class="visually-hidden">
        {t('queue.previewTitle')}
      </h2>
      <div class="preview-frame">
        <VideoView
          class="preview-video"
          stream={stream}
          label={t('call.yourCamera')}
          muted
          mirrored={facing === 'user'}
        />
        <button
          type="button"
          class="pill-control preview-flip"
          aria-label={facing === 'environment' ? t('call.switchToFront') : t('call.switchToRear')}
          disabled={call.switchingCamera.value}
          onClick={() => void call.flipCamera()}
        >
          <FlipCameraIcon />
          <span aria-hidden="true">{t('call.switchShort')}</span>
        </button>
      </div>
      <p class="hint preview-hint">{t('queue.previewHint')}</p>
    </section>
  );
}
