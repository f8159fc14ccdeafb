import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { and, eq, inArray, like, notExists, sql } from 'drizzle-orm';
import { AuthService } from '../auth/service.js';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { FolderInUseError } from '../db/folder-lock.js';
import { type Executor, insertEvent } from '../db/event-log.js';
import {
  callbackRequests,
  productLines,
  supportSessions,
  surveys,
  teams,
  users,
} from '../db/schema.js';
import { ResolutionCodeService } from '../wrap-up/service.js';
import {
  type PlannedSession,
  demoAgents,
  demoProductLines,
  demoTeams,
  planDemoSessions,
} from './demo-data.js';
import { rebuildFacts } from './facts-store.js';

/** Password of every demo account. */
export const demoPassword = 'lensdesk-demo';
/** Domain of the demo accounts' e-mail addresses; it marks demo data for `--reset`. */
const demoDomain = 'demo.lensdesk.local';
/** Prefix of demo sessions' customer tokens; it marks them for `--reset`. */
const demoTokenPrefix = 'demo-';

export interface SeedDemoOptions {
  seed: number;
  days: number;
  sessionsPerDay: number;
  /** Delete earlier demo data first instead of throwing `DemoDataExistsError`. */
  reset: boolean;
  now?: Date;
  log?: (line: string) => void;
}

/** Error for a seed that would mix with earlier demo data. */
export class DemoDataExistsError extends Error {
  override name = 'DemoDataExistsError';
}

/**
 * Fills a database with a month of demo sessions: 3 teams, 12 agents, a supervisor, 4 product
 * lines, and sessions with their events, surveys and callbacks, then derives their KPI facts.
 * Throws `DemoDataExistsError` when demo accounts exist, unless `reset` deletes them first.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions) {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();

  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(like(users.email, `%@${demoDomain}`));
  if (existing.length > 0 && !options.reset) {
    throw new DemoDataExistsError(
      'Demo data already exists. Run again with --reset to replace it.',
    );
  }
  if (existing.length > 0) {
    await deleteDemoData(db);
    log('Deleted the earlier demo data.');
  }

  const auth = new AuthService(db, { now: () => now }, 3_600_000);
  const codesAdded = await new ResolutionCodeService(db).seedDefaults();
  if (codesAdded > 0) log(`Added ${codesAdded} default resolution codes.`);

  const teamRows = await db
    .insert(teams)
    .values(demoTeams.map((name) => ({ name })))
    .onConflictDoNothing()
    .returning();
  const teamIds = await Promise.all(
    demoTeams.map(async (name) => {
      const created = teamRows.find((row) => row.name === name);
      if (created !== undefined) return created.id;
      const [row] = await db.select().from(teams).where(eq(teams.name, name));
      if (row === undefined) throw new Error(`Team ${name} is missing.`);
      return row.id;
    }),
  );

  const lineIds = new Map<string, string>();
  for (const line of demoProductLines) {
    await db
      .insert(productLines)
      .values({
        name: line.name,
        slug: line.slug,
        serialPattern: line.serialPattern,
        skills: [line.slug],
      })
      .onConflictDoNothing();
    const [row] = await db.select().from(productLines).where(eq(productLines.slug, line.slug));
    if (row === undefined) throw new Error(`Product line ${line.slug} is missing.`);
    lineIds.set(line.slug, row.id);
  }

  const agentIds: string[] = [];
  for (const agent of demoAgents) {
    const user = await auth.createUser({
      email: `${emailName(agent.name)}@${demoDomain}`,
      name: agent.name,
      role: 'agent',
      password: demoPassword,
    });
    const skills = demoProductLines
      .filter((line) => line.team === agent.team)
      .map((line) => line.slug);
    await db
      .update(users)
      .set({ teamId: teamIds[agent.team], skills })
      .where(eq(users.id, user.id));
    agentIds.push(user.id);
  }
  await auth.createUser({
    email: `supervisor@${demoDomain}`,
    name: 'Morgan Reyes',
    role: 'supervisor',
    password: demoPassword,
  });

  const plan = planDemoSessions({
    seed: options.seed,
    days: options.days,
    sessionsPerDay: options.sessionsPerDay,
    endMs: now.getTime(),
  });
  log(`Writing ${plan.length} sessions over ${options.days} days…`);

  // One transaction per 100 sessions keeps PGlite fast without holding one huge transaction.
  for (let start = 0; start < plan.length; start += 100) {
    await db.transaction(async (tx) => {
      for (const session of plan.slice(start, start + 100)) {
        await writeSession(tx, session, { agentIds, lineIds, now });
      }
    });
  }

  const facts = await rebuildFacts(db);
  log(`Derived the KPI facts of ${facts} sessions.`);
  return { sessions: plan.length, agents: agentIds.length };
}

async function writeSession(
  db: Executor,
  session: PlannedSession,
  context: { agentIds: string[]; lineIds: Map<string, string>; now: Date },
) {
  const agentId = session.agent === null ? null : (context.agentIds[session.agent] ?? null);
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  const [row] = await db
    .insert(supportSessions)
    .values({
      status: session.status,
      entry: session.entry,
      customerToken: `${demoTokenPrefix}${randomBytes(24).toString('base64url')}`,
      customerName: session.customerName,
      topic: session.topic,
      serialNumber: session.status === 'ended' ? session.serialNumber : null,
      productLineId: context.lineIds.get(session.productLine) ?? null,
      disposition: session.disposition,
      resolutionCode: session.resolutionCode,
      customerEmail: session.customerEmail,
      language: 'en',
      queuedAt: date(session.queuedAtMs),
      agentId,
      createdBy: session.entry === 'invite' || session.entry === 'code' ? agentId : null,
      createdAt: new Date(session.createdAtMs),
      expiresAt: new Date(session.createdAtMs + 86_400_000),
      startedAt: date(session.startedAtMs),
      endedAt: date(session.endedAtMs),
      wrapUpDoneAt: date(session.wrapUpDoneAtMs),
    })
    .returning({ id: supportSessions.id });
  if (row === undefined) throw new Error('Inserting the demo session returned no row.');

  if (session.survey !== null) {
    const answer = session.survey.answer;
    await db.insert(surveys).values({
      sessionId: row.id,
      token: randomBytes(24).toString('base64url'),
      questions: [],
      createdAt: new Date(session.survey.createdAtMs),
      expiresAt: new Date(session.survey.createdAtMs + 7 * 86_400_000),
      submittedAt: answer === null ? null : new Date(answer.atMs),
      answers:
        answer === null ? null : { csat: answer.csat, empathy: answer.empathy, ces: answer.ces },
      csat: answer?.csat ?? null,
      empathy: answer?.empathy ?? null,
      ces: answer?.ces ?? null,
    });
  }
  if (session.callback) {
    // Callbacks of the last two days are still open; older ones were called back.
    const open = context.now.getTime() - session.endedAtMs < 2 * 86_400_000;
    await db.insert(callbackRequests).values({
      sessionId: row.id,
      productLineId: context.lineIds.get(session.productLine) ?? null,
      name: session.customerName,
      email: session.customerEmail,
      description: session.topic,
      status: open ? 'open' : 'closed',
      createdAt: new Date(session.endedAtMs),
    });
  }

  for (const event of session.events) {
    const actor =
      event.actor === 'agent'
        ? { type: 'agent' as const, id: agentId }
        : { type: event.actor, id: null };
    const data = event.type === 'call_started' ? { ...event.data, agentId } : event.data;
    await insertEvent(db, row.id, event.type, actor, data, new Date(event.atMs));
  }
}

/** Deletes demo sessions (with their events, facts and surveys), accounts, teams and lines. */
async function deleteDemoData(db: Database) {
  await db.transaction(async (tx) => {
    const demoSessions = tx
      .select({ id: supportSessions.id })
      .from(supportSessions)
      .where(like(supportSessions.customerToken, `${demoTokenPrefix}%`));
    await tx.delete(callbackRequests).where(inArray(callbackRequests.sessionId, demoSessions));
    await tx
      .delete(supportSessions)
      .where(like(supportSessions.customerToken, `${demoTokenPrefix}%`));
    await tx.delete(users).where(like(users.email, `%@${demoDomain}`));
    await tx.delete(teams).where(inArray(teams.name, [...demoTeams]));
    // Product lines stay when anything else still refers to them.
    await tx.delete(productLines).where(
      and(
        inArray(
          productLines.slug,
          demoProductLines.map((line) => line.slug),
        ),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(supportSessions)
            .where(eq(supportSessions.productLineId, productLines.id)),
        ),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(callbackRequests)
            .where(eq(callbackRequests.productLineId, productLines.id)),
        ),
      ),
    );
  });
}

function emailName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
}

function integerFlag(args: string[], name: string, fallback: number, max: number): number {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be a whole number from 1 to ${max}, got ${args[index + 1]}`);
  }
  return value;
}

/** Writes one line of a command-line tool's output. */
function print(line: string) {
  process.stdout.write(`${line}\n`);
}

function printError(error: unknown) {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}

/** Entry point of `npm run seed:demo`: seeds the configured database (DATABASE_URL or DATA_DIR). */
async function main(args: string[]) {
  const options = {
    seed: integerFlag(args, 'seed', 42, 2 ** 31),
    days: integerFlag(args, 'days', 30, 366),
    sessionsPerDay: integerFlag(args, 'sessions-per-day', 60, 5000),
    reset: args.includes('--reset'),
    log: (line: string) => print(line),
  };
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    print(
      database.kind === 'postgres'
        ? 'Seeding the PostgreSQL database from DATABASE_URL.'
        : `Seeding the PGlite database in ${config.dataDir}.`,
    );
    const result = await seedDemo(database.db, options);
    print(
      `Done: ${result.sessions} sessions, ${result.agents} agents. Sign in as ` +
        `supervisor@${demoDomain} (or an agent such as amira.haddad@${demoDomain}) with the ` +
        `password ${demoPassword}.`,
    );
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    printError(
      error instanceof DemoDataExistsError || error instanceof FolderInUseError
        ? error.message
        : error,
    );
    process.exit(1);
  });
}
