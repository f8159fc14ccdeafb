import path from 'node:path';
import { z } from 'zod';
import { iceServerSchema } from '@lensdesk/protocol';
import {
  type MailConfig,
  type SmsConfig,
  notificationEnvironmentShape,
  resolveNotificationConfig,
} from './notifications/config.js';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);

/**
 * Environment variables read by the server, with their defaults. Every variable is documented,
 * with its unit, in the README's configuration table.
 */
const environmentSchema = z.object({
  PORT: z
    .string()
    .default('8080')
    .pipe(z.string().regex(/^\d{1,5}$/, 'must be a whole number from 1 to 65535'))
    .transform(Number)
    .pipe(z.number().min(1, 'must be from 1 to 65535').max(65_535, 'must be from 1 to 65535')),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalString.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LENSDESK_ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  LENSDESK_ADMIN_PASSWORD: optionalString.pipe(z.string().min(8).optional()),
  COMPANY_NAME: z.string().min(1).max(80).default('Lensdesk Support'),
  INVITE_TTL_HOURS: positiveNumber(24),
  AUTH_SESSION_TTL_HOURS: positiveNumber(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  ICE_SERVERS: optionalString.transform((value, context) => parseIceServers(value, context)),
  TURN_URLS: optionalString,
  TURN_SECRET: optionalString,
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  WEB_DIST_DIR: optionalString,
  TRUST_PROXY: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  CALL_IDLE_TIMEOUT_MINUTES: positiveNumber(10),
  OCR_TIMEOUT_SECONDS: positiveNumber(30),
  METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, 'must have at least 16 characters').optional(),
  ),
  OCR_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  ANNOTATION_FADE_SECONDS: z.coerce.number().min(1).max(600).default(8),
  PRESENCE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  SHORT_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  ENTRY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  ...notificationEnvironmentShape,
});

/** Names of every environment variable the server reads. */
export const environmentVariableNames = Object.keys(environmentSchema.shape);

function parseIceServers(value: string | undefined, context: z.RefinementCtx) {
  if (value === undefined) return [];

  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be a JSON array of RTCIceServer objects' });
    return z.NEVER;
  }

  const result = z.array(iceServerSchema).safeParse(parsed);
  if (!result.success) {
    context.addIssue({ code: 'custom', message: 'must be a JSON array of RTCIceServer objects' });
    return z.NEVER;
  }
  return result.data;
}

/** Server configuration, parsed and resolved from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Base of links sent to customers, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  companyName: string;
  inviteTtlMs: number;
  authSessionTtlMs: number;
  loginRateLimitPerMinute: number;
  iceServers: z.infer<typeof iceServerSchema>[];
  turn: { urls: string[]; secret: string; credentialTtlSeconds: number } | undefined;
  webDistDir: string | undefined;
  /** Whether to take the client address from `X-Forwarded-For`, set by a trusted reverse proxy. */
  trustProxy: boolean;
  /** Bearer token that `/metrics` requires, or undefined for an open endpoint. */
  metricsToken: string | undefined;
  /** Time one serial read may take in a worker before it is stopped. */
  ocrTimeoutMs: number;
  /** Worker threads that read serials; 0 picks one less than the CPU count, at least one. */
  ocrWorkers: number;
  /** Time after which a call that everyone left is ended by the server. */
  callIdleTimeoutMs: number;
  /** Time an unpinned live annotation stays visible after its last change. */
  annotationFadeMs: number;
  /** Time after the last console of an available or away agent closed before the agent is offline. */
  presenceTimeoutMs: number;
  /** Lifetime of a six-digit short code, capped by its invite's expiry. */
  shortCodeTtlMs: number;
  /** Queue entries and callback requests allowed per client address per minute. */
  entryRateLimitPerMinute: number;
  /** SMTP server and sender of e-mail, or undefined when e-mail is not set up. */
  mail: MailConfig | undefined;
  /** SMS provider account and sender, or undefined when text messages are not set up. */
  sms: SmsConfig | undefined;
}

/** Error for an invalid environment variable; the message lists every problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const hourMs = 3_600_000;

/** Parses the environment into a `Config`, or throws a `ConfigError` naming each bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const result = environmentSchema.safeParse(environment);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }

  const env = result.data;
  if ((env.TURN_URLS === undefined) !== (env.TURN_SECRET === undefined)) {
    throw new ConfigError(
      'Invalid configuration in the environment:\n  TURN_URLS and TURN_SECRET must be set together',
    );
  }

  const notifications = resolveNotificationConfig(env);
  if (notifications.problems.length > 0) {
    const lines = notifications.problems.map((problem) => `  ${problem}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }

  const host = env.HOST;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return {
    port: env.PORT,
    host,
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    logLevel: env.LOG_LEVEL,
    adminEmail: env.LENSDESK_ADMIN_EMAIL,
    adminPassword: env.LENSDESK_ADMIN_PASSWORD,
    companyName: env.COMPANY_NAME,
    inviteTtlMs: env.INVITE_TTL_HOURS * hourMs,
    authSessionTtlMs: env.AUTH_SESSION_TTL_HOURS * hourMs,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    iceServers: env.ICE_SERVERS,
    turn:
      env.TURN_URLS !== undefined && env.TURN_SECRET !== undefined
        ? {
            urls: env.TURN_URLS.split(',').map((url) => url.trim()),
            secret: env.TURN_SECRET,
            credentialTtlSeconds: env.TURN_CREDENTIAL_TTL_SECONDS,
          }
        : undefined,
    webDistDir: env.WEB_DIST_DIR,
    annotationFadeMs: env.ANNOTATION_FADE_SECONDS * 1000,
    presenceTimeoutMs: env.PRESENCE_TIMEOUT_SECONDS * 1000,
    shortCodeTtlMs: env.SHORT_CODE_TTL_MINUTES * 60_000,
    entryRateLimitPerMinute: env.ENTRY_RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    callIdleTimeoutMs: env.CALL_IDLE_TIMEOUT_MINUTES * 60_000,
    ocrTimeoutMs: env.OCR_TIMEOUT_SECONDS * 1000,
    metricsToken: env.METRICS_TOKEN,
    ocrWorkers: env.OCR_WORKERS,
    mail: notifications.mail,
    sms: notifications.sms,
  };
}
