import type { CallbackBody } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { toRequestError } from '../shared/errors';
import { useFocusHeading } from './screens';

/** Contact and problem of a callback request; the page adds the session or product line. */
export type CallbackContact = Omit<CallbackBody, 'token' | 'slug'>;

// The server's rule for phone numbers: an optional plus, then 6 to 24 digits, spaces, dashes or
// brackets.
const phonePattern = /^\+?[0-9 ()-]{6,24}$/;
const maxDescriptionLength = 500;

/** Mistake that a client-side check found in the fields. */
type FormProblem = 'contact_missing' | 'email_invalid' | 'phone_invalid' | 'description_missing';

/** Checks the fields as the server will, so most mistakes show before anything is sent. */
export function checkCallbackFields(fields: {
  email: string;
  phone: string;
  description: string;
}): FormProblem | null {
  const email = fields.email.trim();
  const phone = fields.phone.trim();
  if (email === '' && phone === '') {
    return 'contact_missing';
  }
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return 'email_invalid';
  }
  if (phone !== '' && !phonePattern.test(phone)) {
    return 'phone_invalid';
  }
  if (fields.description.trim() === '') {
    return 'description_missing';
  }
  return null;
}

export interface CallbackFormProps {
  company: string;
  /** Sentence under the title: why the customer is offered a callback here. */
  lead: string;
  initialName?: string;
  initialDescription?: string;
  /** Sends the request; rejects with the request's error, which the form shows. */
  onSubmit(contact: CallbackContact): Promise<void>;
  onCancel(): void;
  cancelLabel: string;
}

/** Full-screen form for a callback request: name, e-mail or phone, and what the problem is. */
export function CallbackForm(props: CallbackFormProps): JSX.Element {
  const heading = useFocusHeading();
  const [name, setName] = useState(props.initialName ?? '');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [description, setDescription] = useState(props.initialDescription ?? '');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const found = checkCallbackFields({ email, phone, description });
    setProblem(found);
    setFailure(null);
    if (found !== null) {
      return;
    }

    setSending(true);
    try {
      // Empty fields are left out: the server rejects empty strings but accepts absent ones.
      await props.onSubmit({
        name: name.trim() || undefined,
        email: email.trim() || undefined,
        phone: phone.trim() || undefined,
        description: description.trim(),
      });
    } catch (error) {
      setFailure(describeCallbackError(error));
      setSending(false);
    }
  };

  const contactProblem = problem === 'contact_missing';
  return (
    <main class="screen">
      <form class="screen-form" noValidate onSubmit={(event) => void submit(event)}>
        <div class="screen-body">
          <p class="brand">{props.company}</p>
          <h1 ref={heading} tabIndex={-1}>
            {t('callback.title')}
          </h1>
          <p class="lead">{props.lead}</p>
          <div class="form-fields">
            <label class="entry-field">
              <span>{t('callback.name')}</span>
              <input
                type="text"
                name="name"
                autoComplete="name"
                maxLength={120}
                value={name}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            </label>
            <p id="contact-hint" class={contactProblem ? 'field-error' : 'field-hint'}>
              {t('callback.contactHint')}
            </p>
            <label class="entry-field">
              <span>{t('callback.email')}</span>
              <input
                type="email"
                name="email"
                autoComplete="email"
                inputMode="email"
                maxLength={320}
                aria-invalid={contactProblem || problem === 'email_invalid'}
                aria-describedby="contact-hint"
                value={email}
                onInput={(event) => setEmail(event.currentTarget.value)}
              />
            </label>
            <label class="entry-field">
              <span>{t('callback.phone')}</span>
              <input
                type="tel"
                name="phone"
                autoComplete="tel"
                maxLength={24}
                aria-invalid={contactProblem || problem === 'phone_invalid'}
                aria-describedby="contact-hint"
                value={phone}
                onInput={(event) => setPhone(event.currentTarget.value)}
              />
            </label>
            <label class="entry-field">
              <span>{t('callback.description')}</span>
              <textarea
                name="description"
                rows={3}
                maxLength={maxDescriptionLength}
                required
                aria-invalid={problem === 'description_missing'}
                value={description}
                onInput={(event) => setDescription(event.currentTarget.value)}
              />
            </label>
          </div>
          {problem !== null || failure !== null ? (
            <p class="inline-alert" role="alert">
              {failure ?? t(`callback.problem.${problem ?? 'contact_missing'}`)}
            </p>
          ) : null}
        </div>
        <div class="screen-actions stacked-actions">
          <button type="submit" class="button button-primary button-large" disabled={sending}>
            {sending ? t('callback.sending') : t('callback.send')}
          </button>
          <button
            type="button"
            class="button button-quiet button-large"
            disabled={sending}
            onClick={props.onCancel}
          >
            {props.cancelLabel}
          </button>
        </div>
      </form>
    </main>
  );
}

function describeCallbackError(error: unknown): string {
  const failure = toRequestError(error);
  switch (failure.code) {
    case 'RATE_LIMITED':
      return t('error.RATE_LIMITED');
    case 'VALIDATION_FAILED':
      return t('callback.problem.server_invalid', {
        details: (failure.issues ?? []).map((issue) => issue.message).join(' ') || failure.message,
      });
    case 'NETWORK_FAILED':
    case 'TIMEOUT':
      return t('error.NETWORK_FAILED');
    default:
      return t('callback.problem.failed');
  }
}
