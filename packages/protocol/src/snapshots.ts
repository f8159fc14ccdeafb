import { z } from 'zod';

/** Largest snapshot upload, in bytes: a 48-megapixel JPEG from a phone stays below it. */
export const maxSnapshotBytes = 25 * 1024 * 1024;

/** Largest snapshot, in decoded pixels (width × height). */
export const maxSnapshotPixels = 50_000_000;

/** Image types accepted for snapshots, recognised by their content, not their name. */
export const snapshotContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type SnapshotContentType = (typeof snapshotContentTypes)[number];

/**
 * Origin of a snapshot: a still the agent requested from the customer's camera, a frozen frame,
 * or a photo the customer chose on the page.
 */
export const snapshotSourceSchema = z.enum(['agent_request', 'freeze', 'customer_photo']);
export type SnapshotSource = z.infer<typeof snapshotSourceSchema>;

/** A stored snapshot. `width` and `height` are after the EXIF orientation is applied. */
export const snapshotSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  source: snapshotSourceSchema,
  contentType: z.enum(snapshotContentTypes),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** Path of the image, relative to the server; it needs the same credentials as the upload. */
  url: z.string(),
  createdAt: z.iso.datetime(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/** Query of snapshot uploads. */
export const snapshotUploadQuerySchema = z.object({
  source: snapshotSourceSchema.default('agent_request'),
});

/** Path parameters of `PUT /api/sessions/:id/snapshots/:snapshotId`, the resumable upload. */
export const snapshotUploadParamsSchema = z.object({
  id: z.uuid(),
  snapshotId: z.uuid(),
});

/** Progress of a resumable upload that is not complete yet. */
export const uploadProgressSchema = z.object({
  snapshotId: z.string(),
  /** Bytes received from the start without a gap; the client resumes from here. */
  receivedBytes: z.number().int().min(0),
  totalBytes: z.number().int().positive().nullable(),
});
export type UploadProgress = z.infer<typeof uploadProgressSchema>;
