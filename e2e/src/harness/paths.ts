import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const harnessDir = dirname(fileURLToPath(import.meta.url));

/** Root of the repository. */
export const repoRoot = resolve(harnessDir, '../../..');

/** Folder for browser profiles and server data of test runs; git-ignored. */
export const scratchRoot = resolve(repoRoot, 'e2e/.scratch');
