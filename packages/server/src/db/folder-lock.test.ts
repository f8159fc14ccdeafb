import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderInUseError, lockFolder } from './folder-lock.js';

describe('PGlite folder lock', () => {
  let folder: string;
  let file: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lensdesk-lock-'));
    file = path.join(folder, 'pglite.lock');
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes the process id and removes it on release', async () => {
    const release = await lockFolder(file, folder);
    expect(await readFile(file, 'utf8')).toBe(`${process.pid}\n`);

    await release();
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('rejects a folder that a running process holds', async () => {
    // The parent process (the test runner) is certainly running.
    await writeFile(file, `${process.ppid}\n`);

    await expect(lockFolder(file, folder)).rejects.toBeInstanceOf(FolderInUseError);
    expect(await readFile(file, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('takes over a lock whose process has exited', async () => {
    // Linux process ids stay below 2^22, so this one cannot be running.
    await writeFile(file, '4194305\n');

    const release = await lockFolder(file, folder);
    expect(await readFile(file, 'utf8')).toBe(`${process.pid}\n`);
    await release();
  });

  it('takes over an unreadable lock file', async () => {
    await writeFile(file, 'not a pid');

    const release = await lockFolder(file, folder);
    expect(await readFile(file, 'utf8')).toBe(`${process.pid}\n`);
    await release();
  });
});
