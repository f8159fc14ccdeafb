import { describe, expect, it } from 'vitest';
import { customerRoute } from './state';
import { answersToSend, surveyEndingOf, unavailableReason } from './survey';

describe('answersToSend', () => {
  it('keeps ratings and trimmed comments', () => {
    expect(answersToSend({ csat: 4, ces: 7, comment: '  Thanks!  ' })).toEqual({
      answers: { csat: 4, ces: 7, comment: 'Thanks!' },
    });
  });

  it('drops blank comments', () => {
    expect(answersToSend({ comment: '   ' })).toEqual({ answers: {} });
  });
});

describe('unavailableReason', () => {
  it('maps survey errors to screens', () => {
    expect(unavailableReason('SURVEY_EXPIRED')).toBe('expired');
    expect(unavailableReason('SURVEY_NOT_FOUND')).toBe('not_found');
    expect(unavailableReason('VALIDATION_FAILED')).toBe('not_found');
    expect(unavailableReason('NETWORK_FAILED')).toBe('unreachable');
    expect(unavailableReason('SURVEY_ALREADY_ANSWERED')).toBeNull();
  });
});

describe('surveyEndingOf', () => {
  it('offers the survey after a finished call only', () => {
    expect(surveyEndingOf('ended_by_agent')).toBe('ended_by_agent');
    expect(surveyEndingOf('ended_by_customer')).toBe('ended_by_customer');
    expect(surveyEndingOf('session_ended')).toBe('session_ended');
    expect(surveyEndingOf('replaced')).toBeNull();
    expect(surveyEndingOf('left_queue')).toBeNull();
    expect(surveyEndingOf('permission_denied')).toBeNull();
  });
});

describe('customerRoute for surveys', () => {
  it('reads the survey token', () => {
    expect(customerRoute('/survey/abc_DEF-123')).toEqual({ kind: 'survey', token: 'abc_DEF-123' });
    expect(customerRoute('/survey/abc/')).toEqual({ kind: 'survey', token: 'abc' });
  });

  it('treats a bare survey path as a broken link', () => {
    expect(customerRoute('/survey/')).toEqual({ kind: 'session', token: null });
  });
});
