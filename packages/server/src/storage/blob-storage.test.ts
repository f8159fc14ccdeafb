import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStorage } from './blob-storage.js';

describe('LocalBlobStorage', () => {
  let root: string;
  let storage: LocalBlobStorage;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lensdesk-blobs-'));
    storage = new LocalBlobStorage(root);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores, lists and deletes objects', async () => {
    await storage.put('uploads/a1/000-009', Buffer.from('0123456789'));
    await storage.put('uploads/a1/010-019', Buffer.from('abcdefghij'));
    await storage.put('uploads/a1/total', Buffer.from('20'));

    expect((await storage.get('uploads/a1/010-019'))?.toString()).toBe('abcdefghij');
    expect(await storage.list('uploads/a1/0')).toEqual([
      'uploads/a1/000-009',
      'uploads/a1/010-019',
    ]);
    expect(await storage.get('uploads/a1/missing')).toBeUndefined();

    await storage.deletePrefix('uploads/a1/');
    expect(await storage.list('uploads/a1/')).toEqual([]);
  });

  it('rejects keys that leave the folder', async () => {
    await expect(storage.put('../escape', Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
    await expect(storage.get('a/../../b')).rejects.toThrow(/Invalid storage key/);
    await expect(storage.put('/absolute', Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
  });
});
