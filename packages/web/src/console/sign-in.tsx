import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { FormError } from '../shared/ui/form-error';
import { signIn, signOut } from './api';
import { currentUser } from './auth';

/** Shows the console's sign-in form; the dashboard shows it too, with its own `lead` sentence. */
export function SignInPage({ lead }: { lead?: string }): JSX.Element {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      currentUser.value = await signIn(email.trim(), password);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <form class="sign-in-card" onSubmit={(event) => void submit(event)} noValidate>
        <p class="brand-mark">{t('app.name')}</p>
        <h1>{t('signIn.title')}</h1>
        <p class="muted">{lead ?? t('signIn.lead')}</p>
        <label class="field">
          <span>{t('signIn.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{t('signIn.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        <FormError message={error} />
        <button type="submit" class="button button-primary button-block" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}

/** Renders the header's Sign out button. */
export function SignOutButton(): JSX.Element {
  const leave = async (): Promise<void> => {
    // Signed out locally even if the request fails: the cookie is httpOnly and expires anyway.
    await signOut().catch(() => undefined);
    currentUser.value = null;
  };
  return (
    <button type="button" class="button" onClick={() => void leave()}>
      {t('header.signOut')}
    </button>
  );
}
