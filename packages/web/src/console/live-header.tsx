import type { AgentStatus, BusyReason, SetPresenceBody, User } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { describeError } from '../shared/describe-error';
import { RequestError } from '../shared/errors';
import { FormError } from '../shared/ui/form-error';
import { handleAuthError } from './auth';
import {
  ConsoleSocket,
  consoleSocket,
  type RingingOffer,
  type WithdrawnReason,
} from './console-socket';
import { elapsedSince, secondsUntil, useNow } from './queue-format';
import './queue.css';
import { navigate, sessionPath } from './router';

/**
 * Runs the console's live link while a user is signed in, and shows what needs the agent now:
 * a ringing offer, an offer that was withdrawn, and a lost connection.
 */
export function ConsoleLive({ user }: { user: User }): JSX.Element | null {
  useEffect(() => {
    const live = new ConsoleSocket(user.id);
    live.start();
    consoleSocket.value = live;
    return () => {
      live.stop();
      consoleSocket.value = null;
    };
  }, [user.id]);

  const live = consoleSocket.value;
  if (live === null) {
    return null;
  }
  const offer = live.offer.value;
  const withdrawn = live.withdrawn.value;

  return (
    <>
      {live.connection.value === 'reconnecting' ? (
        <p class="live-lost" role="status">
          {t('live.reconnecting')}
        </p>
      ) : null}
      <OfferAnnouncement offer={offer} />
      {offer !== null ? (
        <OfferCard key={offer.sessionId} live={live} offer={offer} />
      ) : withdrawn !== null ? (
        <WithdrawnNotice
          offer={withdrawn.offer}
          reason={withdrawn.reason}
          onDismiss={() => {
            live.withdrawn.value = null;
          }}
        />
      ) : null}
    </>
  );
}

/** Announces each new offer once, through a live region that stays mounted. */
function OfferAnnouncement({ offer }: { offer: RingingOffer | null }): JSX.Element {
  const text =
    offer === null
      ? ''
      : t('offer.announcement', {
          customer: offer.customerName ?? t('cases.unnamed'),
          productLine: offer.productLine?.name ?? t('offer.noProductLine'),
        });
  return (
    // An assertive live region rather than role="alert": the region stays mounted while empty,
    // and an empty alert would still be listed as one.
    <p class="visually-hidden" aria-live="assertive" aria-atomic="true">
      {text}
    </p>
  );
}

function OfferCard(props: { live: ConsoleSocket; offer: RingingOffer }): JSX.Element {
  const { live, offer } = props;
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    playChime();
  }, []);

  const accept = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await live.accept(offer.sessionId);
      navigate(sessionPath(offer.sessionId));
    } catch (failure) {
      setBusy(false);
      if (handleAuthError(failure)) {
        return;
      }
      if (failure instanceof RequestError && failure.code === 'SESSION_TAKEN') {
        live.offer.value = null;
        live.withdrawn.value = { offer, reason: 'taken' };
        return;
      }
      setError(describeError(failure));
    }
  };

  const decline = async (): Promise<void> => {
    setBusy(true);
    try {
      await live.decline(offer.sessionId);
    } catch (failure) {
      // An offer whose decline did not arrive times out by itself, so the error needs no notice.
      handleAuthError(failure);
    }
  };

  const seconds = offer.expiresAt === null ? null : secondsUntil(offer.expiresAt, now);
  const customer = offer.customerName ?? t('cases.unnamed');
  return (
    <section class="offer-card" aria-labelledby="offer-title" data-session-id={offer.sessionId}>
      <div class="offer-main">
        <span class="offer-pulse" aria-hidden="true" />
        <div class="offer-text">
          <h2 id="offer-title">{t('offer.title')}</h2>
          <p class="offer-customer">{customer}</p>
          <p class="offer-detail">
            {offer.productLine?.name ?? t('offer.noProductLine')}
            {offer.topic !== null ? ` · ${offer.topic}` : ''}
          </p>
          <p class="offer-detail muted">
            {t('offer.waiting', { elapsed: elapsedSince(offer.queuedAt, now) })}
          </p>
        </div>
        {seconds !== null ? (
          <p class="offer-countdown" aria-label={t('offer.countdown', { seconds })}>
            <span aria-hidden="true">{seconds}</span>
          </p>
        ) : null}
      </div>
      <FormError message={error} />
      <div class="offer-actions">
        <button type="button" class="button" disabled={busy} onClick={() => void decline()}>
          {t('offer.decline')}
        </button>
        <button
          type="button"
          class="button button-primary"
          disabled={busy}
          onClick={() => void accept()}
        >
          {t('offer.accept')}
        </button>
      </div>
    </section>
  );
}

const withdrawnKeys: Record<WithdrawnReason, MessageKey> = {
  taken: 'offer.withdrawn.taken',
  timed_out: 'offer.withdrawn.timed_out',
  abandoned: 'offer.withdrawn.abandoned',
};

// How long the notice of a withdrawn offer stays, in milliseconds.
const withdrawnNoticeMs = 10_000;

function WithdrawnNotice(props: {
  offer: RingingOffer;
  reason: WithdrawnReason;
  onDismiss(): void;
}): JSX.Element {
  const { onDismiss } = props;
  useEffect(() => {
    const timer = setTimeout(onDismiss, withdrawnNoticeMs);
    return () => clearTimeout(timer);
  }, [onDismiss]);

  return (
    <div class="offer-card offer-withdrawn">
      <p role="status">
        {t(withdrawnKeys[props.reason], {
          customer: props.offer.customerName ?? t('cases.unnamed'),
        })}
      </p>
      <button type="button" class="button button-quiet" onClick={onDismiss}>
        {t('offer.dismiss')}
      </button>
    </div>
  );
}

type ChoosableStatus = SetPresenceBody['status'];
const choosable: readonly ChoosableStatus[] = ['available', 'away', 'offline'];

const busyKeys: Record<BusyReason, MessageKey> = {
  offer: 'presence.busy.offer',
  call: 'presence.busy.call',
  wrap_up: 'presence.busy.wrap_up',
};

/** Label of an agent's status, with the reason when the server set it to busy. */
export function presenceLabel(status: AgentStatus, reason: BusyReason | null): string {
  if (status === 'busy') {
    return reason === null ? t('presence.busy') : t(busyKeys[reason]);
  }
  return t(`presence.${status}`);
}

/**
 * Shows and sets the agent's availability in the header. Agents choose Available, Away or
 * Offline. While the server keeps the agent busy (an offer, a call, wrap-up), the control shows
 * that status with its reason.
 */
export function AvailabilityControl(): JSX.Element | null {
  const live = consoleSocket.value;
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (live === null) {
    return null;
  }
  const presence = live.presence.value;
  const status = presence?.status ?? null;

  const choose = async (next: ChoosableStatus): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await live.setPresence(next);
    } catch (failure) {
      if (!handleAuthError(failure)) {
        setError(describeError(failure));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="availability">
      <span class={`presence-dot presence-${status ?? 'unknown'}`} aria-hidden="true" />
      <select
        aria-label={t('presence.label')}
        value={status ?? ''}
        disabled={presence === null || saving}
        onChange={(event) => void choose(event.currentTarget.value as ChoosableStatus)}
      >
        {presence === null ? <option value="">{t('common.loading')}</option> : null}
        {status === 'busy' ? (
          <option value="busy" disabled>
            {presenceLabel('busy', presence?.busyReason ?? null)}
          </option>
        ) : null}
        {choosable.map((option) => (
          <option key={option} value={option}>
            {t(`presence.${option}`)}
          </option>
        ))}
      </select>
      {error !== null ? (
        <span class="availability-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Plays two soft tones for a new offer. Browsers that block audio stay silent. */
function playChime(): void {
  try {
    const audio = new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 660],
      [0.18, 880],
    ] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.06, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.35);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.4);
    }
    setTimeout(() => void audio.close(), 1000);
  } catch {
    // Without Web Audio, or when the browser blocks it, the offer box alone alerts the agent.
  }
}
