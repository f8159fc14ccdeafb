import type { Disposition, SessionEventType } from '@lensdesk/protocol';

/**
 * Plans a month of demo support sessions from a seed: who called about what, how long they
 * waited and talked, how it ended and what the customer rated. Pure, so the same seed gives
 * the same month; `seed-demo.ts` writes the plan to a database.
 */

/** Small, fast, seeded pseudo-random generator (mulberry32); returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const demoProductLines = [
  { slug: 'washers', name: 'Washing machines', serialPattern: '^WM[0-9]{8}$', team: 0 },
  { slug: 'dishwashers', name: 'Dishwashers', serialPattern: '^DW[0-9]{8}$', team: 0 },
  { slug: 'routers', name: 'Routers', serialPattern: '^RT-[0-9A-F]{6}$', team: 1 },
  { slug: 'tvs', name: 'Televisions', serialPattern: '^TV[0-9]{4}-[0-9]{5}$', team: 2 },
] as const;

export const demoTeams = ['Home Appliances', 'Connectivity', 'Entertainment'] as const;

/** Twelve agents, four per team; `skill` shifts their talk time, resolution and ratings. */
export const demoAgents = [
  { name: 'Amira Haddad', team: 0, skill: 0.9 },
  { name: 'Jonas Weber', team: 0, skill: 0.6 },
  { name: 'Lucía Romero', team: 0, skill: 0.75 },
  { name: 'Tom Becker', team: 0, skill: 0.45 },
  { name: 'Priya Nair', team: 1, skill: 0.85 },
  { name: 'Felix Braun', team: 1, skill: 0.55 },
  { name: 'Sofia Rossi', team: 1, skill: 0.7 },
  { name: 'Noah Fischer', team: 1, skill: 0.5 },
  { name: 'Mei Chen', team: 2, skill: 0.8 },
  { name: 'Lars Nilsson', team: 2, skill: 0.65 },
  { name: 'Chloé Martin', team: 2, skill: 0.6 },
  { name: 'David Kim', team: 2, skill: 0.4 },
] as const;

const firstNames = ['Sam', 'Alex', 'Jamie', 'Robin', 'Kim', 'Chris', 'Pat', 'Maria', 'Ali', 'Eva'];
const lastNames = ['Müller', 'Schmidt', 'Garcia', 'Jones', 'Nowak', 'Dubois', 'Ivanova', 'Brown'];
const topics = {
  washers: ['Drum does not spin', 'Error E21 on the display', 'Leaks water', 'Door will not open'],
  dishwashers: ['Dishes stay dirty', 'Does not drain', 'Error light blinks'],
  routers: ['No internet light', 'Wi-Fi drops often', 'Cannot log in to the router'],
  tvs: ['No picture, sound works', 'Remote does not pair', 'Apps do not load'],
} as const;

/** Resolution codes that a disposition may record, from the default list. */
const codesByDisposition: Record<Disposition, readonly (string | null)[]> = {
  resolved: ['reset', 'configuration', 'firmware_update', 'cabling', 'user_guidance'],
  dispatch: ['replacement_part'],
  escalated: ['firmware_update', null],
  follow_up: ['replacement_part', 'configuration', null],
  no_show: [null],
};

/** One event of a planned session, `atMs` from the Unix epoch. */
export interface PlannedEvent {
  type: SessionEventType;
  atMs: number;
  /** `agent` events carry the session's agent as actor. */
  actor: 'agent' | 'customer' | 'system';
  data: Record<string, unknown>;
}

export interface PlannedSession {
  entry: 'qr' | 'widget' | 'invite' | 'code';
  status: 'ended' | 'abandoned';
  productLine: (typeof demoProductLines)[number]['slug'];
  /** Index into `demoAgents`; null when no agent took the session. */
  agent: number | null;
  customerName: string;
  customerEmail: string | null;
  topic: string;
  serialNumber: string;
  createdAtMs: number;
  queuedAtMs: number | null;
  startedAtMs: number | null;
  endedAtMs: number;
  wrapUpDoneAtMs: number | null;
  disposition: Disposition | null;
  resolutionCode: string | null;
  callback: boolean;
  /** The customer's survey: created when the call ended, answered or not. */
  survey: {
    createdAtMs: number;
    answer: { atMs: number; csat: number; empathy: number; ces: number } | null;
  } | null;
  events: PlannedEvent[];
}

export interface DemoPlanOptions {
  seed: number;
  days: number;
  sessionsPerDay: number;
  /** End of the planned month; sessions start before it. */
  endMs: number;
}

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** Plans `days` days of sessions that end before `endMs`, about `sessionsPerDay` a weekday. */
export function planDemoSessions(options: DemoPlanOptions): PlannedSession[] {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  /** Log-normal sample around `median`; `spread` 0.5 keeps most values within 0.4× to 2.7×. */
  const around = (median: number, spread = 0.5) =>
    median *
    Math.exp(spread * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));

  const sessions: PlannedSession[] = [];
  const recentSerials: {
    serial: string;
    line: PlannedSession['productLine'];
    email: string | null;
    atMs: number;
  }[] = [];
  const firstDay = Math.floor(options.endMs / dayMs) - options.days + 1;

  for (let day = firstDay; day < firstDay + options.days; day += 1) {
    const weekday = new Date(day * dayMs).getUTCDay();
    const volume = weekday === 0 || weekday === 6 ? 0.4 : 1;
    const count = Math.round(options.sessionsPerDay * volume * (0.85 + random() * 0.3));

    for (let index = 0; index < count; index += 1) {
      // Requests between 07:00 and 19:00 UTC, busiest around midday.
      const hour = 7 + 12 * ((random() + random() + random()) / 3);
      const requestMs = day * dayMs + Math.round(hour * 3_600_000);
      if (requestMs > options.endMs - 2 * 3_600_000) continue;

      const line = pick(demoProductLines);
      const repeat =
        random() < 0.08
          ? recentSerials.find(
              (entry) => entry.line === line.slug && requestMs - entry.atMs < 10 * dayMs,
            )
          : undefined;
      const serialNumber = repeat?.serial ?? makeSerial(line.slug, random);
      const customerName = `${pick(firstNames)} ${pick(lastNames)}`;
      const customerEmail =
        repeat?.email ??
        (random() < 0.6
          ? `${customerName.toLowerCase().replace(/[^a-z]+/g, '.')}${Math.floor(random() * 1000)}@example.com`
          : null);
      const entryRoll = random();
      const entry: PlannedSession['entry'] =
        entryRoll < 0.45
          ? 'qr'
          : entryRoll < 0.75
            ? 'widget'
            : entryRoll < 0.95
              ? 'invite'
              : 'code';
      const teamAgents = demoAgents.flatMap((agent, agentIndex) =>
        agent.team === line.team ? [agentIndex] : [],
      );
      const agentIndex = pick(teamAgents);
      const skill = demoAgents[agentIndex]?.skill ?? 0.6;

      sessions.push(
        planSession({
          random,
          pick,
          around,
          entry,
          line,
          agentIndex,
          skill,
          requestMs,
          serialNumber,
          customerName,
          customerEmail,
        }),
      );
      recentSerials.push({
        serial: serialNumber,
        line: line.slug,
        email: customerEmail,
        atMs: requestMs,
      });
      if (recentSerials.length > 400) recentSerials.shift();
    }
  }
  return sessions;
}

function makeSerial(line: string, random: () => number): string {
  const digits = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 10)).join('');
  switch (line) {
    case 'washers':
      return `WM${digits(8)}`;
    case 'dishwashers':
      return `DW${digits(8)}`;
    case 'routers':
      return `RT-${Math.floor(random() * 0xffffff)
        .toString(16)
        .toUpperCase()
        .padStart(6, '0')}`;
    default:
      return `TV${digits(4)}-${digits(5)}`;
  }
}

function planSession(input: {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  around: (median: number, spread?: number) => number;
  entry: PlannedSession['entry'];
  line: (typeof demoProductLines)[number];
  agentIndex: number;
  skill: number;
  requestMs: number;
  serialNumber: string;
  customerName: string;
  customerEmail: string | null;
}): PlannedSession {
  const { random, pick, around, entry, skill, requestMs } = input;
  const queued = entry === 'qr' || entry === 'widget';
  const events: PlannedEvent[] = [];
  const add = (
    type: SessionEventType,
    atMs: number,
    actor: PlannedEvent['actor'],
    data: Record<string, unknown> = {},
  ) => events.push({ type, atMs: Math.round(atMs), actor, data });

  const base = {
    entry,
    productLine: input.line.slug,
    customerName: input.customerName,
    customerEmail: input.customerEmail,
    topic: pick(topics[input.line.slug]),
    serialNumber: input.serialNumber,
    queuedAtMs: queued ? requestMs : null,
    callback: false,
  };

  // Invites: the agent creates the link, the customer opens it some minutes later.
  let arrivalMs = requestMs;
  if (queued) {
    add('created', requestMs, 'customer', { to: 'waiting', entry });
    add('queued', requestMs, 'system');
    add('customer_joined', requestMs + 700, 'customer');
    add('offered', requestMs + 1000, 'system');
  } else {
    add('created', requestMs, 'agent', { to: 'waiting', entry });
    arrivalMs = requestMs + around(6 * minuteMs, 0.8);
    add('customer_joined', arrivalMs, 'customer');
  }

  const waitMs = queued ? Math.max(4000, around(35_000, 0.9)) : 0;
  const leaveRoll = random();
  if (queued && leaveRoll < Math.min(0.35, 0.03 + waitMs / 1_500_000)) {
    const callback = leaveRoll < 0.015;
    const leftMs = requestMs + waitMs;
    if (waitMs > 20_000) {
      add('offer_timed_out', requestMs + 21_000, 'system');
      add('offered', requestMs + 21_500, 'system');
    }
    if (callback) add('callback_requested', leftMs, 'customer');
    add('customer_left', leftMs, 'customer');
    add('abandoned', leftMs, 'customer', {
      from: 'waiting',
      to: 'abandoned',
      reason: callback ? 'callback' : 'left_queue',
    });
    return {
      ...base,
      status: 'abandoned',
      agent: null,
      createdAtMs: requestMs,
      startedAtMs: null,
      endedAtMs: leftMs,
      wrapUpDoneAtMs: null,
      disposition: null,
      resolutionCode: null,
      callback,
      survey: null,
      events: events.sort((a, b) => a.atMs - b.atMs),
    };
  }

  const acceptedMs = queued ? requestMs + waitMs : arrivalMs;
  if (queued) {
    if (waitMs > 20_000 && random() < 0.5) {
      add('offer_timed_out', requestMs + 21_000, 'system');
      add('offered', requestMs + 21_500, 'system');
    }
    add('accepted', acceptedMs, 'agent');
  }
  const startedMs = acceptedMs + 1500 + random() * 2500;
  add('agent_joined', startedMs - 300, 'agent');
  add('call_started', startedMs, 'agent');
  const connectMs = 900 + around(1400, 0.4);
  add('media_connected', startedMs + connectMs, 'agent', { elapsedMs: Math.round(connectMs) });

  const talkMs = Math.max(90_000, around((9 - 4 * skill) * minuteMs, 0.55));
  if (random() < 0.3)
    add('camera_switched', startedMs + talkMs * 0.2, 'customer', { facingMode: 'user' });
  add('case_updated', startedMs + talkMs * 0.3, 'agent', {
    changes: { serialNumber: input.serialNumber },
  });
  const endedMs = startedMs + talkMs;
  add('ended', endedMs, random() < 0.6 ? 'agent' : 'customer', { from: 'active', to: 'wrap_up' });

  const dispositionRoll = random();
  const resolvedShare = 0.45 + 0.3 * skill;
  const disposition: Disposition =
    dispositionRoll < resolvedShare
      ? 'resolved'
      : dispositionRoll < resolvedShare + 0.15
        ? 'dispatch'
        : dispositionRoll < resolvedShare + 0.23
          ? 'escalated'
          : 'follow_up';
  const resolutionCode = pick(codesByDisposition[disposition]);
  const wrapUpMs = Math.max(10_000, around(55_000 - 20_000 * skill, 0.6));
  const wrapUpDoneMs = endedMs + wrapUpMs;
  add('wrap_up_done', wrapUpDoneMs, 'agent', {
    from: 'wrap_up',
    to: 'ended',
    disposition,
    resolutionCode,
    wrapUpMs: Math.round(wrapUpMs),
  });

  // Customers rate resolved calls with skilled agents higher. About a third submit the survey.
  let survey: PlannedSession['survey'] = { createdAtMs: endedMs, answer: null };
  if (random() < 0.35) {
    const mood = (disposition === 'resolved' ? 0.55 : 0.25) + 0.4 * skill + (random() - 0.5) * 0.5;
    const scale = (max: number, value: number) =>
      Math.min(max, Math.max(1, Math.round(1 + value * (max - 1))));
    const answer = {
      atMs: endedMs + around(4 * minuteMs, 1),
      csat: scale(5, mood),
      empathy: scale(5, mood + (random() - 0.4) * 0.3),
      ces: scale(7, 1 - mood + (random() - 0.5) * 0.2),
    };
    survey = { createdAtMs: endedMs, answer };
    add('survey_submitted', answer.atMs, 'customer', {
      csat: answer.csat,
      empathy: answer.empathy,
      ces: answer.ces,
    });
  }

  return {
    ...base,
    status: 'ended',
    agent: input.agentIndex,
    createdAtMs: requestMs,
    startedAtMs: Math.round(startedMs),
    endedAtMs: Math.round(endedMs),
    wrapUpDoneAtMs: Math.round(wrapUpDoneMs),
    disposition,
    resolutionCode,
    survey,
    events: events.sort((a, b) => a.atMs - b.atMs),
  };
}
