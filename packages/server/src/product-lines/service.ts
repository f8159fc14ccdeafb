import {
  type CreateProductLineBody,
  type Issue,
  type ProductLine,
  type SupportHours,
  type UpdateProductLineBody,
  supportHoursSchema,
} from '@lensdesk/protocol';
import { type Clock, systemClock } from '../clock.js';
import type { Database } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError } from '../errors.js';
import { passesCheckDigit } from '../ocr/check-digits.js';
import { compilePatterns } from '../ocr/patterns.js';
import type { SerialPatternSpec } from '../ocr/types.js';
import {
  type NewProductLineRow,
  type ProductLineRow,
  findProductLineById,
  findProductLineBySlug,
  insertProductLine,
  listProductLineRows,
  updateProductLineRow,
} from './queries.js';

function toProductLine(row: ProductLineRow, publicUrl: string): ProductLine {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    serialPattern: row.serialPattern,
    checkDigit: row.checkDigit,
    skills: row.skills,
    language: row.language,
    supportHours: parseStoredHours(row.supportHours),
    greeting: row.greeting,
    callbackAfterSeconds: row.callbackAfterSeconds,
    entryUrl: `${publicUrl}/p/${encodeURIComponent(row.slug)}`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Reads stored support hours. Only this service writes the column, after validating it, so a
 * value that fails the schema was edited by hand and counts as always open.
 */
function parseStoredHours(stored: Record<string, unknown> | null): SupportHours | null {
  if (stored === null) return null;
  const parsed = supportHoursSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/**
 * Quantified groups such as `(a|aa)+` or `(a|a)*` can make matching take exponential time, and
 * serial formats never need them: a serial is a fixed sequence of character classes.
 */
const quantifiedGroup = /\)(?:[*+?]|\{\d)/;

/** Throws `VALIDATION_FAILED` for a serial pattern that the reader cannot use safely. */
function checkSerialPattern(pattern: string, checkDigit: ProductLine['checkDigit']): void {
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

/** Values of the editable columns, with an empty greeting stored as null. */
function columnsOf(body: UpdateProductLineBody): Partial<NewProductLineRow> {
  const columns: Partial<NewProductLineRow> = {};
  if (body.name !== undefined) columns.name = body.name;
  if (body.slug !== undefined) columns.slug = body.slug;
  if (body.serialPattern !== undefined) columns.serialPattern = body.serialPattern;
  if (body.checkDigit !== undefined) columns.checkDigit = body.checkDigit;
  if (body.skills !== undefined) columns.skills = body.skills;
  if (body.language !== undefined) columns.language = body.language;
  if (body.supportHours !== undefined) columns.supportHours = body.supportHours;
  if (body.greeting !== undefined) columns.greeting = body.greeting || null;
  if (body.callbackAfterSeconds !== undefined) {
    columns.callbackAfterSeconds = body.callbackAfterSeconds;
  }
  return columns;
}

/** Values that the customer's page starts with, carried in a QR code's link. */
export interface EntryValues {
  serial?: string | undefined;
  model?: string | undefined;
}

/** Product lines: their serial number formats, routing, support hours and entry links. */
export class ProductLineService {
  constructor(
    private readonly db: Database,
    private readonly options: { publicUrl: string; clock?: Clock },
  ) {}

  /**
   * Creates a product line. Throws `VALIDATION_FAILED` for a serial pattern the reader cannot
   * use safely, and `PRODUCT_LINE_EXISTS` for a slug in use.
   */
  async create(body: CreateProductLineBody): Promise<ProductLine> {
    if (body.serialPattern !== undefined) checkSerialPattern(body.serialPattern, body.checkDigit);

    const now = this.now();
    const row = await insertProductLine(this.db, {
      ...columnsOf(body),
      name: body.name,
      slug: body.slug,
      serialPattern: body.serialPattern ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (row === undefined) throw new AppError('PRODUCT_LINE_EXISTS');
    return this.toProductLine(row);
  }

  /**
   * Changes the fields given. Throws `PRODUCT_LINE_NOT_FOUND`, `PRODUCT_LINE_EXISTS` for a slug
   * in use, and `VALIDATION_FAILED` when the serial pattern and check digit do not work together.
   */
  async update(id: string, body: UpdateProductLineBody): Promise<ProductLine> {
    const current = await findProductLineById(this.db, id);
    if (current === undefined) throw new AppError('PRODUCT_LINE_NOT_FOUND');

    const pattern = body.serialPattern === undefined ? current.serialPattern : body.serialPattern;
    const checkDigit = body.checkDigit ?? current.checkDigit;
    if (pattern !== null && (body.serialPattern !== undefined || body.checkDigit !== undefined)) {
      checkSerialPattern(pattern, checkDigit);
    }

    try {
      const row = await updateProductLineRow(this.db, id, {
        ...columnsOf(body),
        updatedAt: this.now(),
      });
      if (row === undefined) throw new AppError('PRODUCT_LINE_NOT_FOUND');
      return this.toProductLine(row);
    } catch (error) {
      if (isUniqueViolation(error, 'product_lines_slug_key')) {
        throw new AppError('PRODUCT_LINE_EXISTS');
      }
      throw error;
    }
  }

  private toProductLine(row: ProductLineRow): ProductLine {
    return toProductLine(row, this.options.publicUrl);
  }

  private now(): Date {
    return (this.options.clock ?? systemClock).now();
  }

  async list(): Promise<ProductLine[]> {
    const rows = await listProductLineRows(this.db);
    return rows.map((row) => this.toProductLine(row));
  }

  async get(id: string): Promise<ProductLine> {
    const row = await findProductLineById(this.db, id);
    if (row === undefined) throw new AppError('PRODUCT_LINE_NOT_FOUND');
    return this.toProductLine(row);
  }

  /** Returns the product line with this slug, or throws `PRODUCT_LINE_NOT_FOUND`. */
  async getBySlug(slug: string): Promise<ProductLine> {
    const row = await findProductLineBySlug(this.db, slug);
    if (row === undefined) throw new AppError('PRODUCT_LINE_NOT_FOUND');
    return this.toProductLine(row);
  }

  /** Returns the serial pattern of a product line in the form the reader takes, if it has one. */
  async patternsOf(id: string | null | undefined): Promise<SerialPatternSpec[]> {
    if (id === null || id === undefined) return [];
    const line = await this.get(id);
    if (line.serialPattern === null) return [];
    // Pattern names are at most 80 characters, product line names up to 120.
    const name = line.name.slice(0, 80);
    return [{ name, regex: line.serialPattern, checkDigit: line.checkDigit }];
  }

  /**
   * Returns the link that a product line's QR codes and website button open,
   * `<PUBLIC_URL>/p/<slug>`, with the serial and model number as query parameters when given.
   */
  entryUrl(line: ProductLine, values: EntryValues = {}): string {
    const url = new URL(line.entryUrl);
    if (values.serial !== undefined) url.searchParams.set('serial', values.serial);
    if (values.model !== undefined) url.searchParams.set('model', values.model);
    return url.toString();
  }

  /**
   * Throws `VALIDATION_FAILED` naming each serial that does not fit the product line's serial
   * pattern or check digit, so a typo is caught before labels are printed. `path` is the
   * request field the serials came from.
   */
  checkSerials(line: ProductLine, serials: readonly string[], path: string): void {
    if (line.serialPattern === null) return;

    const [pattern] = compilePatterns([
      { name: 'serialPattern', regex: line.serialPattern, checkDigit: line.checkDigit },
    ]);
    if (pattern === undefined) return;

    const issues: Issue[] = [];
    serials.forEach((serial, index) => {
      const issuePath = serials.length === 1 ? path : `${path}.${index}`;
      if (!pattern.regex.test(serial)) {
        issues.push({
          path: issuePath,
          message: `${serial} does not match the serial pattern ${line.serialPattern}.`,
        });
      } else if (!passesCheckDigit(serial, line.checkDigit)) {
        issues.push({
          path: issuePath,
          message: `${serial} fails the ${line.checkDigit} check digit.`,
        });
      }
    });
    if (issues.length > 0) {
      throw new AppError('VALIDATION_FAILED', 'Some serial numbers are invalid.', issues);
    }
  }
}
