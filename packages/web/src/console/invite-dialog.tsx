import type { CreateSessionResponse } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { FormError } from '../shared/ui/form-error';
import { createSession } from './api';
import { handleAuthError } from './auth';
import { CustomerLinkPanel } from './customer-link';
import { ModalDialog } from './modal-dialog';
import { followLink, sessionPath } from './router';
import { SendInvitePanel } from './send-invite';

export interface InviteDialogProps {
  onClose(): void;
  onCreated(invite: CreateSessionResponse): void;
}

/** Modal dialog that creates a support session and shows its customer link and QR code. */
export function InviteDialog(props: InviteDialogProps): JSX.Element {
  const [invite, setInvite] = useState<CreateSessionResponse | null>(null);

  const created = (response: CreateSessionResponse): void => {
    setInvite(response);
    props.onCreated(response);
  };

  return (
    <ModalDialog titleId="invite-title" title={t('invite.title')} onClose={props.onClose}>
      {invite === null ? (
        <InviteForm onCreated={created} />
      ) : (
        <div class="stack">
          <p class="muted">{t('invite.expires', { expires: formatDateTime(invite.expiresAt) })}</p>
          <CustomerLinkPanel customerUrl={invite.customerUrl} qrCodeSvgUrl={invite.qrCodeSvgUrl} />
          {invite.shortCode === undefined ? null : <ShortCodePanel invite={invite} />}
          <SendInvitePanel sessionId={invite.id} />
          <div class="form-actions">
            <OpenCallLink sessionId={invite.id} onOpen={props.onClose} />
          </div>
        </div>
      )}
    </ModalDialog>
  );
}

/** Opens the call view of the session just invited, and calls `onOpen` to close the dialog. */
export function OpenCallLink(props: { sessionId: string; onOpen(): void }): JSX.Element {
  return (
    <a
      class="button button-primary"
      href={sessionPath(props.sessionId)}
      onClick={(event) => {
        followLink(event);
        props.onOpen();
      }}
    >
      {t('invite.openCall')}
    </a>
  );
}

function InviteForm(props: { onCreated(invite: CreateSessionResponse): void }): JSX.Element {
  const [customerName, setCustomerName] = useState('');
  const [topic, setTopic] = useState('');
  const [withShortCode, setWithShortCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Empty fields are left out: the server rejects empty strings but accepts absent ones.
      props.onCreated(
        await createSession({
          customerName: customerName.trim() || undefined,
          topic: topic.trim() || undefined,
          ...(withShortCode ? { shortCode: true } : {}),
        }),
      );
    } catch (failure) {
      if (!handleAuthError(failure)) {
        setError(describeError(failure));
      }
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={(event) => void submit(event)}>
      <p class="muted">{t('invite.lead')}</p>
      <label class="field">
        <span>{t('invite.customerName')}</span>
        <input
          type="text"
          name="customerName"
          maxLength={120}
          autoComplete="off"
          value={customerName}
          onInput={(event) => setCustomerName(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('invite.topic')}</span>
        <input
          type="text"
          name="topic"
          maxLength={200}
          autoComplete="off"
          value={topic}
          onInput={(event) => setTopic(event.currentTarget.value)}
        />
      </label>
      <div class="check-field">
        <input
          id="invite-short-code"
          type="checkbox"
          name="shortCode"
          checked={withShortCode}
          aria-describedby="invite-short-code-hint"
          onChange={(event) => setWithShortCode(event.currentTarget.checked)}
        />
        <div>
          <label for="invite-short-code">{t('invite.shortCode')}</label>
          <p id="invite-short-code-hint" class="muted">
            {t('invite.shortCodeHint', { joinUrl: joinPageUrl(window.location.origin) })}
          </p>
        </div>
      </div>
      <FormError message={error} />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('invite.creating') : t('invite.create')}
        </button>
      </div>
    </form>
  );
}

/** Shows the six-digit code that the customer can type at `/join` instead of opening the link. */
function ShortCodePanel(props: { invite: CreateSessionResponse }): JSX.Element {
  const { shortCode, shortCodeExpiresAt, expiresAt, customerUrl } = props.invite;
  const digits = shortCode ?? '';
  return (
    <section class="short-code" aria-labelledby="short-code-title">
      <h3 id="short-code-title">{t('invite.codeTitle')}</h3>
      <p class="short-code-digits">{`${digits.slice(0, 3)} ${digits.slice(3)}`}</p>
      <p class="muted">
        {t('invite.codeLead', {
          joinUrl: joinPageUrl(new URL(customerUrl).origin),
          expires: formatDateTime(shortCodeExpiresAt ?? expiresAt),
        })}
      </p>
    </section>
  );
}

/** Address of the page where customers type a six-digit code, without the scheme. */
function joinPageUrl(origin: string): string {
  return `${origin.replace(/^https?:\/\//, '')}/join`;
}
