import type { FastifyInstance } from 'fastify';
import type { Issue } from '@lensdesk/protocol';
import { AppError } from '../errors.js';

/** The issue message for a string with a NUL character, which PostgreSQL text cannot hold. */
export const nulMessage = 'must not contain the NUL character';

/** Nesting deeper than this, or more values than `maxNodes`, is not walked further. */
const maxDepth = 32;
const maxNodes = 20_000;

/**
 * Returns the path (`body.customer.name`, `query.q`, `body.items.0`) of the first string, or
 * object key, that contains a NUL character, or undefined when there is none. The walk stops at
 * `maxDepth` levels and `maxNodes` values; the schemas reject inputs that large anyway.
 */
export function findNul(value: unknown, root: string): string | undefined {
  let visited = 0;
  const walk = (current: unknown, path: string, depth: number): string | undefined => {
    visited += 1;
    if (visited > maxNodes || depth > maxDepth) return undefined;
    if (typeof current === 'string') return current.includes('\0') ? path : undefined;
    if (typeof current !== 'object' || current === null) return undefined;
    if (Buffer.isBuffer(current) || ArrayBuffer.isView(current)) return undefined;
    if (Array.isArray(current)) {
      for (const [index, item] of current.entries()) {
        const found = walk(item, `${path}.${index}`, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    for (const [key, item] of Object.entries(current)) {
      const itemPath = `${path}.${key.replaceAll('\0', '\\u0000')}`;
      if (key.includes('\0')) return itemPath;
      const found = walk(item, itemPath, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(value, root, 0);
}

/** The `VALIDATION_FAILED` error for a NUL character at `path`. */
export function nulError(path: string, message: string): AppError {
  const issues: Issue[] = [{ path, message: nulMessage }];
  return new AppError('VALIDATION_FAILED', message, issues);
}

/**
 * Rejects every request whose JSON body, query string or path parameters hold a NUL character
 * with `400 VALIDATION_FAILED`, before any schema or handler runs, so nothing is stored.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [root, value] of parts) {
      const path = findNul(value, root);
      if (path !== undefined) throw nulError(path, 'The request contains a NUL character.');
    }
  });
}
