import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from './errors.js';

describe('error codes', () => {
  const codes = Object.keys(errorCodes);

  it('are upper snake case', () => {
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('map to HTTP error statuses', () => {
    for (const entry of Object.values(errorCodes)) {
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
    }
  });

  it('are each documented once', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of codes) {
      const rows = doc.split('\n').filter((line) => line.startsWith(`| \`${code}\` `));
      expect(rows, code).toHaveLength(1);
    }
  });
});
