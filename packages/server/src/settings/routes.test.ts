import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeSettings, defaultSurveyQuestions } from '@lensdesk/protocol';
import { type WrapUpTestServer, startWrapUpTestServer } from '../test-support/ended-calls.js';
import { ManualClock, backends } from '../test-support/servers.js';

const defaults: RuntimeSettings = {
  surveyQuestions: [...defaultSurveyQuestions],
  surveyTtlDays: 7,
  wrapUpLimitSeconds: 120,
  fcrWindowDays: 7,
  callbackAfterSeconds: 180,
  offerTimeoutSeconds: 20,
};

describe.each(backends)('settings routes on %s', (backend) => {
  let target: WrapUpTestServer;

  beforeAll(async () => {
    target = await startWrapUpTestServer({ backend, clock: new ManualClock() });
  });

  afterAll(async () => {
    await target.server.close();
  });

  async function readSettings(): Promise<RuntimeSettings> {
    const response = await target.server.app.inject({
      url: '/api/settings',
      headers: { cookie: target.agentCookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json<RuntimeSettings>();
  }

  function putSettings(payload: unknown, cookie = target.adminCookie) {
    return target.server.app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: { cookie },
      payload: payload as object,
    });
  }

  it('returns the defaults before any change', async () => {
    expect(await readSettings()).toEqual(defaults);
  });

  it('requires a signed-in user to read', async () => {
    const response = await target.server.app.inject({ url: '/api/settings' });

    expect(response.statusCode).toBe(401);
  });

  it('lets only admins change settings', async () => {
    const response = await putSettings({ wrapUpLimitSeconds: 300 }, target.agentCookie);

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect((await readSettings()).wrapUpLimitSeconds).toBe(120);
  });

  it('changes the given settings only', async () => {
    const response = await putSettings({ wrapUpLimitSeconds: 300, surveyTtlDays: 14 });

    expect(response.statusCode).toBe(200);
    const expected = { ...defaults, wrapUpLimitSeconds: 300, surveyTtlDays: 14 };
    expect(response.json()).toEqual(expected);
    expect(await readSettings()).toEqual(expected);
    expect(await target.server.settings.get('wrapUpLimitSeconds')).toBe(300);
  });

  it('rewords, hides and reorders questions', async () => {
    const questions = [
      { id: 'ces', kind: 'ces', text: 'How easy was it to get help today?', shown: true },
      { id: 'csat', kind: 'csat', text: 'How satisfied are you?', shown: true },
      { id: 'empathy', kind: 'empathy', text: 'The agent understood me.', shown: false },
    ];

    const response = await putSettings({ surveyQuestions: questions });

    expect(response.statusCode).toBe(200);
    expect((await readSettings()).surveyQuestions).toEqual(questions);
  });

  it('rejects bad values and changes nothing', async () => {
    const before = await readSettings();
    const question = { id: 'csat', kind: 'csat', text: 'How satisfied are you?', shown: true };
    const cases: { payload: unknown; path: string }[] = [
      { payload: { wrapUpLimitSeconds: 5 }, path: 'body.wrapUpLimitSeconds' },
      { payload: { surveyTtlDays: 1.5 }, path: 'body.surveyTtlDays' },
      { payload: { offerTimeoutSeconds: '20' }, path: 'body.offerTimeoutSeconds' },
      { payload: { fcrWindowDays: 7, unknownSetting: 1 }, path: 'body.' },
      {
        payload: { surveyQuestions: [question, { ...question, id: 'csat_again' }] },
        path: 'body.surveyQuestions.1.kind',
      },
      {
        payload: { surveyQuestions: [question, { ...question, kind: 'ces' }] },
        path: 'body.surveyQuestions.1.id',
      },
      {
        payload: { surveyQuestions: [{ ...question, kind: 'nps' }] },
        path: 'body.surveyQuestions.0.kind',
      },
      {
        payload: { surveyQuestions: [{ ...question, text: '  ' }] },
        path: 'body.surveyQuestions.0.text',
      },
      {
        payload: { surveyQuestions: [{ ...question, id: 'Bad Id' }] },
        path: 'body.surveyQuestions.0.id',
      },
    ];

    for (const { payload, path } of cases) {
      // A valid setting next to a bad one must not be saved either.
      const response = await putSettings({ callbackAfterSeconds: 60, ...(payload as object) });
      const label = JSON.stringify(payload);
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.code, label).toBe('VALIDATION_FAILED');
      const paths = response.json<{ error: { issues: { path: string }[] } }>().error.issues;
      expect(
        paths.map((issue) => issue.path),
        label,
      ).toContain(path);
    }
    const empty = await putSettings({});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    expect(await readSettings()).toEqual(before);
  });

  it('keeps the value after a rejected change', async () => {
    await target.server.settings.set('fcrWindowDays', 30);
    expect((await readSettings()).fcrWindowDays).toBe(30);

    const response = await putSettings({ fcrWindowDays: 0 });
    expect(response.statusCode).toBe(400);
    expect((await readSettings()).fcrWindowDays).toBe(30);
  });
});
