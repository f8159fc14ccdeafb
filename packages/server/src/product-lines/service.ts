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

/**
 * Quantified groups such as `(a|aa)+` or `(a|a)*` can make matching take exponential time, and
 * serial formats never need them: a serial is a fixed sequence of character classes.
 */
const quantifiedGroup = /\)(?:[*+?]|\{\d)/;

/** Throws `VALIDATION_FAILED` for a serial pattern that the reader cannot use safely. */
function checkSerialPattern(
  pattern: string,
  checkDigit: CreateProductLineBody['checkDigit'],
): void {
  if (quantifiedGroup.test(pattern)) {
    throw new AppError('VALIDATION_FAILED', 'The serial pattern repeats a group.', [
      {
        path: 'serialPattern',
        message:
          'must not repeat a group with *, +, ? or {n}; repeat single character classes instead',
      },
    ]);
  }

  try {
    compilePatterns([{ name: 'serialPattern', regex: pattern, checkDigit }]);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const issues = (error.issues ?? []).map((issue) => ({
      path: issue.path.replace(/^patterns\.0\.(regex|checkDigit)/, (_match, field: string) =>
        field === 'regex' ? 'serialPattern' : 'checkDigit',
      ),
      message: issue.message,
    }));
    throw new AppError(error.code, error.message, issues);
  }
}

/** Product lines and their serial number formats. */
export class ProductLineService {
  constructor(private readonly db: Database) {}

  /**
   * Creates a product line. Throws `VALIDATION_FAILED` for a serial pattern the reader cannot
   * use safely, and `PRODUCT_LINE_EXISTS` for a slug in use.
   */
  async create(body: CreateProductLineBody): Promise<ProductLine> {
    if (body.serialPattern !== undefined) checkSerialPattern(body.serialPattern, body.checkDigit);

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
