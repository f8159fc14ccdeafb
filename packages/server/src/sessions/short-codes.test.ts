import type * as Crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { User } from '@lensdesk/protocol';
import type { LensdeskServer } from '../app.js';
import { agentPassword, backends, startTestServer } from '../test-support/servers.js';

// Short codes are drawn with crypto.randomInt; this file draws them from a fixed list instead, so
// a collision with a live code happens on purpose.
const drawn = vi.hoisted(() => ({ codes: [] as number[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof Crypto>();
  return {
    ...original,
    randomInt: (min: number, max: number) => drawn.codes.shift() ?? original.randomInt(min, max),
  };
});

describe.each(backends)('short codes (%s)', (backend) => {
  let server: LensdeskServer & { agentEmail: string };
  let agent: User;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    agent = await server.auth.verifyCredentials(server.agentEmail, agentPassword);
  });

  afterAll(async () => {
    await server.close();
  });

  it('draws again when a live session holds the code', async () => {
    drawn.codes.push(42, 42, 42, 777_001);
    const first = await server.sessions.createInvite(agent, { shortCode: true });
    const second = await server.sessions.createInvite(agent, { shortCode: true });

    expect(first.shortCode).toBe('000042');
    expect(second.shortCode).toBe('777001');
    expect(drawn.codes).toEqual([]);
  });

  it('reuses the code of a session that closed', async () => {
    drawn.codes.push(123_456);
    const first = await server.sessions.createInvite(agent, { shortCode: true });
    await server.sessions.endCall(first.id, { type: 'agent', id: agent.id });

    drawn.codes.push(123_456);
    const second = await server.sessions.createInvite(agent, { shortCode: true });
    expect(second.shortCode).toBe('123456');
    expect((await server.sessions.get(first.id)).shortCode).toBeNull();
  });
});
