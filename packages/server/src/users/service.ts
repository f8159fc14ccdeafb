import type { CreateUserBody, Team, UpdateUserBody, UserAccount } from '@lensdesk/protocol';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError } from '../errors.js';
import {
  type NewUserRow,
  type TeamRow,
  type UserWithTeamRow,
  deleteAuthSessionsOf,
  findTeamWithCount,
  findUserWithTeam,
  insertTeam,
  insertUser,
  listTeamsWithCounts,
  listUsersWithTeams,
  lockAdminIds,
  renameTeam,
  updateUserRow,
} from './queries.js';

function toUserAccount(row: UserWithTeamRow): UserAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    team:
      row.teamId === null || row.teamName === null ? null : { id: row.teamId, name: row.teamName },
    skills: row.skills,
    languages: row.languages,
    createdAt: row.createdAt.toISOString(),
  };
}

function toTeam(row: TeamRow & { memberCount: number }): Team {
  return {
    id: row.id,
    name: row.name,
    memberCount: row.memberCount,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Console accounts as admins manage them: roles, teams, skills and languages. */
export class UserAdminService {
  constructor(private readonly db: Database) {}

  async listUsers(): Promise<UserAccount[]> {
    const rows = await listUsersWithTeams(this.db);
    return rows.map(toUserAccount);
  }

  async getUser(id: string): Promise<UserAccount> {
    const row = await findUserWithTeam(this.db, id);
    if (row === undefined) throw new AppError('USER_NOT_FOUND');
    return toUserAccount(row);
  }

  /** Creates a user. Throws `USER_EXISTS` for an e-mail in use and `TEAM_NOT_FOUND`. */
  async createUser(body: CreateUserBody): Promise<UserAccount> {
    if (body.teamId !== undefined && body.teamId !== null) await this.requireTeam(body.teamId);

    const row = await insertUser(this.db, {
      email: body.email,
      name: body.name,
      role: body.role,
      passwordHash: await hashPassword(body.password),
      teamId: body.teamId ?? null,
      ...(body.skills === undefined ? {} : { skills: body.skills }),
      ...(body.languages === undefined ? {} : { languages: body.languages }),
    });
    if (row === undefined) throw new AppError('USER_EXISTS');
    return this.getUser(row.id);
  }

  /**
   * Changes the fields given. A new password signs the user out of every console. Throws
   * `USER_NOT_FOUND`, `TEAM_NOT_FOUND`, and `LAST_ADMIN` when the change would leave no admin.
   */
  async updateUser(id: string, body: UpdateUserBody): Promise<UserAccount> {
    if (body.teamId !== undefined && body.teamId !== null) await this.requireTeam(body.teamId);

    const values: Partial<NewUserRow> = {};
    if (body.name !== undefined) values.name = body.name;
    if (body.role !== undefined) values.role = body.role;
    if (body.teamId !== undefined) values.teamId = body.teamId;
    if (body.skills !== undefined) values.skills = body.skills;
    if (body.languages !== undefined) values.languages = body.languages;
    if (body.password !== undefined) values.passwordHash = await hashPassword(body.password);

    await this.db.transaction(async (transaction) => {
      if (body.role !== undefined && body.role !== 'admin') {
        const admins = await lockAdminIds(transaction);
        if (admins.length === 1 && admins[0] === id) throw new AppError('LAST_ADMIN');
      }

      const row = await updateUserRow(transaction, id, values);
      if (row === undefined) throw new AppError('USER_NOT_FOUND');
      if (body.password !== undefined) await deleteAuthSessionsOf(transaction, id);
    });
    return this.getUser(id);
  }

  async listTeams(): Promise<Team[]> {
    const rows = await listTeamsWithCounts(this.db);
    return rows.map(toTeam);
  }

  /** Creates a team. Throws `TEAM_EXISTS` for a name in use. */
  async createTeam(name: string): Promise<Team> {
    const row = await insertTeam(this.db, name);
    if (row === undefined) throw new AppError('TEAM_EXISTS');
    return toTeam({ ...row, memberCount: 0 });
  }

  /** Renames a team. Throws `TEAM_NOT_FOUND`, and `TEAM_EXISTS` for a name in use. */
  async renameTeam(id: string, name: string): Promise<Team> {
    try {
      const row = await renameTeam(this.db, id, name);
      if (row === undefined) throw new AppError('TEAM_NOT_FOUND');
    } catch (error) {
      if (isUniqueViolation(error, 'teams_name_key')) throw new AppError('TEAM_EXISTS');
      throw error;
    }
    return this.requireTeam(id);
  }

  private async requireTeam(id: string): Promise<Team> {
    const row = await findTeamWithCount(this.db, id);
    if (row === undefined) throw new AppError('TEAM_NOT_FOUND');
    return toTeam(row);
  }
}
