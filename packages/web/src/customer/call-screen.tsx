import type { ChatMessage } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ChatPanel } from '../shared/ui/chat-panel';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { ChatIcon, EndCallIcon, FlipCameraIcon, MicIcon, MicOffIcon } from '../shared/ui/icons';
import { MountedElement, VideoView } from '../shared/ui/media-views';
import type { CustomerCall } from './customer-call';
import { LiveOverlay } from './live-overlay';
import { PhotoControl, ToolNotices, TorchButton } from './tool-controls';
import { customerCallStatus } from './state';

const statusKeys = {
  waiting_agent: 'call.status.waitingAgent',
  connecting: 'call.status.connecting',
  connected: 'call.status.connected',
  reconnecting: 'call.status.reconnecting',
} as const;

// How long the preview of an incoming chat message stays on screen, in milliseconds.
const incomingPreviewMs = 6000;

/** Renders the live call: the customer's own camera large, the agent small, controls below. */
export function CallScreen({ call }: { call: CustomerCall }): JSX.Element {
  const client = call.client.value;
  const state = client?.state.value ?? null;
  const connection = client?.connection.value ?? 'connecting';
  const status = customerCallStatus(connection, state, client?.peerState.value ?? null);
  const facing = call.facingMode.value;
  const stream = call.localStream.value;
  const hasAudio = (stream?.getAudioTracks().length ?? 0) > 0;
  const [preview, setPreview] = useState<HTMLVideoElement | null>(null);
  const trackPreview = useCallback(
    (element: HTMLVideoElement | null) => {
      setPreview(element);
      call.tools.setPreview(element);
    },
    [call],
  );

  return (
    <main class="call">
      <VideoView
        class="local-video"
        stream={stream}
        label={t('call.yourCamera')}
        muted
        mirrored={facing === 'user'}
        onElement={trackPreview}
      />
      <LiveOverlay call={call} video={preview} />
      <div class="call-top">
        <p class="status-pill" role="status" data-status={status}>
          <span class={`status-dot status-${status}`} aria-hidden="true" />
          {t(statusKeys[status])}
        </p>
        {connection === 'reconnecting' ? (
          <p class="call-notice" role="alert">
            {t('call.reconnecting')}
          </p>
        ) : null}
        {call.notice.value !== null ? (
          <p class="call-notice" role="alert">
            {t(call.notice.value)}
          </p>
        ) : null}
        {!hasAudio ? <p class="call-notice">{t('call.noMicrophone')}</p> : null}
        <ToolNotices call={call} />
        {call.remote.soundBlocked.value ? (
          <button
            type="button"
            class="button button-light"
            onClick={() => call.remote.enableSound()}
          >
            {t('call.enableSound')}
          </button>
        ) : null}
      </div>
      <AgentTile call={call} />
      <IncomingPreview call={call} />
      <div class="call-extras">
        <PhotoControl call={call} />
        <TorchButton call={call} />
      </div>
      <CallControls call={call} hasAudio={hasAudio} />
      {call.chatOpen.value ? <ChatSheet call={call} /> : null}
    </main>
  );
}

/** Shows the agent's face, or their initials and name while their camera is off. */
function AgentTile({ call }: { call: CustomerCall }): JSX.Element | null {
  const client = call.client.value;
  const agent = client?.state.value?.agent ?? call.info.value?.agent ?? null;
  const name = agent?.name ?? t('call.agentFallback');
  const cameraOn = client?.peerMedia.value?.videoEnabled !== false;
  const showVideo =
    (client?.remoteHasVideo.value ?? false) && call.remote.hasFrames.value && cameraOn;
  const muted = client?.peerMedia.value?.audioMuted === true;

  useEffect(() => {
    call.remote.setLabel(t('call.agentVideo', { name }));
  }, [call.remote, name]);

  return (
    <aside class="agent-tile" aria-label={name} data-video={showVideo ? 'on' : 'off'}>
      {/* Stays mounted while hidden: it also plays the agent's audio. */}
      <MountedElement
        element={call.remote.element}
        class={showVideo ? 'agent-video' : 'agent-video hidden'}
      />
      {showVideo ? null : (
        <div class="agent-placeholder">
          <span class="avatar" aria-hidden="true">
            {agent?.initials ?? '?'}
          </span>
        </div>
      )}
      {/* The live region stays mounted so that a screen reader hears the mute as it happens. */}
      <span role="status" class="agent-muted-status">
        {muted ? (
          <span class="agent-muted">
            <MicOffIcon />
            <span class="visually-hidden">{t('call.agentMuted', { name })}</span>
          </span>
        ) : null}
      </span>
      <span class="agent-name">{name}</span>
    </aside>
  );
}

/** Shows the newest message from the agent for a few seconds while the chat is closed. */
function IncomingPreview({ call }: { call: CustomerCall }): JSX.Element | null {
  const messages = call.client.value?.messages.value ?? [];
  const [shown, setShown] = useState<ChatMessage | null>(null);
  const latest = messages[messages.length - 1];

  useEffect(() => {
    // Only messages counted as unread get a preview, not the history sent on connect.
    if (latest === undefined || latest.sender === 'customer' || call.unread.peek() === 0) {
      return;
    }
    setShown(latest);
    const timer = setTimeout(() => setShown(null), incomingPreviewMs);
    return () => clearTimeout(timer);
  }, [latest?.id]);

  // Opening the chat reads the message, so the preview goes with the unread count.
  if (shown === null || call.unread.value === 0) {
    return null;
  }
  return (
    <button type="button" class="incoming" onClick={() => call.setChatOpen(true)}>
      <span role="status">{t('chat.incoming', { name: shown.senderName, text: shown.text })}</span>
    </button>
  );
}

function CallControls(props: { call: CustomerCall; hasAudio: boolean }): JSX.Element {
  const { call } = props;
  const muted = call.audioMuted.value;
  const unread = call.unread.value;
  const toFront = call.facingMode.value === 'environment';
  // End sits next to Chat on a small screen, so ending waits for a confirmation.
  const [confirmingEnd, setConfirmingEnd] = useState(false);

  return (
    <>
      <div class="controls" role="toolbar" aria-label={t('call.controls')}>
        <button
          type="button"
          class="control"
          aria-label={toFront ? t('call.switchToFront') : t('call.switchToRear')}
          disabled={call.switchingCamera.value}
          onClick={() => void call.flipCamera()}
        >
          <FlipCameraIcon />
          <span aria-hidden="true">{t('call.switchShort')}</span>
        </button>
        <button
          type="button"
          class="control"
          aria-label={muted ? t('call.unmute') : t('call.mute')}
          aria-pressed={muted}
          disabled={!props.hasAudio}
          onClick={() => call.toggleMute()}
        >
          {muted ? <MicOffIcon /> : <MicIcon />}
          <span aria-hidden="true">{muted ? t('call.unmuteShort') : t('call.muteShort')}</span>
        </button>
        <button
          type="button"
          class="control"
          aria-label={t('call.chat')}
          aria-describedby={unread > 0 ? 'unread-count' : undefined}
          aria-expanded={call.chatOpen.value}
          onClick={() => call.setChatOpen(!call.chatOpen.value)}
        >
          <ChatIcon />
          <span aria-hidden="true">{t('call.chat')}</span>
          {unread > 0 ? (
            <span class="unread" id="unread-count">
              <span aria-hidden="true">{unread}</span>
              <span class="visually-hidden">
                {unread === 1 ? t('call.unreadOne') : t('call.unreadMany', { count: unread })}
              </span>
            </span>
          ) : null}
        </button>
        <button
          type="button"
          class="control control-end"
          aria-label={t('call.end')}
          aria-haspopup="dialog"
          onClick={() => setConfirmingEnd(true)}
        >
          <EndCallIcon />
          <span aria-hidden="true">{t('call.endShort')}</span>
        </button>
      </div>
      {confirmingEnd ? (
        <ConfirmDialog
          title={t('call.endConfirmTitle')}
          message={t('call.endConfirmBody')}
          confirmLabel={t('call.endConfirm')}
          cancelLabel={t('call.keepTalking')}
          onConfirm={() => {
            setConfirmingEnd(false);
            void call.endCall();
          }}
          onCancel={() => setConfirmingEnd(false)}
        />
      ) : null}
    </>
  );
}

function ChatSheet({ call }: { call: CustomerCall }): JSX.Element {
  const client = call.client.value;
  return (
    <section class="chat-sheet" aria-labelledby="chat-title">
      <ChatPanel
        headingId="chat-title"
        messages={client?.messages.value ?? []}
        self="customer"
        autoFocus
        onSend={(text) => call.sendChat(text)}
        headerActions={
          <button type="button" class="button button-quiet" onClick={() => call.setChatOpen(false)}>
            {t('chat.close')}
          </button>
        }
      />
    </section>
  );
}
