import { readFile, rm, writeFile } from 'node:fs/promises';

/** Error for a PGlite folder that another running process has open. */
export class FolderInUseError extends Error {
  override name = 'FolderInUseError';
}

function isRunning(pid: number): boolean {
  try {
    // Signal 0 checks that the process exists without affecting it.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file `file` for this process, so two processes never open the same PGlite
 * folder: PGlite has no locking of its own, and a second writer corrupts the database. A lock
 * left by a process that no longer runs is taken over. Returns the function that releases it.
 */
export async function lockFolder(file: string, folder: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
      throw new FolderInUseError(
        `The PGlite database in ${folder} is in use by process ${owner}, such as a running ` +
          'Lensdesk server. Stop that process first, or set DATABASE_URL to a PostgreSQL ' +
          `server, which several processes can share. If no such process uses the folder, delete ${file}.`,
      );
    }
    await rm(file, { force: true });
  }
  throw new FolderInUseError(`Could not take the lock file ${file}; try again.`);
}
