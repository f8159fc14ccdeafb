import { asc, count, eq, getTableColumns } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { authSessions, teams, users } from '../db/schema.js';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type TeamRow = typeof teams.$inferSelect;

/** A user with the name of their team. */
export type UserWithTeamRow = UserRow & { teamName: string | null };

/** A database or an open transaction. */
type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete'>;

const userWithTeamColumns = { ...getTableColumns(users), teamName: teams.name };

export function listUsersWithTeams(db: Executor): Promise<UserWithTeamRow[]> {
  return db
    .select(userWithTeamColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .orderBy(asc(users.name), asc(users.email));
}

export async function findUserWithTeam(db: Executor, id: string) {
  const [row] = await db
    .select(userWithTeamColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id));
  return row;
}

/** Inserts a user; returns undefined when the e-mail address is already taken. */
export async function insertUser(db: Executor, values: NewUserRow) {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateUserRow(db: Executor, id: string, values: Partial<NewUserRow>) {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

/**
 * Returns the ids of every admin and locks their rows until the transaction ends, so two
 * concurrent role changes cannot both remove an admin and leave none.
 */
export async function lockAdminIds(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, 'admin'))
    .for('update');
  return rows.map((row) => row.id);
}

/** Signs a user out of every console by deleting their sign-in sessions. */
export async function deleteAuthSessionsOf(db: Executor, userId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.userId, userId));
}

/** Teams by name, each with the number of users in it. */
export function listTeamsWithCounts(db: Executor) {
  return db
    .select({ ...getTableColumns(teams), memberCount: count(users.id) })
    .from(teams)
    .leftJoin(users, eq(users.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.name));
}

export async function findTeamWithCount(db: Executor, id: string) {
  const [row] = await db
    .select({ ...getTableColumns(teams), memberCount: count(users.id) })
    .from(teams)
    .leftJoin(users, eq(users.teamId, teams.id))
    .where(eq(teams.id, id))
    .groupBy(teams.id);
  return row;
}

/** Inserts a team; returns undefined when the name is already taken. */
export async function insertTeam(db: Executor, name: string) {
  const [row] = await db.insert(teams).values({ name }).onConflictDoNothing().returning();
  return row;
}

export async function renameTeam(db: Executor, id: string, name: string) {
  const [row] = await db.update(teams).set({ name }).where(eq(teams.id, id)).returning();
  return row;
}
