import {
  type InviteChannel,
  type NotificationChannels,
  type SendInviteResponse,
  maxInviteSends,
} from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatTime, t, type MessageKey } from '../i18n';
import { describeError } from '../shared/describe-error';
import { RequestError } from '../shared/errors';
import { fetchNotificationChannels, sendInvite } from './api';
import { handleAuthError } from './auth';

/** Channels are server configuration, fixed until a restart, so one request serves the page. */
let channelsRequest: Promise<NotificationChannels> | undefined;

function loadChannels(): Promise<NotificationChannels> {
  channelsRequest ??= fetchNotificationChannels().catch((error: unknown) => {
    channelsRequest = undefined;
    throw error;
  });
  return channelsRequest;
}

/**
 * "Send by e-mail" and "Send by SMS" forms for a waiting session's customer link. Only the
 * channels the server is configured for are shown.
 */
export function SendInvitePanel(props: { sessionId: string }): JSX.Element | null {
  const [channels, setChannels] = useState<NotificationChannels | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    let current = true;
    loadChannels().then(
      (loaded) => {
        if (current) setChannels(loaded);
      },
      (error: unknown) => {
        if (current && !handleAuthError(error)) setLoadFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, []);

  if (loadFailed) {
    return <p class="muted">{t('sendInvite.channelsUnavailable')}</p>;
  }
  if (channels === null) {
    return null;
  }
  if (!channels.email && !channels.sms) {
    return <p class="muted">{t('sendInvite.notConfigured')}</p>;
  }

  return (
    <section class="send-invite" aria-labelledby="send-invite-title">
      <h3 id="send-invite-title">{t('sendInvite.title')}</h3>
      {channels.email ? <SendForm sessionId={props.sessionId} channel="email" /> : null}
      {channels.sms ? <SendForm sessionId={props.sessionId} channel="sms" /> : null}
    </section>
  );
}

type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; result: SendInviteResponse }
  | { kind: 'failed'; message: string };

const fieldText: Record<
  InviteChannel,
  { label: MessageKey; button: MessageKey; hint: MessageKey }
> = {
  email: {
    label: 'sendInvite.emailLabel',
    button: 'sendInvite.sendEmail',
    hint: 'sendInvite.emailHint',
  },
  sms: { label: 'sendInvite.smsLabel', button: 'sendInvite.sendSms', hint: 'sendInvite.smsHint' },
};

function SendForm(props: { sessionId: string; channel: InviteChannel }): JSX.Element {
  const [to, setTo] = useState('');
  const [state, setState] = useState<SendState>({ kind: 'idle' });
  const text = fieldText[props.channel];
  const inputId = `send-invite-${props.channel}`;
  const hintId = `${inputId}-hint`;

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setState({ kind: 'sending' });
    try {
      const result = await sendInvite(props.sessionId, {
        channel: props.channel,
        to: to.trim(),
        ...browserTimeZone(),
      });
      setTo('');
      setState({ kind: 'sent', result });
    } catch (failure) {
      if (handleAuthError(failure)) {
        setState({ kind: 'idle' });
        return;
      }
      setState({ kind: 'failed', message: describeSendError(failure, props.channel) });
    }
  };

  const limitReached = state.kind === 'sent' && state.result.sendsLeft === 0;
  return (
    // The server checks the address or number, so every problem reads the same in every browser.
    <form class="send-form" noValidate onSubmit={(event) => void submit(event)}>
      <label for={inputId} class="send-form-label">
        {t(text.label)}
      </label>
      <p id={hintId} class="send-form-hint">
        {t(text.hint)}
      </p>
      <div class="send-form-row">
        <input
          id={inputId}
          type="text"
          name={props.channel === 'email' ? 'email' : 'phone'}
          autoComplete="off"
          spellcheck={false}
          inputMode={props.channel === 'email' ? 'email' : 'tel'}
          maxLength={props.channel === 'email' ? 254 : 40}
          placeholder={props.channel === 'email' ? 'name@example.com' : '+44 20 7946 0958'}
          aria-describedby={hintId}
          value={to}
          onInput={(event) => setTo(event.currentTarget.value)}
        />
        <button
          type="submit"
          class="button"
          disabled={state.kind === 'sending' || limitReached || to.trim() === ''}
        >
          {state.kind === 'sending' ? t('sendInvite.sending') : t(text.button)}
        </button>
      </div>
      <p role="status" class="send-form-status">
        {state.kind === 'sent' ? (
          <span class="send-form-sent">
            {t('sendInvite.sent', { to: state.result.to, time: formatTime(state.result.sentAt) })}
            {limitReached ? ` ${t('sendInvite.limitReached')}` : null}
          </span>
        ) : null}
      </p>
      {state.kind === 'failed' ? (
        <p class="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** Returns the console's time zone, so the message states the link's expiry in local time. */
function browserTimeZone(): { timeZone?: string } {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && zone !== '' ? { timeZone: zone } : {};
}

/** Messages for the failures an agent can act on. Other failures use the general description. */
const sendErrorKeys: Partial<Record<string, MessageKey>> = {
  EMAIL_NOT_CONFIGURED: 'sendInvite.error.notConfigured',
  SMS_NOT_CONFIGURED: 'sendInvite.error.notConfigured',
  LINK_EXPIRED: 'sendInvite.error.expired',
  SESSION_ENDED: 'sendInvite.error.ended',
  INVALID_TRANSITION: 'sendInvite.error.joined',
};

function describeSendError(failure: unknown, channel: InviteChannel): string {
  if (!(failure instanceof RequestError)) {
    return describeError(failure);
  }
  if (failure.code === 'INVITE_SEND_LIMIT') {
    return t('sendInvite.error.limit', { max: maxInviteSends });
  }
  const key = sendErrorKeys[failure.code];
  if (key !== undefined) {
    return t(key);
  }
  // The server's message names the provider's or mail server's reason, such as an unknown number.
  switch (failure.code) {
    case 'EMAIL_REJECTED':
    case 'SMS_REJECTED':
      return t('sendInvite.error.rejected', { reason: failure.message });
    case 'EMAIL_FAILED':
    case 'SMS_FAILED':
      return t('sendInvite.error.failed', { reason: failure.message });
    case 'VALIDATION_FAILED':
      return t(
        channel === 'email' ? 'sendInvite.error.invalidEmail' : 'sendInvite.error.invalidPhone',
      );
    default:
      return describeError(failure);
  }
}
