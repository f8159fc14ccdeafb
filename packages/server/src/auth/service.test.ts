import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.js';
import { AppError } from '../errors.js';
import { ManualClock, backends, openTestDatabase } from '../test-support/servers.js';
import { AuthService } from './service.js';

describe.each(backends)('auth service on %s', (backend) => {
  let database: DatabaseHandle;
  let auth: AuthService;
  const clock = new ManualClock();

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    auth = new AuthService(database.db, clock, 3_600_000);
  });

  afterAll(async () => {
    await database.close();
  });

  it('seeds the first admin once', async () => {
    const seeded = await auth.seedFirstAdmin(undefined, undefined);
    expect(seeded?.email).toBe('admin@lensdesk.local');
    expect(seeded?.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const user = await auth.verifyCredentials(
      'Admin@Lensdesk.local',
      seeded?.generatedPassword ?? '',
    );
    expect(user.role).toBe('admin');

    expect(await auth.seedFirstAdmin('other@example.com', 'another-password')).toBeUndefined();
  });

  it('rejects unknown emails like wrong passwords', async () => {
    const attempt = auth.verifyCredentials('nobody@example.com', 'whatever');

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('expires sign-in sessions', async () => {
    const user = await auth.createUser({
      email: 'sam@example.com',
      name: 'Sam Lee',
      role: 'supervisor',
      password: 'long enough password',
    });
    const session = await auth.startSession(user.id);
    expect((await auth.userForSession(session.token))?.id).toBe(user.id);

    clock.advance(3_600_001);
    expect(await auth.userForSession(session.token)).toBeUndefined();
  });
});
