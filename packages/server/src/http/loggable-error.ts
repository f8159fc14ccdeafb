import { DrizzleQueryError } from 'drizzle-orm/errors';
import { stdSerializers } from 'pino';

/**
 * SQLSTATEs of text that PostgreSQL cannot store: an invalid byte sequence (a NUL character) and
 * an unsupported Unicode escape.
 */
const invalidTextCodes = new Set(['22021', '22P05']);

/** Fields of a database error that never carry the values of a query. */
const safeDatabaseFields = [
  'code',
  'severity',
  'constraint',
  'constraint_name',
  'table',
  'table_name',
  'column',
  'column_name',
  'schema',
  'schema_name',
  'routine',
] as const;

/** Returns true when `error`, or an error it wraps, is a PostgreSQL error about invalid text. */
export function isInvalidTextError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && invalidTextCodes.has(code)) return true;
  }
  return false;
}

/**
 * Returns a short label for a SQL statement, such as `insert into sessions`. The label is the
 * verb and the first table, without the column list or anything that could hold a value.
 */
export function queryLabel(query: string): string {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toLowerCase() ?? 'query';
  const table = /\b(?:from|into|update)\s+"?([\w.]+)"?/i.exec(query)?.[1];
  return table === undefined ? verb : `${verb} ${table}`;
}

/** Returns true for Drizzle's failed-query error, or a driver error that kept the query values. */
function isQueryError(error: Error): boolean {
  if (error instanceof DrizzleQueryError) return true;
  const fields = error as unknown as Record<string, unknown>;
  return typeof fields.query === 'string' && ('params' in fields || 'parameters' in fields);
}

/** Returns true when `error`, or an error it wraps, carries the values of a query. */
function hasQueryError(error: Error): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (isQueryError(current)) return true;
  }
  return false;
}

/** Returns the stack without its first lines, because they repeat the message and its values. */
function framesOf(error: Error): string | undefined {
  const { stack } = error;
  if (stack === undefined) return undefined;
  const start = stack.indexOf('\n    at ');
  return start < 0 ? undefined : `${error.name}${stack.slice(start)}`;
}

/**
 * Describes a database error by its message and the fields in `safeDatabaseFields`. The `detail`
 * field is left out because it quotes values, such as the e-mail address of a duplicate key.
 */
function describeCause(cause: unknown, depth: number): unknown {
  if (cause === undefined) return undefined;
  // A cause that is not an error may be any value, so only its presence is logged. The same goes
  // for causes nested more than five deep.
  if (!(cause instanceof Error) || depth > 5) return '[value]';
  if (cause instanceof DrizzleQueryError) return describeQueryError(cause, depth);
  const described: Record<string, unknown> = { type: cause.name, message: cause.message };
  const fields = cause as unknown as Record<string, unknown>;
  for (const field of safeDatabaseFields) {
    const value = fields[field];
    if (typeof value === 'string' && value !== '') described[field] = value;
  }
  if (cause.cause !== undefined) described.cause = describeCause(cause.cause, depth + 1);
  return described;
}

/** Describes a failed query by a short label of its SQL text and the database's error. */
function describeQueryError(error: DrizzleQueryError, depth: number): Record<string, unknown> {
  const label = queryLabel(error.query);
  return {
    type: 'DrizzleQueryError',
    message: `Failed query: ${label}`,
    query: label,
    stack: framesOf(error),
    cause: describeCause(error.cause, depth + 1),
  };
}

/**
 * Turns a caught error into what may be logged. A failed database query carries its SQL text and
 * parameters, such as customer link tokens, e-mail addresses and password hashes. So for an error
 * that is or wraps a failed query, only a short query label and the database's own error (code,
 * message, constraint and similar fields) are kept. Other errors are serialized as pino's standard
 * serializer does.
 */
export function toLoggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (!hasQueryError(error)) return stdSerializers.err(error);
  if (error instanceof DrizzleQueryError) return describeQueryError(error, 0);
  return { ...(describeCause(error, 0) as Record<string, unknown>), stack: error.stack };
}

/** Pino's shape of a serialized error. */
interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

/**
 * Serializes the `err` field for the server's logger by `toLoggableError`, typed as pino expects.
 */
export function serializeError(error: Error): SerializedError {
  return toLoggableError(error) as SerializedError;
}
