import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  defaultSurveyQuestions,
  runtimeSettingsSchema,
  type RuntimeSettings,
  type UpdateSettingsBody,
} from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { Executor } from '../db/event-log.js';
import { settings } from '../db/schema.js';

const fields = runtimeSettingsSchema.shape;

/**
 * Settings that admins change at run time, with their defaults. The ranges and meanings are in
 * `runtimeSettingsSchema` of the protocol. Each value is parsed by its schema on read, so a bad
 * stored value falls back to the default instead of breaking a call.
 */
export const settingSchemas = {
  surveyQuestions: fields.surveyQuestions.default(() =>
    structuredClone([...defaultSurveyQuestions]),
  ),
  surveyTtlDays: fields.surveyTtlDays.default(7),
  wrapUpLimitSeconds: fields.wrapUpLimitSeconds.default(120),
  fcrWindowDays: fields.fcrWindowDays.default(7),
  callbackAfterSeconds: fields.callbackAfterSeconds.default(180),
  offerTimeoutSeconds: fields.offerTimeoutSeconds.default(20),
} as const satisfies Record<keyof RuntimeSettings, z.ZodType>;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

const settingKeys = Object.keys(settingSchemas) as SettingKey[];

/** Reads and writes the run-time settings table. */
export class SettingsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Returns one setting. `db` lets a caller read inside its own transaction. */
  async get<K extends SettingKey>(key: K, db: Executor = this.db): Promise<SettingValue<K>> {
    const [row] = await db.select().from(settings).where(eq(settings.key, key));
    return parseSetting(key, row?.value);
  }

  /** Returns every setting, with the default for each one never saved. */
  async getAll(): Promise<RuntimeSettings> {
    const rows = await this.db.select().from(settings);
    const stored = new Map(rows.map((row) => [row.key, row.value]));
    const entries = settingKeys.map((key) => [key, parseSetting(key, stored.get(key))]);
    return Object.fromEntries(entries) as RuntimeSettings;
  }

  async set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
    await this.write(this.db, key, value);
  }

  /**
   * Saves the given settings in one transaction and returns all settings. The values must
   * already have passed `updateSettingsBodySchema`. Each is parsed again before anything is
   * written, so one invalid value changes nothing.
   */
  async update(changes: UpdateSettingsBody): Promise<RuntimeSettings> {
    const keys = settingKeys.filter((key) => changes[key] !== undefined);
    const parsed = keys.map((key) => [key, settingSchemas[key].parse(changes[key])] as const);

    await this.db.transaction(async (tx) => {
      for (const [key, value] of parsed) await this.write(tx, key, value);
    });
    return this.getAll();
  }

  private async write(db: Executor, key: SettingKey, value: unknown): Promise<void> {
    const parsed = settingSchemas[key].parse(value);
    const now = this.clock.now();
    await db
      .insert(settings)
      .values({ key, value: parsed, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: now } });
  }
}

function parseSetting<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const schema = settingSchemas[key];
  const parsed = schema.safeParse(stored);
  return (parsed.success ? parsed.data : schema.parse(undefined)) as SettingValue<K>;
}
