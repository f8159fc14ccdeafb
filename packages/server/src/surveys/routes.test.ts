import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDetail, SurveyView } from '@lensdesk/protocol';
import { surveys } from '../db/schema.js';
import {
  type WrapUpTestServer,
  endedCall,
  startWrapUpTestServer,
} from '../test-support/ended-calls.js';
import { ManualClock, backends } from '../test-support/servers.js';

const dayMs = 86_400_000;

describe.each(backends)('survey lifecycle on %s', (backend) => {
  let target: WrapUpTestServer;
  const clock = new ManualClock();

  beforeAll(async () => {
    target = await startWrapUpTestServer({ backend, clock });
  });

  afterAll(async () => {
    await target.server.close();
  });

  async function surveyOfLink(customerToken: string) {
    return target.server.app.inject({
      url: '/api/customer/survey',
      headers: { authorization: `Bearer ${customerToken}` },
    });
  }

  async function openSurvey(): Promise<{ sessionId: string; view: SurveyView }> {
    const { sessionId, customerToken } = await endedCall(target);
    const response = await surveyOfLink(customerToken);
    expect(response.statusCode).toBe(200);
    return { sessionId, view: response.json<SurveyView>() };
  }

  function submit(token: string, answers: Record<string, unknown>) {
    return target.server.app.inject({
      method: 'POST',
      url: `/api/surveys/${token}`,
      payload: { answers },
    });
  }

  async function storedSurvey(sessionId: string) {
    const [row] = await target.db.select().from(surveys).where(eq(surveys.sessionId, sessionId));
    return row;
  }

  it('creates the survey when the call ends', async () => {
    const { sessionId, view } = await openSurvey();

    expect(view.companyName).toBe('Lensdesk Support');
    expect(view.agentFirstName).toBe('Dana');
    expect(view.submittedAt).toBeNull();
    expect(view.expiresAt).toBe(new Date(clock.now().getTime() + 7 * dayMs).toISOString());
    expect(view.questions.map((question) => [question.kind, question.scale])).toEqual([
      ['csat', { min: 1, max: 5 }],
      ['empathy', { min: 1, max: 5 }],
      ['ces', { min: 1, max: 7 }],
      ['comment', null],
    ]);
    expect(view.questions[1]?.text).toBe('The agent understood my problem.');
    expect(view.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const byToken = await target.server.app.inject({ url: `/api/surveys/${view.token}` });
    expect(byToken.statusCode).toBe(200);
    expect(byToken.json()).toEqual(view);
    const detail = await target.server.sessions.detail(sessionId);
    expect(detail.survey).toMatchObject({ status: 'open', submittedAt: null, csat: null });
  });

  it('creates none for a call that never started', async () => {
    const invite = await target.server.sessions.createInvite(target.agent, {});
    await target.server.sessions.endCall(invite.id, { type: 'agent', id: target.agent.id });
    const customerToken = invite.customerUrl.split('/s/')[1] ?? '';

    const response = await surveyOfLink(customerToken);

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('SURVEY_NOT_FOUND');
    expect(await storedSurvey(invite.id)).toBeUndefined();
  });

  it('stores the answers and logs them', async () => {
    const { sessionId, view } = await openSurvey();
    clock.advance(60_000);

    const response = await submit(view.token, {
      csat: 4,
      empathy: 5,
      ces: 6,
      comment: '  Quick and friendly.  ',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json<SurveyView>().submittedAt).toBe(clock.now().toISOString());
    const row = await storedSurvey(sessionId);
    expect(row).toMatchObject({ csat: 4, empathy: 5, ces: 6, comment: 'Quick and friendly.' });
    expect(row?.answers).toEqual({ csat: 4, empathy: 5, ces: 6, comment: 'Quick and friendly.' });

    const detail = await target.server.sessions.detail(sessionId);
    const event = detail.events.find((entry) => entry.type === 'survey_submitted');
    expect(event?.actorType).toBe('customer');
    expect(event?.data).toEqual({ csat: 4, empathy: 5, ces: 6 });
    expect(detail.survey).toMatchObject({
      status: 'answered',
      csat: 4,
      comment: 'Quick and friendly.',
    });
  });

  it('accepts some questions left out', async () => {
    const { sessionId, view } = await openSurvey();

    const response = await submit(view.token, { empathy: 2, comment: '' });

    expect(response.statusCode).toBe(200);
    const row = await storedSurvey(sessionId);
    expect(row).toMatchObject({ csat: null, empathy: 2, ces: null, comment: null });
  });

  it('rejects a second answer', async () => {
    const { sessionId, view } = await openSurvey();
    expect((await submit(view.token, { csat: 5 })).statusCode).toBe(200);

    const second = await submit(view.token, { csat: 1 });

    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect((await storedSurvey(sessionId))?.csat).toBe(5);
    const detail = await target.server.sessions.detail(sessionId);
    expect(detail.events.filter((entry) => entry.type === 'survey_submitted')).toHaveLength(1);

    const reopened = await target.server.app.inject({ url: `/api/surveys/${view.token}` });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<SurveyView>().submittedAt).not.toBeNull();
  });

  it('rejects bad answers and stores nothing', async () => {
    const { sessionId, view } = await openSurvey();
    const cases: { answers: Record<string, unknown>; path: string }[] = [
      { answers: {}, path: 'answers' },
      { answers: { comment: '   ' }, path: 'answers' },
      { answers: { csat: 0 }, path: 'answers.csat' },
      { answers: { csat: 6 }, path: 'answers.csat' },
      { answers: { ces: 8 }, path: 'answers.ces' },
      { answers: { empathy: 'five' }, path: 'answers.empathy' },
      { answers: { comment: 3 }, path: 'answers.comment' },
      { answers: { nps: 9 }, path: 'answers.nps' },
      { answers: { csat: 4, ces: 9 }, path: 'answers.ces' },
    ];

    for (const { answers, path } of cases) {
      const response = await submit(view.token, answers);
      const label = JSON.stringify(answers);
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.code, label).toBe('VALIDATION_FAILED');
      expect(response.json().error.issues[0].path, label).toBe(path);
    }

    const fractional = await submit(view.token, { csat: 4.5 });
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().error.issues[0].path).toMatch(/^body\.answers/);
    const long = await submit(view.token, { comment: 'x'.repeat(2001) });
    expect(long.statusCode).toBe(400);

    const row = await storedSurvey(sessionId);
    expect(row).toMatchObject({ submittedAt: null, csat: null, ces: null, answers: null });
  });

  it('expires after the survey lifetime', async () => {
    const { sessionId, customerToken } = await endedCall(target);
    const view = (await surveyOfLink(customerToken)).json<SurveyView>();
    clock.advance(7 * dayMs);

    const read = await target.server.app.inject({ url: `/api/surveys/${view.token}` });
    const answer = await submit(view.token, { csat: 5 });
    const ofLink = await surveyOfLink(customerToken);
    clock.advance(-7 * dayMs);

    expect(read.statusCode).toBe(410);
    expect(read.json().error.code).toBe('SURVEY_EXPIRED');
    expect(answer.statusCode).toBe(410);
    expect(answer.json().error.code).toBe('SURVEY_EXPIRED');
    expect(ofLink.statusCode).toBe(410);
    expect((await storedSurvey(sessionId))?.submittedAt).toBeNull();
  });

  it('rejects unknown and malformed tokens', async () => {
    const unknown = await target.server.app.inject({ url: `/api/surveys/${'a'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('SURVEY_NOT_FOUND');

    const answer = await submit('b'.repeat(43), { csat: 5 });
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error.code).toBe('SURVEY_NOT_FOUND');

    const malformed = await target.server.app.inject({ url: '/api/surveys/short' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');

    for (const authorization of ['', 'Bearer x', `Bearer ${'c'.repeat(43)}`]) {
      const response = await target.server.app.inject({
        url: '/api/customer/survey',
        headers: { authorization },
      });
      expect(response.statusCode, authorization).toBe(404);
      expect(response.json().error.code, authorization).toBe('SURVEY_NOT_FOUND');
    }
  });

  it('asks the questions as configured at the end', async () => {
    const questions = [
      { id: 'ces', kind: 'ces', text: 'Was it easy to get help?', shown: true },
      { id: 'csat', kind: 'csat', text: 'How satisfied are you?', shown: false },
    ];
    const put = await target.server.app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: { cookie: target.adminCookie },
      payload: { surveyQuestions: questions, surveyTtlDays: 2 },
    });
    expect(put.statusCode).toBe(200);

    const { view } = await openSurvey();
    expect(view.questions).toEqual([
      { id: 'ces', kind: 'ces', text: 'Was it easy to get help?', scale: { min: 1, max: 7 } },
    ]);
    expect(view.expiresAt).toBe(new Date(clock.now().getTime() + 2 * dayMs).toISOString());
    // The hidden question is not part of this survey, so its answer is rejected.
    const hidden = await submit(view.token, { ces: 7, csat: 5 });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.issues[0].path).toBe('answers.csat');
  });

  it('creates none while every question is hidden', async () => {
    const defaults = (await target.server.settings.getAll()).surveyQuestions;
    const hidden = defaults.map((question) => ({ ...question, shown: false }));
    await target.server.settings.set('surveyQuestions', hidden);

    const { sessionId, customerToken } = await endedCall(target);
    const response = await surveyOfLink(customerToken);
    await target.server.settings.set('surveyQuestions', defaults);

    expect(response.statusCode).toBe(404);
    const detail: SessionDetail = await target.server.sessions.detail(sessionId);
    expect(detail.survey).toBeNull();
  });

  it('describes the routes in the OpenAPI document', async () => {
    const response = await target.server.app.inject({ url: '/api/docs/json' });

    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/surveys/{token}', '/api/customer/survey', '/api/settings/']),
    );
  });
});
