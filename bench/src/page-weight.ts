import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped size of the scripts and stylesheets a built page loads, in bytes. */
export interface PageWeight {
  page: string;
  files: { file: string; gzipBytes: number }[];
  totalGzipBytes: number;
}

/**
 * Measures a built HTML page of `distDir`: every script and stylesheet it references, plus the
 * modules it preloads, each compressed with gzip at level 9 as a web server would serve it.
 */
export async function measurePageWeight(distDir: string, page: string): Promise<PageWeight> {
  const html = await readFile(path.join(distDir, page), 'utf8');
  const references = [
    ...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.(?:js|css))"/g),
  ].map((match) => match[1] ?? '');
  const unique = [...new Set(references)];

  const files = await Promise.all(
    unique.map(async (reference) => {
      const content = await readFile(path.join(distDir, reference.replace(/^\//, '')));
      return { file: reference, gzipBytes: gzipSync(content, { level: 9 }).length };
    }),
  );
  files.push({ file: page, gzipBytes: gzipSync(html, { level: 9 }).length });

  return {
    page,
    files,
    totalGzipBytes: files.reduce((sum, entry) => sum + entry.gzipBytes, 0),
  };
}
