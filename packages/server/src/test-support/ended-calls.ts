import { eq } from 'drizzle-orm';
import type { User } from '@lensdesk/protocol';
import { buildServer, type LensdeskServer } from '../app.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { supportSessions } from '../db/schema.js';
import { type Backend, agentPassword, openTestDatabase, signIn, testConfig } from './servers.js';

/** A test server with direct access to its database, and signed-in agent and admin cookies. */
export interface WrapUpTestServer {
  server: LensdeskServer;
  db: Database;
  agent: User;
  agentCookie: string;
  adminCookie: string;
}

/** Builds a silent server over a fresh database with one agent and one admin, both signed in. */
export async function startWrapUpTestServer(options: {
  backend: Backend;
  clock: Clock;
  env?: Record<string, string>;
}): Promise<WrapUpTestServer> {
  const database = await openTestDatabase(options.backend);
  const server = await buildServer({
    config: testConfig(options.env),
    database,
    logger: false,
    clock: options.clock,
  });
  const agent = await server.auth.createUser({
    email: 'dana@example.com',
    name: 'Dana Fox',
    role: 'agent',
    password: agentPassword,
  });
  await server.auth.createUser({
    email: 'alex@example.com',
    name: 'Alex Admin',
    role: 'admin',
    password: agentPassword,
  });
  return {
    server,
    db: database.db,
    agent,
    agentCookie: await signIn(server, 'dana@example.com'),
    adminCookie: await signIn(server, 'alex@example.com'),
  };
}

/**
 * Runs a call without browsers: invites, starts it as the agent, and ends it, leaving the session
 * in `wrap_up`. `customerEmail` is stored as if the customer had left it before the call.
 */
export async function endedCall(
  target: WrapUpTestServer,
  options: { customerEmail?: string; customerName?: string } = {},
): Promise<{ sessionId: string; customerToken: string }> {
  const { server, agent } = target;
  const invite = await server.sessions.createInvite(
    agent,
    options.customerName === undefined ? {} : { customerName: options.customerName },
  );
  if (options.customerEmail !== undefined) {
    await target.db
      .update(supportSessions)
      .set({ customerEmail: options.customerEmail })
      .where(eq(supportSessions.id, invite.id));
  }

  await server.sessions.startCall(invite.id, agent.id);
  await server.sessions.endCall(invite.id, { type: 'agent', id: agent.id });
  const customerToken = invite.customerUrl.split('/s/')[1] ?? '';
  return { sessionId: invite.id, customerToken };
}
