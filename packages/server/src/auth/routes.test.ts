import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { agentPassword, startTestServer } from '../test-support/servers.js';

describe('auth routes', () => {
  let server: LensdeskServer & { agentEmail: string };

  beforeAll(async () => {
    server = await startTestServer({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });
  });

  afterAll(async () => {
    await server.close();
  });

  const login = (password: string, ip = '203.0.113.1') =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { email: server.agentEmail.toUpperCase(), password },
    });

  it('signs in, reads the user and signs out', async () => {
    const response = await login(agentPassword, '203.0.113.10');
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ email: server.agentEmail, role: 'agent' });

    const cookie = response.cookies.find((entry) => entry.name === 'lensdesk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const header = `lensdesk_session=${cookie?.value}`;

    const me = await server.app.inject({ url: '/api/auth/me', headers: { cookie: header } });
    expect(me.statusCode).toBe(200);

    const logout = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: header },
    });
    expect(logout.statusCode).toBe(204);

    const after = await server.app.inject({ url: '/api/auth/me', headers: { cookie: header } });
    expect(after.statusCode).toBe(401);
  });

  it('rejects a wrong password', async () => {
    const response = await login('wrong password', '203.0.113.20');

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(response.cookies).toHaveLength(0);
  });

  it('rate-limits repeated attempts per address', async () => {
    const codes: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      codes.push((await login('wrong password', '203.0.113.30')).statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[5]).toBe(429);

    const limited = await login(agentPassword, '203.0.113.30');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');

    const other = await login(agentPassword, '203.0.113.31');
    expect(other.statusCode).toBe(200);
  });

  it('ignores forwarded addresses from the client', async () => {
    const codes: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.40',
        headers: { 'x-forwarded-for': `198.51.100.${attempt}` },
        payload: { email: server.agentEmail, password: 'wrong password' },
      });
      codes.push(response.statusCode);
    }
    expect(codes[5]).toBe(429);
  });
});
