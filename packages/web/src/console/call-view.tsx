import type { SessionDetail } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { RequestError } from '../shared/errors';
import { ChatPanel } from '../shared/ui/chat-panel';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { FormError } from '../shared/ui/form-error';
import { EndCallIcon, MicIcon, MicOffIcon } from '../shared/ui/icons';
import { MountedElement, VideoView } from '../shared/ui/media-views';
import { AgentCall } from './agent-call';
import { AnnotationToolbar } from './annotation-toolbar';
import { currentUser } from './auth';
import { agentCallStatus, type AgentCallStatus } from './call-status';
import { CustomerCameraControls } from './camera-controls';
import { CaptureButtons, FrozenStill, ToolNotices } from './capture-controls';
import { CustomerLinkPanel } from './customer-link';
import { DrawingSurface } from './drawing-surface';
import { ReadBoxSurface, ReadToolButtons } from './read-box-surface';
import { SerialPanel } from './serial-panel';
import { SnapshotGallery } from './snapshot-gallery';

const statusKeys = {
  joining: 'agentCall.status.joining',
  waiting_customer: 'agentCall.status.waitingCustomer',
  consent: 'agentCall.status.consent',
  connecting: 'agentCall.status.connecting',
  connected: 'agentCall.status.connected',
  customer_left: 'agentCall.status.customerLeft',
  reconnecting: 'agentCall.status.reconnecting',
} as const;

// Text of the empty video area. The status line above already names the state.
const stageKeys = {
  joining: 'agentCall.stage.soon',
  waiting_customer: 'agentCall.stage.beforeStart',
  consent: 'agentCall.stage.consent',
  connecting: 'agentCall.stage.soon',
  connected: 'agentCall.stage.soon',
  customer_left: 'agentCall.stage.left',
  reconnecting: 'agentCall.stage.soon',
} as const;

export interface CallViewProps {
  detail: SessionDetail;
  /** Called when the call is over or cannot be joined, so the page reloads the case. */
  onFinished(): void;
  /** Called when the call belongs to another agent, with that agent's name when known. */
  onHeldElsewhere(agentName: string | null): void;
}

/** Renders the agent's live call: the customer's camera large, the agent's own camera small, chat. */
export function CallView({ detail, onFinished, onHeldElsewhere }: CallViewProps): JSX.Element {
  const [call] = useState(
    () =>
      new AgentCall(
        detail.id,
        t('agentCall.customerVideo'),
        `agent:${currentUser.value?.id ?? 'unknown'}`,
        {
          serialNumber: detail.serialNumber,
          modelNumber: detail.modelNumber,
          productLineId: detail.productLine?.id ?? null,
        },
      ),
  );
  const client = call.client;
  const closedReason = client.closedReason.value;
  const rejected = client.rejected.value;

  useEffect(() => {
    call.start(navigator.mediaDevices);
    return () => call.dispose();
  }, [call]);

  useEffect(() => {
    if (rejected?.code === 'UNAUTHENTICATED') {
      currentUser.value = null;
    } else if (rejected?.code === 'SESSION_ASSIGNED') {
      const name = rejected.details?.agentName;
      onHeldElsewhere(typeof name === 'string' ? name : null);
    } else if (rejected !== null || (closedReason !== null && closedReason !== 'replaced')) {
      onFinished();
    }
  }, [rejected, closedReason]);

  const status = agentCallStatus(
    client.connection.value,
    client.state.value,
    client.peerState.value,
  );
  useReloadAtExpiry(detail.expiresAt, status === 'waiting_customer', onFinished);

  return (
    <div class="call-page">
      <div class="call-title">
        <h1>{t('agentCall.title', { customer: detail.customerName ?? t('cases.unnamed') })}</h1>
        <p class="call-status" role="status" data-status={status}>
          <span class={`status-dot status-${status}`} aria-hidden="true" />
          {t(statusKeys[status])}
        </p>
      </div>
      <div class="call-layout">
        <div class="call-main">
          <AnnotationToolbar tools={call.tools}>
            <ReadToolButtons
              reader={call.reader}
              live={status === 'connected' || call.tools.frozen.value !== null}
            />
          </AnnotationToolbar>
          <Stage call={call} detail={detail} status={status} />
        </div>
        <aside class="call-side" aria-labelledby="agent-chat-title">
          <SerialPanel reader={call.reader} />
          <ChatPanel
            headingId="agent-chat-title"
            messages={client.messages.value}
            self="agent"
            onSend={(text) => call.sendChat(text)}
          />
          <SnapshotGallery tools={call.tools} reader={call.reader} />
        </aside>
      </div>
      <CallBar call={call} live={status === 'connected'} />
    </div>
  );
}

// Maximum delay of setTimeout (2^31 - 1 ms). Browsers fire a longer timer at once.
const maxTimerDelayMs = 2 ** 31 - 1;

/**
 * Calls `reload` when the customer link expires while nobody has opened it, so the page shows
 * the expired case and the server's sweep can close the session once this view disconnects.
 */
function useReloadAtExpiry(expiresAt: string, waiting: boolean, reload: () => void): void {
  useEffect(() => {
    const delay = Date.parse(expiresAt) - Date.now();
    if (!waiting || delay > maxTimerDelayMs) {
      return;
    }
    const timer = setTimeout(reload, Math.max(0, delay));
    return () => clearTimeout(timer);
  }, [expiresAt, waiting]);
}

/** Notices and the call's buttons, below the video. */
function CallBar({ call, live }: { call: AgentCall; live: boolean }): JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const muted = call.audioMuted.value;

  const end = async (): Promise<void> => {
    setConfirmingEnd(false);
    setError(null);
    try {
      await call.end();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <div class="call-bar">
      <CallNotices call={call} error={error} />
      <div class="call-actions">
        <CaptureButtons tools={call.tools} live={live} />
        <CustomerCameraControls tools={call.tools} />
        <button
          type="button"
          class="button"
          aria-pressed={muted}
          disabled={(call.localStream.value?.getAudioTracks().length ?? 0) === 0}
          onClick={() => call.toggleMute()}
        >
          {muted ? <MicOffIcon /> : <MicIcon />}
          {muted ? t('call.unmute') : t('call.mute')}
        </button>
        <button
          type="button"
          class="button button-danger"
          aria-haspopup="dialog"
          onClick={() => setConfirmingEnd(true)}
        >
          <EndCallIcon />
          {t('call.end')}
        </button>
      </div>
      {confirmingEnd ? (
        <ConfirmDialog
          title={t('call.endConfirmTitle')}
          message={t('agentCall.endConfirmBody')}
          confirmLabel={t('call.endConfirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void end()}
          onCancel={() => setConfirmingEnd(false)}
        />
      ) : null}
    </div>
  );
}

function CallNotices(props: { call: AgentCall; error: string | null }): JSX.Element {
  const { call, error } = props;
  const client = call.client;
  return (
    <div class="call-notices">
      {client.connection.value === 'reconnecting' ? (
        <p class="notice" role="alert">
          {t('agentCall.reconnecting')}
        </p>
      ) : null}
      {client.rejected.value !== null ? (
        <p class="form-error" role="alert">
          {describeError(new RequestError(client.rejected.value))}
        </p>
      ) : null}
      {client.closedReason.value === 'replaced' ? (
        <p class="notice" role="alert">
          {t('agentCall.replaced')}{' '}
          {/* Reloading joins the call again, which hands it back to this tab. */}
          <button type="button" class="button" onClick={() => window.location.reload()}>
            {t('agentCall.useHere')}
          </button>
        </p>
      ) : null}
      {call.mediaSettled.value && call.cameraOff.value ? (
        <p class="notice notice-info">{t('agentCall.cameraOff')}</p>
      ) : null}
      <FormError message={error} />
      <ToolNotices tools={call.tools} />
    </div>
  );
}

function Stage(props: {
  call: AgentCall;
  detail: SessionDetail;
  status: AgentCallStatus;
}): JSX.Element {
  const { call, detail, status } = props;
  const client = call.client;
  const live = client.remoteHasVideo.value && call.remote.hasFrames.value;
  const customerMedia = client.peerMedia.value;
  const localStream = call.localStream.value;
  const hasLocalVideo = (localStream?.getVideoTracks().length ?? 0) > 0;
  const initials = client.state.value?.agent?.initials ?? initialsOf(currentUser.value?.name ?? '');
  const frozen = call.tools.frozen.value;
  const [still, setStill] = useState<HTMLImageElement | null>(null);

  return (
    <div class="stage">
      <MountedElement element={call.remote.element} class="customer-video" />
      {frozen !== null ? <FrozenStill snapshot={frozen} onElement={setStill} /> : null}
      <DrawingSurface
        tools={call.tools}
        frameElement={frozen !== null ? still : call.remote.element}
        enabled={frozen !== null || live}
      />
      {call.reader.selecting.value && (frozen !== null || live) ? (
        <ReadBoxSurface
          frameElement={frozen !== null ? still : call.remote.element}
          onRegion={(region) => void call.reader.readLive(region)}
          onCancel={() => {
            call.reader.selecting.value = false;
          }}
        />
      ) : null}
      {!live ? (
        <div class="stage-placeholder">
          <StagePlaceholder detail={detail} status={status} />
        </div>
      ) : null}
      {live && customerMedia !== null ? (
        <div class="stage-info">
          {customerMedia.facingMode !== null ? (
            <span>
              {t('agentCall.customerCamera', { facing: t(`facing.${customerMedia.facingMode}`) })}
            </span>
          ) : null}
          {customerMedia.audioMuted ? <span>{t('agentCall.customerMuted')}</span> : null}
        </div>
      ) : null}
      {call.remote.soundBlocked.value ? (
        <button type="button" class="button sound-button" onClick={() => call.remote.enableSound()}>
          {t('call.enableSound')}
        </button>
      ) : null}
      <div class="self-view">
        {hasLocalVideo ? (
          <VideoView stream={localStream} label={t('agentCall.yourCamera')} muted mirrored />
        ) : (
          <span class="avatar" aria-hidden="true">
            {initials}
          </span>
        )}
      </div>
    </div>
  );
}

/** Fills the video area until the customer's video arrives. */
function StagePlaceholder(props: { detail: SessionDetail; status: AgentCallStatus }): JSX.Element {
  const { detail, status } = props;
  if (status !== 'waiting_customer') {
    return <p>{t(stageKeys[status])}</p>;
  }

  // The client clock decides here. A link that expires during the wait shows the invite until
  // the next render, and the customer page reports the expiry itself.
  if (Date.parse(detail.expiresAt) < Date.now()) {
    return <p>{t('agentCall.expired', { expires: formatDateTime(detail.expiresAt) })}</p>;
  }
  if (detail.customerUrl === null || detail.qrCodeSvgUrl === null) {
    return <p>{t(stageKeys[status])}</p>;
  }
  return (
    <div class="stage-invite">
      <h2>{t('agentCall.shareTitle')}</h2>
      <CustomerLinkPanel customerUrl={detail.customerUrl} qrCodeSvgUrl={detail.qrCodeSvgUrl} />
    </div>
  );
}

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => word?.[0]?.toUpperCase() ?? '').join('');
}
