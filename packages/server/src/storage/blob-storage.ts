import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Store of binary objects (snapshots, upload chunks) by key. Keys are relative paths of
 * lower-case letters, digits, `-`, `_`, `.` and `/`. The local folder is the embedded default;
 * an S3-compatible store can implement the same four operations.
 */
export interface BlobStorage {
  put(key: string, data: Uint8Array): Promise<void>;
  /** Returns the object's bytes, or undefined when no object has this key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Returns the keys that start with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes every object whose key starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
}

const keyPattern = /^[a-z0-9_][a-z0-9_.-]*(\/[a-z0-9_][a-z0-9_.-]*)*\/?$/;

function checkKey(key: string): string {
  if (!keyPattern.test(key) || key.split('/').includes('..')) {
    throw new Error(
      `Invalid storage key "${key}": use lower-case letters, digits, "-", "_", "." and "/".`,
    );
  }
  return key;
}

/** Blob storage in a local folder. Writes go to a temporary file first, so readers never see half an object. */
export class LocalBlobStorage implements BlobStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });

    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, target);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const folder = prefix.endsWith('/') ? prefix : prefix.slice(0, prefix.lastIndexOf('/') + 1);
    let names: string[];
    try {
      names = await readdir(folder === '' ? this.root : this.pathOf(folder));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => !name.endsWith('.tmp'))
      .map((name) => `${folder}${name}`)
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    if (prefix.endsWith('/')) {
      await rm(this.pathOf(prefix), { recursive: true, force: true });
      return;
    }
    for (const key of await this.list(prefix)) await rm(this.pathOf(key), { force: true });
  }
}
