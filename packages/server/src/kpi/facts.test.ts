import { describe, expect, it } from 'vitest';
import {
  type FactEvent,
  type FactsSource,
  deriveSessionFacts,
  normalizePhone,
  normalizeSerial,
} from './facts.js';

const base = Date.parse('2026-11-02T09:00:00.000Z');
const at = (seconds: number) => new Date(base + seconds * 1000);

function event(type: string, seconds: number, data: Record<string, unknown> = {}): FactEvent {
  return { type, at: at(seconds), actorId: null, data };
}

function source(events: FactEvent[], overrides: Partial<FactsSource> = {}): FactsSource {
  return {
    session: {
      id: '00000000-0000-4000-8000-000000000001',
      entry: 'qr',
      createdAt: at(0),
      queuedAt: null,
      endedAt: null,
      wrapUpDoneAt: null,
      agentId: 'agent-1',
      productLineId: null,
      serialNumber: null,
      customerEmail: null,
      customerPhone: null,
      disposition: null,
      resolutionCode: null,
    },
    agentTeamId: 'team-1',
    survey: null,
    events,
    ...overrides,
  };
}

describe('deriveSessionFacts', () => {
  it('measures a queued call from request to wrap-up', () => {
    const facts = deriveSessionFacts(
      source([
        event('created', 0),
        event('queued', 0),
        event('accepted', 20),
        event('call_started', 25),
        event('media_connected', 27),
        event('ended', 625),
        event('wrap_up_done', 685, { disposition: 'resolved', resolutionCode: 'reset' }),
      ]),
    );

    expect(facts.requestedAt).toEqual(at(0));
    expect(facts.queued).toBe(true);
    expect(facts.queueWaitMs).toBe(20_000);
    expect(facts.timeToConnectMs).toBe(27_000);
    expect(facts.talkMs).toBe(600_000);
    expect(facts.videoMs).toBe(598_000);
    expect(facts.wrapUpMs).toBe(60_000);
    expect(facts.disposition).toBe('resolved');
    expect(facts.resolutionCode).toBe('reset');
    expect(facts.dispositionChanged).toBe(false);
    expect(facts.abandoned).toBe(false);
    expect(facts.teamId).toBe('team-1');
  });

  it('starts an invite’s time to connect at the customer’s last arrival', () => {
    const facts = deriveSessionFacts(
      source(
        [
          event('created', 0),
          event('customer_joined', 3600),
          event('customer_left', 3700),
          event('customer_joined', 7200),
          event('call_started', 7210),
          event('media_connected', 7214),
          event('customer_joined', 7300),
          event('ended', 8000),
        ],
        {},
      ),
    );

    expect(facts.requestedAt).toEqual(at(0));
    expect(facts.queued).toBe(false);
    expect(facts.queueWaitMs).toBeNull();
    expect(facts.timeToConnectMs).toBe(14_000);
  });

  it('counts a customer who left the queue as abandoned', () => {
    const facts = deriveSessionFacts(
      source(
        [
          event('created', 0),
          event('queued', 0),
          event('offered', 3),
          event('abandoned', 120, { reason: 'left_queue' }),
        ],
        { session: { ...source([]).session, agentId: null } },
      ),
    );

    expect(facts.abandoned).toBe(true);
    expect(facts.callbackRequested).toBe(false);
    expect(facts.queueWaitMs).toBe(120_000);
    expect(facts.endedAt).toEqual(at(120));
    expect(facts.timeToConnectMs).toBeNull();
  });

  it('keeps a callback request apart from abandonment', () => {
    const facts = deriveSessionFacts(
      source([
        event('queued', 0),
        event('callback_requested', 200),
        event('abandoned', 200, { reason: 'callback' }),
      ]),
    );

    expect(facts.abandoned).toBe(false);
    expect(facts.callbackRequested).toBe(true);
    expect(facts.queueWaitMs).toBe(200_000);
  });

  it('marks a changed disposition', () => {
    const facts = deriveSessionFacts(
      source([
        event('call_started', 0),
        event('ended', 60),
        event('wrap_up_done', 90, { disposition: 'follow_up' }),
        event('wrap_up_done', 3690, { disposition: 'resolved' }),
      ]),
    );

    expect(facts.disposition).toBe('resolved');
    expect(facts.dispositionChanged).toBe(true);
    expect(facts.wrapUpMs).toBe(30_000);
  });

  it('takes survey answers from the event, else the row', () => {
    const answered = deriveSessionFacts(
      source([event('survey_submitted', 900, { csat: 5, empathy: 4, ces: 2 })], {
        survey: { submittedAt: at(900), csat: 1, empathy: 1, ces: 1 },
      }),
    );
    expect(answered.surveyOffered).toBe(true);
    expect(answered.surveyAnswered).toBe(true);
    expect([answered.csat, answered.empathy, answered.ces]).toEqual([5, 4, 2]);

    const offered = deriveSessionFacts(
      source([], { survey: { submittedAt: null, csat: null, empathy: null, ces: null } }),
    );
    expect(offered.surveyOffered).toBe(true);
    expect(offered.surveyAnswered).toBe(false);
    expect(offered.csat).toBeNull();

    const none = deriveSessionFacts(source([]));
    expect(none.surveyOffered).toBe(false);
  });

  it('clamps durations to the integer column', () => {
    const facts = deriveSessionFacts(
      source([event('call_started', 0), event('ended', 40 * 86_400)]),
    );
    expect(facts.talkMs).toBe(2_147_483_647);

    const backwards = deriveSessionFacts(source([event('call_started', 10), event('ended', 5)]));
    expect(backwards.talkMs).toBe(0);
  });

  it('normalizes contacts for matching', () => {
    const facts = deriveSessionFacts(
      source([], {
        session: {
          ...source([]).session,
          serialNumber: ' wm 1001 ',
          customerEmail: ' Sam@Example.COM ',
          customerPhone: '+49 (170) 123-4567',
        },
      }),
    );
    expect(facts.serialNumber).toBe('WM1001');
    expect(facts.customerContact).toBe('sam@example.com');
    expect(facts.customerPhone).toBe('+491701234567');
    expect(normalizeSerial('   ')).toBeNull();
    expect(normalizePhone('112')).toBeNull();
  });
});
