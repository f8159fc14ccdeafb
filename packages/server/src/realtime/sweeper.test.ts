import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import type { User } from '@lensdesk/protocol';
import { ManualClock, agentPassword, startTestServer } from '../test-support/servers.js';

describe('session sweeper', () => {
  const clock = new ManualClock();
  let server: LensdeskServer & { agentEmail: string };
  let agent: User;

  beforeAll(async () => {
    server = await startTestServer({ clock, env: { CALL_IDLE_TIMEOUT_MINUTES: '10' } });
    agent = await server.auth.verifyCredentials(server.agentEmail, agentPassword);
  });

  afterAll(async () => {
    await server.close();
  });

  async function createInvite(): Promise<string> {
    return (await server.sessions.createInvite(agent, {})).id;
  }

  it('abandons invites whose link expired', async () => {
    const expired = await createInvite();
    clock.advance(25 * 3_600_000);
    const fresh = await createInvite();

    await server.sweeper.sweep();

    const detail = await server.sessions.detail(expired);
    expect(detail.status).toBe('abandoned');
    expect(detail.events.at(-1)).toMatchObject({
      type: 'abandoned',
      actorType: 'system',
      data: { reason: 'link_expired' },
    });
    expect((await server.sessions.detail(fresh)).status).toBe('waiting');
  });

  it('ends calls that everyone left', async () => {
    const id = await createInvite();
    const agent = await server.auth.verifyCredentials(
      server.agentEmail,
      'correct horse battery staple',
    );
    await server.sessions.startCall(id, agent.id);

    await server.sweeper.sweep();
    clock.advance(9 * 60_000);
    await server.sweeper.sweep();
    expect((await server.sessions.detail(id)).status).toBe('active');

    clock.advance(2 * 60_000);
    await server.sweeper.sweep();
    const detail = await server.sessions.detail(id);
    expect(detail.status).toBe('wrap_up');
    expect(detail.events.at(-1)).toMatchObject({
      type: 'ended',
      actorType: 'system',
      data: { reason: 'idle' },
    });
  });
});
