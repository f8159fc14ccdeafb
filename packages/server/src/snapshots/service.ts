import { createHash, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import {
  type Snapshot,
  type SnapshotSource,
  type UploadProgress,
  maxSnapshotBytes,
} from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { snapshots } from '../db/schema.js';
import { AppError } from '../errors.js';
import { type Actor, insertEvent } from '../sessions/queries.js';
import type { BlobStorage } from '../storage/blob-storage.js';
import { inspectImage } from './inspect-image.js';

type SnapshotRow = typeof snapshots.$inferSelect;

const extensions = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/** One byte range of a resumable upload, as `Content-Range: bytes start-end/total` gives it. */
export interface UploadChunk {
  start: number;
  /** Index of the last byte, inclusive. */
  end: number;
  total: number;
  bytes: Uint8Array;
}

export interface StoreInput {
  sessionId: string;
  /** Client-chosen id that makes retries idempotent; a new id is drawn when absent. */
  snapshotId?: string | undefined;
  source: SnapshotSource;
  uploader: Actor;
  bytes: Uint8Array;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    id: row.id,
    sessionId: row.sessionId,
    source: row.source,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    url: `/api/snapshots/${row.id}`,
    createdAt: row.createdAt.toISOString(),
  };
}

const chunkKeyPattern = /\/(\d{12})-(\d{12})$/;

/**
 * Snapshots: idempotent and resumable uploads checked by content, stored through `BlobStorage`,
 * each recorded as a `snapshot` session event.
 */
export class SnapshotService {
  constructor(
    private readonly db: Database,
    private readonly storage: BlobStorage,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a complete image. Returns `created: false` with the stored snapshot when this id was
   * already uploaded with the same bytes, and throws `UPLOAD_CONFLICT` when the bytes differ.
   */
  async store(input: StoreInput): Promise<{ snapshot: Snapshot; created: boolean }> {
    const id = input.snapshotId ?? randomUUID();
    const digest = sha256(input.bytes);

    const existing = await this.find(id);
    if (existing !== undefined)
      return { snapshot: this.sameUpload(existing, input.sessionId, digest), created: false };

    const image = await inspectImage(input.bytes);
    const storageKey = `snapshots/${input.sessionId}/${id}.${extensions[image.contentType]}`;
    await this.storage.put(storageKey, input.bytes);

    const now = this.clock.now();
    try {
      const row = await this.db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(snapshots)
          .values({
            id,
            sessionId: input.sessionId,
            source: input.source,
            contentType: image.contentType,
            width: image.width,
            height: image.height,
            bytes: input.bytes.byteLength,
            sha256: digest,
            storageKey,
            createdByType: input.uploader.type,
            createdById: input.uploader.id,
            createdAt: now,
          })
          .returning();
        if (inserted === undefined) throw new Error('Inserting the snapshot returned no row.');

        await insertEvent(
          tx,
          input.sessionId,
          'snapshot',
          input.uploader,
          {
            snapshotId: id,
            source: input.source,
            width: image.width,
            height: image.height,
          },
          now,
        );
        return inserted;
      });
      return { snapshot: toSnapshot(row), created: true };
    } catch (error) {
      // Two retries of one upload can race to insert; the loser returns the winner's row.
      const raced = await this.find(id);
      if (raced !== undefined)
        return { snapshot: this.sameUpload(raced, input.sessionId, digest), created: false };
      throw error;
    }
  }

  /**
   * Stores one chunk of a resumable upload. Returns the snapshot once every byte has arrived,
   * otherwise the progress, so the client sends the rest from `receivedBytes`.
   */
  async storeChunk(
    input: Omit<StoreInput, 'bytes' | 'snapshotId'> & { snapshotId: string; chunk: UploadChunk },
  ): Promise<{ snapshot: Snapshot; created: boolean } | { progress: UploadProgress }> {
    const { chunk, snapshotId } = input;
    const existing = await this.find(snapshotId);
    if (existing !== undefined) {
      if (existing.sessionId !== input.sessionId || existing.bytes !== chunk.total) {
        throw new AppError('UPLOAD_CONFLICT');
      }
      return { snapshot: toSnapshot(existing), created: false };
    }

    checkChunk(chunk);
    const prefix = `uploads/${snapshotId}/`;
    const totalKey = `${prefix}total`;
    const recordedTotal = await this.storage.get(totalKey);
    if (recordedTotal !== undefined && Number(recordedTotal.toString()) !== chunk.total) {
      throw new AppError('UPLOAD_CONFLICT', 'This upload was started with another total size.');
    }
    if (recordedTotal === undefined)
      await this.storage.put(totalKey, Buffer.from(String(chunk.total)));

    await this.checkOverlaps(prefix, chunk);
    const pad = (value: number) => String(value).padStart(12, '0');
    const chunkKey = `${prefix}${pad(chunk.start)}-${pad(chunk.end)}`;
    await this.storage.put(chunkKey, chunk.bytes);

    let assembled: Awaited<ReturnType<SnapshotService['assemble']>>;
    try {
      assembled = await this.assemble(prefix, chunk.total);
    } catch (error) {
      // A chunk that contradicts bytes already received is dropped, so the upload can go on.
      if (error instanceof AppError) await this.storage.deletePrefix(chunkKey);
      throw error;
    }
    if (assembled.bytes === undefined) {
      return {
        progress: { snapshotId, receivedBytes: assembled.received, totalBytes: chunk.total },
      };
    }

    const result = await this.store({ ...input, bytes: assembled.bytes });
    await this.storage.deletePrefix(prefix);
    return result;
  }

  /** Returns how far a resumable upload has come; a finished upload reports all its bytes. */
  async progress(sessionId: string, snapshotId: string): Promise<UploadProgress> {
    const existing = await this.find(snapshotId);
    if (existing !== undefined) {
      if (existing.sessionId !== sessionId) throw new AppError('SNAPSHOT_NOT_FOUND');
      return { snapshotId, receivedBytes: existing.bytes, totalBytes: existing.bytes };
    }

    const prefix = `uploads/${snapshotId}/`;
    const total = await this.storage.get(`${prefix}total`);
    const totalBytes = total === undefined ? null : Number(total.toString());
    const { received } = await this.assemble(prefix, totalBytes ?? Number.MAX_SAFE_INTEGER, false);
    return { snapshotId, receivedBytes: received, totalBytes };
  }

  async list(sessionId: string): Promise<Snapshot[]> {
    const rows = await this.db
      .select()
      .from(snapshots)
      .where(eq(snapshots.sessionId, sessionId))
      .orderBy(asc(snapshots.createdAt), asc(snapshots.id));
    return rows.map(toSnapshot);
  }

  /** Returns a snapshot and its bytes, or throws `SNAPSHOT_NOT_FOUND`. */
  async read(snapshotId: string, sessionId?: string) {
    const row = await this.findIn(snapshotId, sessionId);
    const bytes = await this.storage.get(row.storageKey);
    if (bytes === undefined)
      throw new Error(`Snapshot ${row.id} has no stored object at ${row.storageKey}.`);
    return { snapshot: toSnapshot(row), bytes };
  }

  /** Throws `UPLOAD_CONFLICT` when the chunk disagrees with bytes already received. */
  private async checkOverlaps(prefix: string, chunk: UploadChunk): Promise<void> {
    for (const key of await this.storage.list(prefix)) {
      const match = chunkKeyPattern.exec(key);
      if (match === null) continue;

      const start = Math.max(Number(match[1]), chunk.start);
      const end = Math.min(Number(match[2]), chunk.end);
      if (start > end) continue;

      const stored = await this.storage.get(key);
      if (stored === undefined) continue;
      const storedPart = stored.subarray(start - Number(match[1]), end - Number(match[1]) + 1);
      const newPart = Buffer.from(chunk.bytes).subarray(start - chunk.start, end - chunk.start + 1);
      if (!storedPart.equals(newPart)) {
        throw new AppError(
          'UPLOAD_CONFLICT',
          `Bytes ${start}-${end} differ from those already received.`,
        );
      }
    }
  }

  /** Returns a snapshot's metadata without reading its bytes, or throws `SNAPSHOT_NOT_FOUND`. */
  async get(snapshotId: string, sessionId?: string): Promise<Snapshot> {
    return toSnapshot(await this.findIn(snapshotId, sessionId));
  }

  private async findIn(snapshotId: string, sessionId: string | undefined): Promise<SnapshotRow> {
    const row = await this.find(snapshotId);
    if (row === undefined || (sessionId !== undefined && row.sessionId !== sessionId)) {
      throw new AppError('SNAPSHOT_NOT_FOUND');
    }
    return row;
  }

  private async find(id: string): Promise<SnapshotRow | undefined> {
    const [row] = await this.db.select().from(snapshots).where(eq(snapshots.id, id));
    return row;
  }

  private sameUpload(row: SnapshotRow, sessionId: string, digest: string): Snapshot {
    if (row.sessionId !== sessionId || row.sha256 !== digest) throw new AppError('UPLOAD_CONFLICT');
    return toSnapshot(row);
  }

  /**
   * Reads the chunks under `prefix` and returns how many bytes from the start arrived without a
   * gap, and the whole content once that reaches `total`. Overlapping chunks must agree.
   */
  private async assemble(prefix: string, total: number, withBytes = true) {
    const keys = (await this.storage.list(prefix)).filter((key) => chunkKeyPattern.test(key));
    const ranges = keys
      .map((key) => {
        const match = chunkKeyPattern.exec(key);
        return { key, start: Number(match?.[1]), end: Number(match?.[2]) };
      })
      .sort((a, b) => a.start - b.start || b.end - a.end);

    let received = 0;
    const used: typeof ranges = [];
    for (const range of ranges) {
      if (range.start > received) break;
      if (range.end + 1 > received) {
        used.push(range);
        received = range.end + 1;
      }
    }
    if (!withBytes || received < total) return { received, bytes: undefined };

    const content = Buffer.alloc(total);
    let filled = 0;
    for (const range of used) {
      const bytes = await this.storage.get(range.key);
      if (bytes === undefined) return { received: range.start, bytes: undefined };

      const overlap = filled - range.start;
      if (
        overlap > 0 &&
        !bytes.subarray(0, overlap).equals(content.subarray(range.start, filled))
      ) {
        throw new AppError(
          'UPLOAD_CONFLICT',
          'Two chunks of this upload disagree on the same bytes.',
        );
      }
      bytes.copy(content, filled, Math.max(0, overlap));
      filled = range.end + 1;
    }
    return { received, bytes: content };
  }
}

function checkChunk(chunk: UploadChunk): void {
  const valid =
    chunk.total > 0 &&
    chunk.total <= maxSnapshotBytes &&
    chunk.start >= 0 &&
    chunk.end >= chunk.start &&
    chunk.end < chunk.total &&
    chunk.bytes.byteLength === chunk.end - chunk.start + 1;
  if (!valid) {
    throw new AppError('VALIDATION_FAILED', 'The Content-Range does not match the chunk.', [
      {
        path: 'headers.content-range',
        message: `must be "bytes start-end/total" with end - start + 1 = ${chunk.bytes.byteLength} and total ≤ ${maxSnapshotBytes}`,
      },
    ]);
  }
}
