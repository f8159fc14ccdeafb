import type { Team, UserAccount } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useId, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { describeError } from '../../shared/describe-error';
import { FormError } from '../../shared/ui/form-error';
import { currentUser, handleAuthError } from '../auth';
import { DataTable } from '../data-table';
import { AdminOnly } from './admin-only';
import { createTeam, listTeams, listUsers, renameTeam } from './admin-api';
import { SkillList } from './product-lines-page';
import { UserDialog, roleLabel } from './user-dialog';
import './admin.css';

/** Admin screen of console users and teams. */
export function UsersAdminPage(): JSX.Element {
  return (
    <AdminOnly>
      <UsersAndTeams />
    </AdminOnly>
  );
}

/** The user dialog's subject: a new user, or the id of one to edit. */
type Editing = { name: 'new' } | { name: 'edit'; id: string } | null;

function UsersAndTeams(): JSX.Element {
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [userList, teamList] = await Promise.all([listUsers(), listTeams()]);
      setUsers(userList);
      setTeams(teamList);
      setError(null);
    } catch (failure) {
      if (!handleAuthError(failure)) setError(describeError(failure));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const knownSkills = useMemo(
    () => [...new Set((users ?? []).flatMap((user) => user.skills))].sort(),
    [users],
  );

  const saved = (user: UserAccount): void => {
    setNotice(
      editing?.name === 'new'
        ? t('admin.users.created', { name: user.name })
        : t('admin.users.updated', { name: user.name }),
    );
    setEditing(null);
    // The signed-in admin may have changed their own name or role.
    if (user.id === currentUser.value?.id) {
      currentUser.value = { id: user.id, email: user.email, name: user.name, role: user.role };
    }
    void load();
  };

  const editedUser =
    editing?.name === 'edit' ? users?.find((user) => user.id === editing.id) : undefined;

  return (
    <>
      <div class="page-header">
        <h1>{t('admin.users.title')}</h1>
        <div class="page-actions">
          <button
            type="button"
            class="button button-primary"
            onClick={() => setEditing({ name: 'new' })}
          >
            {t('admin.users.new')}
          </button>
        </div>
      </div>
      <p class="muted page-lead">{t('admin.users.lead')}</p>
      <p role="status" class={notice === null ? 'visually-hidden' : 'notice notice-info'}>
        {notice}
      </p>
      <FormError message={error} />
      {users === null ? (
        error === null ? (
          <p role="status">{t('common.loading')}</p>
        ) : null
      ) : (
        <div class="admin-columns">
          <UserTable users={users} onEdit={(id) => setEditing({ name: 'edit', id })} />
          <TeamsPanel teams={teams} onChanged={() => void load()} />
        </div>
      )}
      {editing !== null && (editing.name === 'new' || editedUser !== undefined) ? (
        <UserDialog
          key={editing.name === 'edit' ? editing.id : 'new'}
          user={editedUser}
          teams={teams}
          knownSkills={knownSkills}
          onSaved={saved}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function UserTable(props: { users: UserAccount[]; onEdit(id: string): void }): JSX.Element {
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading" class="section-title">
        {t('admin.users.people', { count: props.users.length })}
      </h2>
      <DataTable
        class="admin-table"
        columns={[
          t('admin.user.name'),
          t('admin.user.role'),
          t('admin.user.team'),
          t('admin.user.skills'),
          t('admin.user.languages'),
        ]}
        actions={t('admin.actions')}
      >
        {props.users.map((user) => (
          <tr key={user.id}>
            <th scope="row" class="row-title">
              <span>{user.name}</span>
              <span class="muted row-subtitle">{user.email}</span>
            </th>
            <td data-label={t('admin.user.role')}>
              <span class={`role-tag role-${user.role}`}>{roleLabel(user.role)}</span>
            </td>
            <td data-label={t('admin.user.team')}>
              {user.team?.name ?? <span class="muted">{t('common.none')}</span>}
            </td>
            <td data-label={t('admin.user.skills')}>
              <SkillList skills={user.skills} />
            </td>
            <td data-label={t('admin.user.languages')}>{user.languages.join(', ')}</td>
            <td class="cell-action">
              <button
                type="button"
                class="button button-small"
                aria-label={t('admin.users.editLabel', { name: user.name })}
                onClick={() => props.onEdit(user.id)}
              >
                {t('admin.edit')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function TeamsPanel(props: { teams: Team[]; onChanged(): void }): JSX.Element {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await createTeam(name.trim());
      setName('');
      props.onChanged();
    } catch (failure) {
      if (!handleAuthError(failure)) setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card stack teams" aria-labelledby="teams-heading">
      <h2 id="teams-heading">{t('admin.teams.title')}</h2>
      <p class="muted">{t('admin.teams.lead')}</p>
      {props.teams.length === 0 ? (
        <p class="muted">{t('admin.teams.empty')}</p>
      ) : (
        <ul class="team-list">
          {props.teams.map((team) => (
            <TeamRow key={team.id} team={team} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
      <form class="stack" onSubmit={(event) => void add(event)}>
        <div class="field">
          <label for={inputId}>{t('admin.teams.newName')}</label>
          <div class="input-with-button">
            <input
              id={inputId}
              type="text"
              required
              maxLength={80}
              autoComplete="off"
              value={name}
              onInput={(event) => setName(event.currentTarget.value)}
            />
            <button type="submit" class="button" disabled={busy}>
              {t('admin.teams.add')}
            </button>
          </div>
        </div>
        <FormError message={error} />
      </form>
    </section>
  );
}

function TeamRow(props: { team: Team; onChanged(): void }): JSX.Element {
  const { team } = props;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(team.name);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      await renameTeam(team.id, name.trim());
      setRenaming(false);
      props.onChanged();
    } catch (failure) {
      if (!handleAuthError(failure)) setError(describeError(failure));
    }
  };

  if (renaming) {
    return (
      <li class="team-row">
        <form class="stack" onSubmit={(event) => void save(event)}>
          <label for={inputId} class="visually-hidden">
            {t('admin.teams.renameLabel', { name: team.name })}
          </label>
          <div class="input-with-button">
            <input
              id={inputId}
              type="text"
              required
              maxLength={80}
              value={name}
              onInput={(event) => setName(event.currentTarget.value)}
            />
            <button type="submit" class="button button-small button-primary">
              {t('admin.save')}
            </button>
            <button
              type="button"
              class="button button-small"
              onClick={() => {
                setName(team.name);
                setRenaming(false);
                setError(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
          <FormError message={error} />
        </form>
      </li>
    );
  }

  return (
    <li class="team-row">
      <span class="team-name">{team.name}</span>
      <span class="muted">
        {team.memberCount === 1
          ? t('admin.teams.memberOne')
          : t('admin.teams.memberMany', { count: team.memberCount })}
      </span>
      <button
        type="button"
        class="button button-quiet button-small"
        aria-label={t('admin.teams.renameLabel', { name: team.name })}
        onClick={() => setRenaming(true)}
      >
        {t('admin.teams.rename')}
      </button>
    </li>
  );
}
