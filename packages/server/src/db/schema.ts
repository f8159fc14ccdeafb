import { sql } from 'drizzle-orm';
import {
  bigserial,
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
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('users_email_key').on(table.email)],
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
    createdAt: createdAt(),
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
    entry: text('entry', { enum: ['invite', 'qr', 'widget'] }).notNull(),
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
