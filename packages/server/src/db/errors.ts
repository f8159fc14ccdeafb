/** SQLSTATE of a unique constraint violation in PostgreSQL and PGlite. */
const uniqueViolation = '23505';

/**
 * Returns true when `error` is a unique constraint violation, optionally of the named constraint.
 * Drizzle wraps driver errors, so the SQLSTATE is looked for on the error and on its cause.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, constraint: violated } = current as { code?: unknown; constraint?: unknown };
    if (code === uniqueViolation) return constraint === undefined || violated === constraint;
  }
  return false;
}
