import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { agentPassword, signIn, startTestServer } from '../test-support/servers.js';

describe('metrics endpoint', () => {
  let server: LensdeskServer & { agentEmail: string };

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('serves the Prometheus text format', async () => {
    const cookie = await signIn(server, server.agentEmail);
    const agent = await server.auth.verifyCredentials(server.agentEmail, agentPassword);
    const invite = await server.sessions.createInvite(agent, {});
    await server.sessions.startCall(invite.id, agent.id);
    await server.app.inject({
      url: '/api/sessions/00000000-0000-4000-8000-000000000000',
      headers: { cookie },
    });

    const response = await server.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/^lensdesk_calls_in_progress 1$/m);
    expect(response.body).toMatch(/^lensdesk_queue_length 0$/m);
    expect(response.body).toMatch(/^lensdesk_socket_connections 0$/m);
    expect(response.body).toMatch(
      /^lensdesk_errors_total\{code="SESSION_NOT_FOUND",channel="http"\} 1$/m,
    );
    expect(response.body).toContain('lensdesk_time_to_connect_seconds_bucket');
    expect(response.body).toContain('lensdesk_ocr_read_duration_seconds_bucket');
  });
});

describe('metrics endpoint with a token', () => {
  let server: LensdeskServer & { agentEmail: string };
  const token = 'scrape-token-0123456789';

  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: token } });
  });

  afterAll(async () => {
    await server.close();
  });

  it('requires the token', async () => {
    const anonymous = await server.app.inject({ url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');

    const scraper = await server.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(scraper.statusCode).toBe(200);
  });
});
