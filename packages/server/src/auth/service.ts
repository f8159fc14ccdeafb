import { randomBytes } from 'node:crypto';
import { and, count, eq, gt } from 'drizzle-orm';
import type { Role, User } from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { authSessions, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newToken } from './tokens.js';

type UserRow = typeof users.$inferSelect;

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Result of seeding the first admin; `generatedPassword` is set only when the server chose it. */
export interface SeededAdmin {
  email: string;
  generatedPassword: string | undefined;
}

/** Users, passwords and console sign-in sessions. */
export class AuthService {
  /** Hash checked when the email is unknown, so both failures take the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sessionTtlMs: number,
  ) {}

  async createUser(input: { email: string; name: string; role: Role; password: string }) {
    const [row] = await this.db
      .insert(users)
      .values({
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
      })
      .returning();
    if (row === undefined) throw new Error('Inserting the user returned no row.');
    return toUser(row);
  }

  /** Returns the user for valid credentials, or throws `INVALID_CREDENTIALS`. */
  async verifyCredentials(email: string, password: string): Promise<User> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email.toLowerCase()));

    if (row === undefined) {
      this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await this.dummyHash, password);
      throw new AppError('INVALID_CREDENTIALS');
    }

    if (!(await verifyPassword(row.passwordHash, password))) {
      throw new AppError('INVALID_CREDENTIALS');
    }
    return toUser(row);
  }

  /** Starts a console session and returns the cookie value, which is stored only as a hash. */
  async startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.sessionTtlMs);
    await this.db.insert(authSessions).values({ id: hashToken(token), userId, expiresAt });
    return { token, expiresAt };
  }

  /** Returns the user signed in with this cookie value, or undefined if it is unknown or expired. */
  async userForSession(token: string): Promise<User | undefined> {
    const [row] = await this.db
      .select({ user: users })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(
        and(eq(authSessions.id, hashToken(token)), gt(authSessions.expiresAt, this.clock.now())),
      );
    return row === undefined ? undefined : toUser(row.user);
  }

  async endSession(token: string): Promise<void> {
    await this.db.delete(authSessions).where(eq(authSessions.id, hashToken(token)));
  }

  async findUser(id: string): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row === undefined ? undefined : toUser(row);
  }

  /**
   * Creates the first admin when no user exists yet. Uses the given email and password, or a
   * default email and a generated password that the caller must show once.
   */
  async seedFirstAdmin(email: string | undefined, password: string | undefined) {
    const [existing] = await this.db.select({ total: count() }).from(users);
    if ((existing?.total ?? 0) > 0) return undefined;

    const generatedPassword =
      password === undefined ? randomBytes(12).toString('base64url') : undefined;
    const admin = await this.createUser({
      email: email ?? 'admin@lensdesk.local',
      name: 'Administrator',
      role: 'admin',
      password: password ?? generatedPassword ?? '',
    });
    return { email: admin.email, generatedPassword } satisfies SeededAdmin;
  }
}
