import type { Team, UserAccount } from '@lensdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { backends, signIn, signInStaff, startTestServer } from '../test-support/servers.js';

describe.each(backends)('user and team routes (%s)', (backend) => {
  let server: LensdeskServer & { agentEmail: string };
  let agentCookie: string;
  let supervisorCookie: string;
  let adminCookie: string;
  let adminId: string;
  let fieldTeam: Team;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    ({ adminId, agentCookie, supervisorCookie, adminCookie } = await signInStaff(server));
  });

  afterAll(async () => {
    await server.close();
  });

  const request = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
    cookie = adminCookie,
  ) =>
    server.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const listUsers = async (): Promise<UserAccount[]> => {
    const response = await request('GET', '/api/users');
    expect(response.statusCode).toBe(200);
    return response.json().users;
  };

  it('creates teams', async () => {
    const created = await request('POST', '/api/teams', { name: '  Field support ' });
    expect(created.statusCode).toBe(201);
    fieldTeam = created.json();
    expect(fieldTeam).toMatchObject({ name: 'Field support', memberCount: 0 });

    const again = await request('POST', '/api/teams', { name: 'Field support' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TEAM_EXISTS');

    const blank = await request('POST', '/api/teams', { name: '   ' });
    expect(blank.statusCode).toBe(400);

    const bySupervisor = await request('POST', '/api/teams', { name: 'Night' }, supervisorCookie);
    expect(bySupervisor.statusCode).toBe(403);
  });

  it('creates a user who can sign in', async () => {
    const response = await request('POST', '/api/users', {
      email: ' Lee@Example.com ',
      name: 'Lee Park',
      role: 'agent',
      password: 'lee password 1',
      teamId: fieldTeam.id,
      skills: ['Routers', 'fiber'],
      languages: ['en', 'ko-kr'],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      email: 'lee@example.com',
      name: 'Lee Park',
      role: 'agent',
      team: { id: fieldTeam.id, name: 'Field support' },
      skills: ['routers', 'fiber'],
      languages: ['en', 'ko-KR'],
    });
    expect(response.body).not.toContain('password');

    await expect(signIn(server, 'lee@example.com', 'lee password 1')).resolves.toContain(
      'lensdesk_session=',
    );
  });

  it('gives new users English and no skills by default', async () => {
    const response = await request('POST', '/api/users', {
      email: 'max@example.com',
      name: 'Max Moe',
      role: 'supervisor',
      password: 'max password 1',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ team: null, skills: [], languages: ['en'] });
  });

  it('rejects bad users and stores nothing', async () => {
    const before = await listUsers();
    const valid = {
      email: 'new@example.com',
      name: 'New',
      role: 'agent',
      password: 'long enough 1',
    };
    const cases: [string, object, number, string][] = [
      ['email', { email: 'not-an-email' }, 400, 'VALIDATION_FAILED'],
      ['role', { role: 'owner' }, 400, 'VALIDATION_FAILED'],
      ['short password', { password: 'short' }, 400, 'VALIDATION_FAILED'],
      ['language', { languages: ['english!'] }, 400, 'VALIDATION_FAILED'],
      ['no language', { languages: [] }, 400, 'VALIDATION_FAILED'],
      ['skill', { skills: ['-leading'] }, 400, 'VALIDATION_FAILED'],
      ['extra field', { admin: true }, 400, 'VALIDATION_FAILED'],
      ['team', { teamId: '00000000-0000-4000-8000-000000000000' }, 404, 'TEAM_NOT_FOUND'],
      ['email in use', { email: 'DANA@example.com' }, 409, 'USER_EXISTS'],
    ];
    for (const [name, fields, status, code] of cases) {
      const response = await request('POST', '/api/users', { ...valid, ...fields });
      expect(response.statusCode, name).toBe(status);
      expect(response.json().error.code, name).toBe(code);
    }
    expect(await listUsers()).toEqual(before);
  });

  it('lists users by name with their teams', async () => {
    const users = await listUsers();
    expect(users.map((user) => user.name)).toEqual([
      'Ada Admin',
      'Dana Fox',
      'Lee Park',
      'Max Moe',
      'Sam Supervisor',
    ]);

    const bySupervisor = await request('GET', '/api/users', undefined, supervisorCookie);
    expect(bySupervisor.statusCode).toBe(200);

    const byAgent = await request('GET', '/api/users', undefined, agentCookie);
    expect(byAgent.statusCode).toBe(403);

    const anonymous = await server.app.inject({ url: '/api/users' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('counts team members', async () => {
    const response = await request('GET', '/api/teams', undefined, supervisorCookie);
    expect(response.statusCode).toBe(200);
    expect(response.json().teams).toEqual([{ ...fieldTeam, memberCount: 1 }]);

    const byAgent = await request('GET', '/api/teams', undefined, agentCookie);
    expect(byAgent.statusCode).toBe(403);
  });

  it('changes role, team, skills and languages', async () => {
    const dana = (await listUsers()).find((user) => user.email === server.agentEmail);
    const response = await request('PATCH', `/api/users/${dana?.id}`, {
      role: 'supervisor',
      teamId: fieldTeam.id,
      skills: ['washers'],
      languages: ['de', 'en'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Dana Fox',
      role: 'supervisor',
      team: { id: fieldTeam.id },
      skills: ['washers'],
      languages: ['de', 'en'],
    });

    // The new role applies to the signed-in session at once.
    const me = await server.app.inject({ url: '/api/auth/me', headers: { cookie: agentCookie } });
    expect(me.json().user.role).toBe('supervisor');

    const leaveTeam = await request('PATCH', `/api/users/${dana?.id}`, {
      teamId: null,
      role: 'agent',
    });
    expect(leaveTeam.json()).toMatchObject({ team: null, role: 'agent' });
  });

  it('signs a user out when an admin sets a new password', async () => {
    const lee = (await listUsers()).find((user) => user.email === 'lee@example.com');
    const leeCookie = await signIn(server, 'lee@example.com', 'lee password 1');

    const response = await request('PATCH', `/api/users/${lee?.id}`, {
      password: 'new lee password',
    });
    expect(response.statusCode).toBe(200);

    const me = await server.app.inject({ url: '/api/auth/me', headers: { cookie: leeCookie } });
    expect(me.statusCode).toBe(401);
    await expect(signIn(server, 'lee@example.com', 'lee password 1')).rejects.toThrow('401');
    await expect(signIn(server, 'lee@example.com', 'new lee password')).resolves.toBeTruthy();
  });

  it('keeps at least one admin', async () => {
    const response = await request('PATCH', `/api/users/${adminId}`, { role: 'agent' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('LAST_ADMIN');

    const max = (await listUsers()).find((user) => user.email === 'max@example.com');
    const promoted = await request('PATCH', `/api/users/${max?.id}`, { role: 'admin' });
    expect(promoted.statusCode).toBe(200);

    const demoted = await request('PATCH', `/api/users/${adminId}`, { role: 'supervisor' });
    expect(demoted.statusCode).toBe(200);
    const restored = await request('PATCH', `/api/users/${adminId}`, { role: 'admin' });
    expect(restored.statusCode).toBe(403);
  });

  it('rejects bad user changes and changes nothing', async () => {
    const maxCookie = await signIn(server, 'max@example.com', 'max password 1');
    const before = (await request('GET', '/api/users', undefined, maxCookie)).json().users;
    const lee = before.find((user: UserAccount) => user.email === 'lee@example.com');
    const cases: [string, string, object, number, string][] = [
      ['empty', lee.id, {}, 400, 'VALIDATION_FAILED'],
      ['email', lee.id, { email: 'x@example.com' }, 400, 'VALIDATION_FAILED'],
      ['role', lee.id, { role: 'root' }, 400, 'VALIDATION_FAILED'],
      ['team', lee.id, { teamId: '00000000-0000-4000-8000-000000000000' }, 404, 'TEAM_NOT_FOUND'],
      ['user', '00000000-0000-4000-8000-000000000000', { name: 'X' }, 404, 'USER_NOT_FOUND'],
      ['malformed id', 'nope', { name: 'X' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [name, id, body, status, code] of cases) {
      const response = await request('PATCH', `/api/users/${id}`, body, maxCookie);
      expect(response.statusCode, name).toBe(status);
      expect(response.json().error.code, name).toBe(code);
    }

    const bySupervisor = await request(
      'PATCH',
      `/api/users/${lee.id}`,
      { name: 'X' },
      supervisorCookie,
    );
    expect(bySupervisor.statusCode).toBe(403);

    const after = (await request('GET', '/api/users', undefined, maxCookie)).json().users;
    expect(after).toEqual(before);
  });

  it('renames a team', async () => {
    const maxCookie = await signIn(server, 'max@example.com', 'max password 1');
    await request('POST', '/api/teams', { name: 'Night shift' }, maxCookie);

    const renamed = await request(
      'PATCH',
      `/api/teams/${fieldTeam.id}`,
      { name: 'Field service' },
      maxCookie,
    );
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Field service', memberCount: 1 });

    const taken = await request(
      'PATCH',
      `/api/teams/${fieldTeam.id}`,
      { name: 'Night shift' },
      maxCookie,
    );
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('TEAM_EXISTS');

    const missing = await request(
      'PATCH',
      '/api/teams/00000000-0000-4000-8000-000000000000',
      { name: 'Day shift' },
      maxCookie,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TEAM_NOT_FOUND');

    const teams = (await request('GET', '/api/teams', undefined, maxCookie)).json().teams;
    expect(teams.map((team: Team) => team.name)).toEqual(['Field service', 'Night shift']);
  });
});
