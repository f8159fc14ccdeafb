import { asc, eq } from 'drizzle-orm';
import type { CreateProductLineBody, ProductLine } from '@lensdesk/protocol';
import type { Database } from '../db/client.js';
import { productLines } from '../db/schema.js';
import { AppError } from '../errors.js';
import { compilePatterns } from '../ocr/patterns.js';
import type { SerialPatternSpec } from '../ocr/types.js';

type ProductLineRow = typeof productLines.$inferSelect;

function toProductLine(row: ProductLineRow): ProductLine {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    serialPattern: row.serialPattern,
    checkDigit: row.checkDigit,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Product lines and their serial number formats. */
export class ProductLineService {
  constructor(private readonly db: Database) {}

  /**
   * Creates a product line. Throws `VALIDATION_FAILED` for a serial pattern the reader cannot
   * use safely, and `PRODUCT_LINE_EXISTS` for a slug in use.
   */
  async create(body: CreateProductLineBody): Promise<ProductLine> {
    if (body.serialPattern !== undefined) {
      compilePatterns([
        { name: body.slug, regex: body.serialPattern, checkDigit: body.checkDigit },
      ]);
    }

    const [existing] = await this.db
      .select({ id: productLines.id })
      .from(productLines)
      .where(eq(productLines.slug, body.slug));
    if (existing !== undefined) throw new AppError('PRODUCT_LINE_EXISTS');

    const [row] = await this.db
      .insert(productLines)
      .values({
        name: body.name,
        slug: body.slug,
        serialPattern: body.serialPattern ?? null,
        checkDigit: body.checkDigit,
      })
      .onConflictDoNothing()
      .returning();
    if (row === undefined) throw new AppError('PRODUCT_LINE_EXISTS');
    return toProductLine(row);
  }

  async list(): Promise<ProductLine[]> {
    const rows = await this.db.select().from(productLines).orderBy(asc(productLines.name));
    return rows.map(toProductLine);
  }

  async get(id: string): Promise<ProductLine> {
    const [row] = await this.db.select().from(productLines).where(eq(productLines.id, id));
    if (row === undefined) throw new AppError('PRODUCT_LINE_NOT_FOUND');
    return toProductLine(row);
  }

  /** Returns the serial pattern of a product line in the form the reader takes, if it has one. */
  async patternsOf(id: string | null | undefined): Promise<SerialPatternSpec[]> {
    if (id === null || id === undefined) return [];
    const line = await this.get(id);
    if (line.serialPattern === null) return [];
    return [{ name: line.name, regex: line.serialPattern, checkDigit: line.checkDigit }];
  }
}
