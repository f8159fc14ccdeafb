import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolutionCode, SessionDetail } from '@lensdesk/protocol';
import {
  type WrapUpTestServer,
  endedCall,
  startWrapUpTestServer,
} from '../test-support/ended-calls.js';
import { ManualClock, backends } from '../test-support/servers.js';
import { defaultResolutionCodes } from './service.js';

describe.each(backends)('resolution codes and wrap-up on %s', (backend) => {
  let target: WrapUpTestServer;
  const clock = new ManualClock();

  beforeAll(async () => {
    target = await startWrapUpTestServer({ backend, clock });
  });

  afterAll(async () => {
    await target.server.close();
  });

  async function listCodes(query = '') {
    const response = await target.server.app.inject({
      url: `/api/resolution-codes${query}`,
      headers: { cookie: target.agentCookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ codes: ResolutionCode[] }>().codes;
  }

  function createCode(payload: object, cookie = target.adminCookie) {
    return target.server.app.inject({
      method: 'POST',
      url: '/api/resolution-codes',
      headers: { cookie },
      payload,
    });
  }

  function patchCode(code: string, payload: object, cookie = target.adminCookie) {
    return target.server.app.inject({
      method: 'PATCH',
      url: `/api/resolution-codes/${code}`,
      headers: { cookie },
      payload,
    });
  }

  function wrapUp(sessionId: string, payload: object) {
    return target.server.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/wrap-up`,
      headers: { cookie: target.agentCookie },
      payload,
    });
  }

  async function statusOf(sessionId: string) {
    return (await target.server.sessions.detail(sessionId)).status;
  }

  it('wrap-up needs no code while the list is empty', async () => {
    expect(await listCodes()).toEqual([]);
    const { sessionId } = await endedCall(target);

    const response = await wrapUp(sessionId, {
      disposition: 'escalated',
      notes: 'Sent to level 2',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<SessionDetail>().resolution).toBeNull();
  });

  it('seeds the default codes once', async () => {
    expect(await target.server.resolutionCodes.seedDefaults()).toBe(defaultResolutionCodes.length);
    expect(await target.server.resolutionCodes.seedDefaults()).toBe(0);

    const codes = await listCodes();
    expect(codes.map((entry) => entry.code)).toEqual(
      defaultResolutionCodes.map((entry) => entry.code),
    );
    expect(codes.every((entry) => entry.active)).toBe(true);
  });

  it('lets admins add a code at the end', async () => {
    const response = await createCode({ code: 'remote_fix', label: 'Fixed remotely' });

    expect(response.statusCode).toBe(201);
    const created = response.json<ResolutionCode>();
    expect(created).toMatchObject({ code: 'remote_fix', label: 'Fixed remotely', active: true });
    const codes = await listCodes();
    expect(codes.at(-1)?.code).toBe('remote_fix');
  });

  it('rejects a duplicate slug', async () => {
    const response = await createCode({ code: 'reset', label: 'Another reset' });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('RESOLUTION_CODE_EXISTS');
    const reset = (await listCodes()).find((entry) => entry.code === 'reset');
    expect(reset?.label).toBe('Reset or restart');
  });

  it('keeps editing for admins', async () => {
    const create = await createCode({ code: 'by_agent', label: 'Agent code' }, target.agentCookie);
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('FORBIDDEN');

    const patch = await patchCode('reset', { label: 'Renamed' }, target.agentCookie);
    expect(patch.statusCode).toBe(403);

    const anonymous = await target.server.app.inject({ url: '/api/resolution-codes' });
    expect(anonymous.statusCode).toBe(401);
    expect((await listCodes()).some((entry) => entry.code === 'by_agent')).toBe(false);
  });

  it('rejects invalid codes and bodies', async () => {
    const cases: { payload: object; path: string }[] = [
      { payload: { code: 'Has Spaces', label: 'Bad' }, path: 'body.code' },
      { payload: { code: '1starts_with_digit', label: 'Bad' }, path: 'body.code' },
      { payload: { code: 'no_label', label: '   ' }, path: 'body.label' },
      { payload: { code: 'negative', label: 'Bad', position: -1 }, path: 'body.position' },
      // The error handler names the object that has the unknown key, here the body itself.
      { payload: { code: 'extra', label: 'Bad', colour: 'red' }, path: 'body.' },
    ];
    for (const { payload, path } of cases) {
      const response = await createCode(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.issues[0].path, JSON.stringify(payload)).toBe(path);
    }

    const empty = await patchCode('reset', {});
    expect(empty.statusCode).toBe(400);
    const missing = await patchCode('no_such_code', { label: 'Anything' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('RESOLUTION_CODE_NOT_FOUND');
    expect((await listCodes('?all=true')).length).toBe(defaultResolutionCodes.length + 1);
  });

  it('reorders and renames codes', async () => {
    const response = await patchCode('user_guidance', {
      label: 'Showed how to use it',
      position: 1,
    });

    expect(response.statusCode).toBe(200);
    const codes = await listCodes();
    expect(codes[0]).toMatchObject({ code: 'user_guidance', label: 'Showed how to use it' });
  });

  it('requires a code once the list has one', async () => {
    const { sessionId } = await endedCall(target);

    const response = await wrapUp(sessionId, { disposition: 'resolved', notes: 'Done' });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('RESOLUTION_CODE_REQUIRED');
    expect(await statusOf(sessionId)).toBe('wrap_up');
  });

  it('rejects an unknown code', async () => {
    const { sessionId } = await endedCall(target);

    const response = await wrapUp(sessionId, { disposition: 'resolved', resolutionCode: 'magic' });

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('RESOLUTION_CODE_NOT_FOUND');
    expect(await statusOf(sessionId)).toBe('wrap_up');
  });

  it('stores the code and the wrap-up time', async () => {
    const { sessionId } = await endedCall(target);
    const endedAt = clock.now();
    clock.advance(45_000);

    const response = await wrapUp(sessionId, {
      disposition: 'dispatch',
      resolutionCode: 'replacement_part',
      notes: 'Technician brings a new drum belt.',
    });

    expect(response.statusCode).toBe(200);
    const detail = response.json<SessionDetail>();
    expect(detail.status).toBe('ended');
    expect(detail.disposition).toBe('dispatch');
    expect(detail.resolution).toEqual({
      code: 'replacement_part',
      label: 'Replacement part needed',
    });
    expect(detail.wrapUpDoneAt).toBe(new Date(endedAt.getTime() + 45_000).toISOString());
    const event = detail.events.find((entry) => entry.type === 'wrap_up_done');
    expect(event?.data).toMatchObject({
      disposition: 'dispatch',
      resolutionCode: 'replacement_part',
      wrapUpMs: 45_000,
    });
  });

  it('deactivating hides a code but keeps history', async () => {
    const { sessionId: earlier } = await endedCall(target);
    const done = await wrapUp(earlier, { disposition: 'resolved', resolutionCode: 'cabling' });
    expect(done.statusCode).toBe(200);

    const patch = await patchCode('cabling', { active: false });
    expect(patch.statusCode).toBe(200);
    expect((await listCodes()).some((entry) => entry.code === 'cabling')).toBe(false);
    const all = await listCodes('?all=true');
    expect(all.find((entry) => entry.code === 'cabling')?.active).toBe(false);

    const { sessionId } = await endedCall(target);
    const rejected = await wrapUp(sessionId, {
      disposition: 'resolved',
      resolutionCode: 'cabling',
    });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error.code).toBe('RESOLUTION_CODE_INACTIVE');
    expect(await statusOf(sessionId)).toBe('wrap_up');

    const history = await target.server.sessions.detail(earlier);
    expect(history.resolution).toEqual({ code: 'cabling', label: 'Cabling or connection fixed' });
  });

  it('no code is required once all are inactive', async () => {
    for (const entry of await listCodes()) {
      const response = await patchCode(entry.code, { active: false });
      expect(response.statusCode).toBe(200);
    }
    const { sessionId } = await endedCall(target);

    const response = await wrapUp(sessionId, { disposition: 'follow_up' });

    expect(response.statusCode).toBe(200);
    expect(response.json<SessionDetail>().resolution).toBeNull();
  });

  it('describes the routes in the OpenAPI document', async () => {
    const response = await target.server.app.inject({ url: '/api/docs/json' });

    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/resolution-codes/', '/api/resolution-codes/{code}']),
    );
  });
});
