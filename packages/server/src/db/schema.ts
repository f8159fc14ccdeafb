import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Signed-in people: agents, supervisors and admins. Emails are stored lower-case. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Skills that routing matches against a product line's: product line slugs or free tags. */
    skills: jsonb('skills')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Languages the agent supports, as BCP 47 tags such as `en` or `de`. */
    languages: jsonb('languages')
      .$type<string[]>()
      .notNull()
      .default(sql`'["en"]'::jsonb`),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('users_email_key').on(table.email)],
);

/** Teams of agents; KPIs are sliced by team. */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('teams_name_key').on(table.name)],
);

/**
 * Availability of each agent. `idle_since` is when the agent last became free for a call, so
 * routing offers a customer to the agent who has waited longest. `last_seen_at` is refreshed
 * while a console is connected; a console that stops answering turns the agent offline.
 */
export const agentPresence = pgTable(
  'agent_presence',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['available', 'busy', 'away', 'offline'] }).notNull(),
    /** Why a busy agent is busy: `call`, `wrap_up` or `offer`; null otherwise. */
    busyReason: text('busy_reason', { enum: ['call', 'wrap_up', 'offer'] }),
    statusSince: timestamp('status_since', { withTimezone: true }).notNull(),
    idleSince: timestamp('idle_since', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('agent_presence_status_idx').on(table.status, table.idleSince)],
);

/** Console sign-ins. `id` is the SHA-256 of the cookie value, so a database leak reveals no cookie. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('auth_sessions_user_id_idx').on(table.userId)],
);

/** Product lines: what a customer's device is, and the format of its serial numbers. */
export const productLines = pgTable(
  'product_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    serialPattern: text('serial_pattern'),
    checkDigit: text('check_digit', { enum: ['none', 'mod10', 'gs1', 'mod11'] })
      .notNull()
      .default('none'),
    /** Skills an agent needs to take this product line's customers; empty means any agent. */
    skills: jsonb('skills')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Language of the product line's customers, as a BCP 47 tag. */
    language: text('language').notNull().default('en'),
    /**
     * Weekly opening hours in a time zone, `{ timeZone, days: { mon: [["09:00","17:00"]], … } }`;
     * null means always open.
     */
    supportHours: jsonb('support_hours').$type<Record<string, unknown>>(),
    /** Text the customer reads in the waiting room. */
    greeting: text('greeting'),
    /** Wait after which a queued customer may leave a callback request; null uses the default. */
    callbackAfterSeconds: integer('callback_after_seconds'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('product_lines_slug_key').on(table.slug)],
);

/** The case: one support session between a customer and an agent. */
export const supportSessions = pgTable(
  'support_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status', {
      enum: ['waiting', 'ringing', 'active', 'wrap_up', 'ended', 'abandoned'],
    }).notNull(),
    entry: text('entry', { enum: ['invite', 'qr', 'widget', 'code', 'callback'] }).notNull(),
    /**
     * Capability token of the customer link. Kept in clear so the console can show the link and
     * its QR code again; it grants access to this one session only, and only until `expires_at`.
     */
    customerToken: text('customer_token').notNull(),
    customerName: text('customer_name'),
    topic: text('topic'),
    serialNumber: text('serial_number'),
    modelNumber: text('model_number'),
    productLineId: uuid('product_line_id').references(() => productLines.id),
    disposition: text('disposition', {
      enum: ['resolved', 'dispatch', 'escalated', 'follow_up', 'no_show'],
    }),
    notes: text('notes'),
    /** Code from the admin-managed list of resolution codes, recorded at wrap-up. */
    resolutionCode: text('resolution_code'),
    /** Contact the customer left (for the survey link, a callback); as little as needed. */
    customerEmail: text('customer_email'),
    customerPhone: text('customer_phone'),
    /** Language the customer asked for, as a BCP 47 tag. */
    language: text('language'),
    /** Six-digit code that opens this session at `/join`, while it is valid. */
    shortCode: text('short_code'),
    /** When the customer entered the queue; null for sessions that never queued (invites). */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    /** Agent the session is offered to while it rings, and when that offer lapses. */
    offeredTo: uuid('offered_to').references(() => users.id),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    /** When the agent finished wrap-up; `ended_at` to this instant is the wrap-up time. */
    wrapUpDoneAt: timestamp('wrap_up_done_at', { withTimezone: true }),
    agentId: uuid('agent_id').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Snapshot both sides show instead of the live video, while the agent freezes the frame. */
    frozenSnapshotId: uuid('frozen_snapshot_id'),
    /** Controls of the customer's current camera track, as its page last reported them. */
    cameraCapabilities: jsonb('camera_capabilities').$type<Record<string, unknown>>(),
  },
  (table) => [
    uniqueIndex('support_sessions_customer_token_key').on(table.customerToken),
    index('support_sessions_created_at_idx').on(table.createdAt.desc()),
    index('support_sessions_status_idx').on(table.status),
    uniqueIndex('support_sessions_short_code_key').on(table.shortCode),
    index('support_sessions_queue_idx')
      .on(table.queuedAt)
      .where(sql`status in ('waiting', 'ringing') and queued_at is not null`),
  ],
);

/** Callback requests: a customer who could not wait leaves a contact; an agent calls back. */
export const callbackRequests = pgTable(
  'callback_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Queue session the customer left from, if any. */
    sessionId: uuid('session_id').references(() => supportSessions.id, { onDelete: 'set null' }),
    productLineId: uuid('product_line_id').references(() => productLines.id),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    description: text('description').notNull(),
    status: text('status', { enum: ['open', 'invited', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    handledBy: uuid('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    /** Invite that the agent sent back to the customer. */
    inviteSessionId: uuid('invite_session_id').references(() => supportSessions.id, {
      onDelete: 'set null',
    }),
  },
  (table) => [index('callback_requests_status_idx').on(table.status, table.createdAt)],
);

/** Admin-managed list of resolution codes offered in the wrap-up form. */
export const resolutionCodes = pgTable('resolution_codes', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
});

/** Settings that admins change at run time (survey questions, wrap-up limit, FCR window). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The customer's survey of one session. Created when the call ends, with the questions as they
 * were then; `token` opens it without an account until `expires_at`.
 */
export const surveys = pgTable(
  'surveys',
  {
    sessionId: uuid('session_id')
      .primaryKey()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    questions: jsonb('questions').$type<unknown[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    csat: integer('csat'),
    empathy: integer('empathy'),
    ces: integer('ces'),
    comment: text('comment'),
  },
  (table) => [uniqueIndex('surveys_token_key').on(table.token)],
);

/**
 * One row per session with the figures KPIs need, derived from the session's events and kept in
 * step with the event log whenever a KPI-relevant event is appended. KPI queries aggregate these
 * rows instead of scanning millions of events.
 */
export const sessionFacts = pgTable(
  'session_facts',
  {
    sessionId: uuid('session_id')
      .primaryKey()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    /** When the customer asked for help: queue entry, or the invite's creation. */
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    entry: text('entry').notNull(),
    productLineId: uuid('product_line_id'),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    serialNumber: text('serial_number'),
    /** Lower-cased e-mail of the customer, for first-contact resolution. */
    customerContact: text('customer_contact'),
    /** Phone of the customer with only digits and a leading `+`, for first-contact resolution. */
    customerPhone: text('customer_phone'),
    queued: boolean('queued').notNull().default(false),
    abandoned: boolean('abandoned').notNull().default(false),
    /** Whether the customer left the queue with a callback request. */
    callbackRequested: boolean('callback_requested').notNull().default(false),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    wrapUpDoneAt: timestamp('wrap_up_done_at', { withTimezone: true }),
    queueWaitMs: integer('queue_wait_ms'),
    timeToConnectMs: integer('time_to_connect_ms'),
    talkMs: integer('talk_ms'),
    wrapUpMs: integer('wrap_up_ms'),
    videoMs: integer('video_ms'),
    disposition: text('disposition'),
    /** Whether a later wrap-up changed the disposition that the first one recorded. */
    dispositionChanged: boolean('disposition_changed').notNull().default(false),
    /**
     * First request of another session with the same serial number, e-mail or phone after this
     * session ended, if within 90 days; first-contact resolution compares it with its window.
     */
    nextContactAt: timestamp('next_contact_at', { withTimezone: true }),
    resolutionCode: text('resolution_code'),
    surveyOffered: boolean('survey_offered').notNull().default(false),
    surveyAnswered: boolean('survey_answered').notNull().default(false),
    csat: integer('csat'),
    empathy: integer('empathy'),
    ces: integer('ces'),
  },
  (table) => [
    index('session_facts_requested_at_idx').on(table.requestedAt),
    index('session_facts_agent_idx').on(table.agentId, table.requestedAt),
    index('session_facts_product_line_idx').on(table.productLineId, table.requestedAt),
    index('session_facts_team_idx').on(table.teamId, table.requestedAt),
    index('session_facts_serial_idx').on(table.serialNumber, table.requestedAt),
    index('session_facts_contact_idx').on(table.customerContact, table.requestedAt),
    index('session_facts_phone_idx').on(table.customerPhone, table.requestedAt),
  ],
);

/** Append-only log of everything that happened in a session; the source of every KPI. */
export const sessionEvents = pgTable(
  'session_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['agent', 'customer', 'system'] }).notNull(),
    actorId: text('actor_id'),
    data: jsonb('data')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (table) => [
    index('session_events_session_id_idx').on(table.sessionId, table.id),
    index('session_events_type_at_idx').on(table.type, table.at),
  ],
);

/** Chat messages of a session, in the order the server received them. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    sender: text('sender', { enum: ['agent', 'customer'] }).notNull(),
    senderName: text('sender_name').notNull(),
    body: text('body').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('chat_messages_session_id_idx').on(table.sessionId, table.sentAt)],
);

/** Full-resolution stills of a session; the bytes live in blob storage under `storage_key`. */
export const snapshots = pgTable(
  'snapshots',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['agent_request', 'freeze', 'customer_photo'] }).notNull(),
    contentType: text('content_type', {
      enum: ['image/jpeg', 'image/png', 'image/webp'],
    }).notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    /** SHA-256 of the bytes, hex; a retried upload with the same id must match it. */
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdByType: text('created_by_type', { enum: ['agent', 'customer', 'system'] }).notNull(),
    createdById: text('created_by_id'),
    createdAt: createdAt(),
  },
  (table) => [index('snapshots_session_id_idx').on(table.sessionId, table.createdAt)],
);

/** Annotation state of one surface (the live video or a snapshot) of a session. */
export const sessionAnnotations = pgTable(
  'session_annotations',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id, { onDelete: 'cascade' }),
    /** `live`, or the id of the snapshot the annotations are drawn on. */
    surface: text('surface').notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.surface] })],
);
