import { asc, count, eq, max } from 'drizzle-orm';
import type {
  CreateResolutionCodeBody,
  ResolutionCode,
  UpdateResolutionCodeBody,
} from '@lensdesk/protocol';
import type { Database } from '../db/client.js';
import { resolutionCodes } from '../db/schema.js';
import { AppError } from '../errors.js';

type ResolutionCodeRow = typeof resolutionCodes.$inferSelect;

/**
 * Codes a new installation starts with, covering the usual fixes of consumer electronics and
 * appliances. Admins rename, reorder or deactivate them like any other code.
 */
export const defaultResolutionCodes: readonly { code: string; label: string }[] = [
  { code: 'reset', label: 'Reset or restart' },
  { code: 'configuration', label: 'Settings changed' },
  { code: 'firmware_update', label: 'Firmware or software update' },
  { code: 'cabling', label: 'Cabling or connection fixed' },
  { code: 'user_guidance', label: 'Explained how to use it' },
  { code: 'replacement_part', label: 'Replacement part needed' },
];

/** Gap between the positions of seeded and appended codes, so admins can insert between them. */
const positionStep = 10;

function toResolutionCode(row: ResolutionCodeRow): ResolutionCode {
  return {
    code: row.code,
    label: row.label,
    active: row.active,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The admin-managed list of resolution codes. Codes are never deleted: deactivating one hides it
 * from the wrap-up form while the sessions that recorded it keep it, so reports stay complete.
 */
export class ResolutionCodeService {
  constructor(private readonly db: Database) {}

  /** Lists codes by position, then label; only active ones unless `all`. */
  async list(options: { all: boolean }): Promise<ResolutionCode[]> {
    const query = this.db.select().from(resolutionCodes);
    const filtered = options.all ? query : query.where(eq(resolutionCodes.active, true));
    const rows = await filtered.orderBy(asc(resolutionCodes.position), asc(resolutionCodes.label));
    return rows.map(toResolutionCode);
  }

  /** Creates a code; throws `RESOLUTION_CODE_EXISTS` when the slug is taken. */
  async create(body: CreateResolutionCodeBody): Promise<ResolutionCode> {
    const position = body.position ?? (await this.nextPosition());
    const [row] = await this.db
      .insert(resolutionCodes)
      .values({ code: body.code, label: body.label, active: body.active, position })
      .onConflictDoNothing()
      .returning();
    if (row === undefined) throw new AppError('RESOLUTION_CODE_EXISTS');
    return toResolutionCode(row);
  }

  /** Changes a code's label, active flag or position; throws `RESOLUTION_CODE_NOT_FOUND`. */
  async update(code: string, body: UpdateResolutionCodeBody): Promise<ResolutionCode> {
    const [row] = await this.db
      .update(resolutionCodes)
      .set(body)
      .where(eq(resolutionCodes.code, code))
      .returning();
    if (row === undefined) throw new AppError('RESOLUTION_CODE_NOT_FOUND');
    return toResolutionCode(row);
  }

  /**
   * Inserts the default codes when the list is empty, which it is only before the first start:
   * codes are never deleted. Returns how many it inserted.
   */
  async seedDefaults(): Promise<number> {
    const [existing] = await this.db.select({ total: count() }).from(resolutionCodes);
    if ((existing?.total ?? 0) > 0) return 0;

    const rows = defaultResolutionCodes.map((entry, index) => ({
      ...entry,
      position: (index + 1) * positionStep,
    }));
    const inserted = await this.db
      .insert(resolutionCodes)
      .values(rows)
      .onConflictDoNothing()
      .returning({ code: resolutionCodes.code });
    return inserted.length;
  }

  private async nextPosition(): Promise<number> {
    const [row] = await this.db
      .select({ last: max(resolutionCodes.position) })
      .from(resolutionCodes);
    return (row?.last ?? 0) + positionStep;
  }
}
