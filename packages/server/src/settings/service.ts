import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { settings } from '../db/schema.js';

/**
 * Settings that admins change at run time, with their defaults. Each value is parsed by its
 * schema on read, so a bad stored value falls back to the default instead of breaking a call.
 */
export const settingSchemas = {
  /** Seconds an agent may spend in wrap-up before routing counts the agent available again. */
  wrapUpLimitSeconds: z.number().int().min(10).max(3600).default(120),
  /** Days after a resolved session in which a new session for the same serial or contact reopens it. */
  fcrWindowDays: z.number().int().min(1).max(90).default(7),
  /** Seconds a queued customer waits before a callback request is offered. */
  callbackAfterSeconds: z.number().int().min(0).max(3600).default(180),
  /** Seconds an offer rings in one agent's console before it moves to the next agent. */
  offerTimeoutSeconds: z.number().int().min(5).max(300).default(20),
  /** Days a survey link stays open after the call. */
  surveyTtlDays: z.number().int().min(1).max(60).default(7),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

/** Reads and writes the run-time settings table. */
export class SettingsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
    const [row] = await this.db.select().from(settings).where(eq(settings.key, key));
    const schema = settingSchemas[key];
    const parsed = schema.safeParse(row?.value);
    return (parsed.success ? parsed.data : schema.parse(undefined)) as SettingValue<K>;
  }

  async set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    const parsed = settingSchemas[key].parse(value);
    const now = this.clock.now();
    await this.db
      .insert(settings)
      .values({ key, value: parsed, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: now } });
  }
}
