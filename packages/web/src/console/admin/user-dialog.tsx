import {
  type Role,
  type Team,
  type UserAccount,
  minPasswordLength,
  roles,
} from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { describeError } from '../../shared/describe-error';
import { FormError } from '../../shared/ui/form-error';
import { handleAuthError } from '../auth';
import { ModalDialog } from '../modal-dialog';
import { createUser, updateUser } from './admin-api';
import { TagInput, normalizeLanguage, normalizeSkill } from './tag-input';

const roleKeys = {
  agent: 'admin.role.agent',
  supervisor: 'admin.role.supervisor',
  admin: 'admin.role.admin',
} as const;

/** Returns the label of a role in the active language. */
export function roleLabel(role: Role): string {
  return t(roleKeys[role]);
}

/** Returns a random password of 16 letters and digits, from the browser's secure generator. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // 256 is not a multiple of the alphabet's 56 symbols; the bias of the modulo is below 1 %.
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export interface UserDialogProps {
  /** The user to edit, or undefined to create one. */
  user: UserAccount | undefined;
  teams: Team[];
  knownSkills: readonly string[];
  onSaved(user: UserAccount): void;
  onClose(): void;
}

/** Modal form that creates a console user or changes one's role, team, skills and languages. */
export function UserDialog(props: UserDialogProps): JSX.Element {
  const { user } = props;
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [teamId, setTeamId] = useState(user?.team?.id ?? '');
  const [skills, setSkills] = useState<string[]>(user?.skills ?? []);
  const [languages, setLanguages] = useState<string[]>(user?.languages ?? ['en']);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = {
    title: useId(),
    name: useId(),
    email: useId(),
    role: useId(),
    team: useId(),
    password: useId(),
    passwordHint: useId(),
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (languages.length === 0) {
      setError(t('admin.user.languagesMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    const common = {
      name: name.trim(),
      role,
      teamId: teamId === '' ? null : teamId,
      skills,
      languages,
    };
    try {
      const saved =
        user === undefined
          ? await createUser({ ...common, email: email.trim(), password })
          : await updateUser(user.id, password === '' ? common : { ...common, password });
      props.onSaved(saved);
    } catch (failure) {
      if (!handleAuthError(failure)) setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      titleId={ids.title}
      title={
        user === undefined
          ? t('admin.user.newTitle')
          : t('admin.user.editTitle', { name: user.name })
      }
      onClose={props.onClose}
    >
      <form class="stack" onSubmit={(event) => void submit(event)}>
        <div class="field-row">
          <div class="field">
            <label for={ids.name}>{t('admin.user.name')}</label>
            <input
              id={ids.name}
              type="text"
              required
              maxLength={120}
              autoComplete="off"
              value={name}
              onInput={(event) => setName(event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for={ids.email}>{t('admin.user.email')}</label>
            <input
              id={ids.email}
              type="email"
              required
              maxLength={320}
              autoComplete="off"
              readOnly={user !== undefined}
              value={email}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
          </div>
        </div>
        <div class="field-row">
          <div class="field">
            <label for={ids.role}>{t('admin.user.role')}</label>
            <select
              id={ids.role}
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
            >
              {roles.map((name) => (
                <option key={name} value={name}>
                  {roleLabel(name)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={ids.team}>{t('admin.user.team')}</label>
            <select
              id={ids.team}
              value={teamId}
              onChange={(event) => setTeamId(event.currentTarget.value)}
            >
              <option value="">{t('admin.user.noTeam')}</option>
              {props.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <TagInput
          label={t('admin.user.skills')}
          hint={t('admin.user.skillsHint')}
          tags={skills}
          onChange={setSkills}
          normalize={normalizeSkill}
          invalidMessage={t('admin.skillInvalid')}
          suggestions={props.knownSkills}
          max={20}
        />
        <TagInput
          label={t('admin.user.languages')}
          hint={t('admin.user.languagesHint')}
          tags={languages}
          onChange={setLanguages}
          normalize={normalizeLanguage}
          invalidMessage={t('admin.productLine.languageInvalid')}
          max={10}
        />
        <div class="field">
          <label for={ids.password}>
            {user === undefined ? t('admin.user.password') : t('admin.user.newPassword')}
          </label>
          <div class="input-with-button">
            <input
              id={ids.password}
              type="text"
              required={user === undefined}
              minLength={minPasswordLength}
              maxLength={1024}
              autoComplete="new-password"
              spellcheck={false}
              class="mono"
              aria-describedby={ids.passwordHint}
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
            <button type="button" class="button" onClick={() => setPassword(generatePassword())}>
              {t('admin.user.generate')}
            </button>
          </div>
          <span id={ids.passwordHint} class="field-hint">
            {user === undefined
              ? t('admin.user.passwordHint', { min: minPasswordLength })
              : t('admin.user.newPasswordHint', { min: minPasswordLength })}
          </span>
        </div>
        <FormError message={error} />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy
              ? t('admin.saving')
              : user === undefined
                ? t('admin.user.create')
                : t('admin.save')}
          </button>
          <button type="button" class="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
