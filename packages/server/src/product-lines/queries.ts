import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { productLines } from '../db/schema.js';

export type ProductLineRow = typeof productLines.$inferSelect;
export type NewProductLineRow = typeof productLines.$inferInsert;

export async function findProductLineById(db: Database, id: string) {
  const [row] = await db.select().from(productLines).where(eq(productLines.id, id));
  return row;
}

export async function findProductLineBySlug(db: Database, slug: string) {
  const [row] = await db.select().from(productLines).where(eq(productLines.slug, slug));
  return row;
}

export function listProductLineRows(db: Database): Promise<ProductLineRow[]> {
  return db.select().from(productLines).orderBy(asc(productLines.name), asc(productLines.slug));
}

/** Inserts a product line; returns undefined when its slug is already taken. */
export async function insertProductLine(db: Database, values: NewProductLineRow) {
  const [row] = await db.insert(productLines).values(values).onConflictDoNothing().returning();
  return row;
}

/** Updates a product line; returns undefined when no row has this id. */
export async function updateProductLineRow(
  db: Database,
  id: string,
  values: Partial<NewProductLineRow>,
) {
  const [row] = await db
    .update(productLines)
    .set(values)
    .where(eq(productLines.id, id))
    .returning();
  return row;
}
