import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type AnnotationState,
  type Snapshot,
  errorResponseSchema,
  maxSnapshotBytes,
  sessionParamsSchema,
  snapshotSchema,
  snapshotUploadParamsSchema,
  snapshotUploadQuerySchema,
  uploadProgressSchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { sessionActor } from '../sessions/access.js';
import type { SessionService } from '../sessions/service.js';
import { drawAnnotations } from './annotated.js';
import type { SnapshotService } from './service.js';

export interface SnapshotRoutesOptions {
  sessions: SessionService;
  snapshots: SnapshotService;
  /** Returns the annotations drawn on a snapshot, for the annotated copy. */
  annotations: (sessionId: string, snapshotId: string) => Promise<AnnotationState>;
  /** Called for each newly stored snapshot, so the call's participants can show it. */
  onStored: (snapshot: Snapshot) => void;
}

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  410: errorResponseSchema,
  413: errorResponseSchema,
  415: errorResponseSchema,
};

const imageTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
const contentRangePattern = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/;
const uploadDescription =
  'The body is the image itself (JPEG, PNG or WebP, recognised by content; at most 25 MiB and 50 million pixels). Authenticate with the agent cookie or `Authorization: Bearer <customer link token>`.';

function requireBody(body: unknown): Buffer {
  if (body !== undefined && body !== null && !Buffer.isBuffer(body)) {
    // Fastify parsed the body as JSON or text, so the content type was not an image type.
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the image with content-type ${imageTypes.join(', ')}.`,
    );
  }
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError('IMAGE_INVALID', 'The request has no image in its body.');
  }
  return body;
}

/** Snapshot upload, gallery and download routes, under `/api`. */
export const snapshotRoutes: FastifyPluginAsyncZod<SnapshotRoutesOptions> = async (
  app,
  options,
) => {
  const { sessions, snapshots } = options;

  app.addContentTypeParser(
    imageTypes,
    { parseAs: 'buffer', bodyLimit: maxSnapshotBytes },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.post(
    '/sessions/:id/snapshots',
    {
      bodyLimit: maxSnapshotBytes,
      schema: {
        tags: ['snapshots'],
        summary: 'Upload a snapshot in one request',
        description: `${uploadDescription} An \`Idempotency-Key\` header (a UUID) becomes the snapshot id, so a retry returns the stored snapshot (200) instead of a copy.`,
        params: sessionParamsSchema,
        querystring: snapshotUploadQuerySchema,
        headers: z.object({ 'idempotency-key': z.uuid().optional() }),
        consumes: imageTypes,
        response: { 200: snapshotSchema, 201: snapshotSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await sessionActor(request, sessions, request.params.id);
      await sessions.assertCallOpen(request.params.id);

      const result = await snapshots.store({
        sessionId: request.params.id,
        snapshotId: request.headers['idempotency-key'],
        source: request.query.source,
        uploader: actor,
        bytes: requireBody(request.body),
      });
      request.log.info(
        { sessionId: request.params.id, snapshotId: result.snapshot.id, created: result.created },
        'snapshot stored',
      );
      if (result.created) options.onStored(result.snapshot);
      return reply.code(result.created ? 201 : 200).send(result.snapshot);
    },
  );

  app.put(
    '/sessions/:id/snapshots/:snapshotId',
    {
      bodyLimit: maxSnapshotBytes,
      schema: {
        tags: ['snapshots'],
        summary: 'Upload a snapshot resumably, whole or in byte ranges',
        description: `${uploadDescription} Send the whole image, or chunks with \`Content-Range: bytes start-end/total\`. Until every byte arrived the response is 202 with the bytes received without a gap; GET the same path plus \`/upload\` to resume after a failure. Repeating a finished upload returns the stored snapshot.`,
        params: snapshotUploadParamsSchema,
        querystring: snapshotUploadQuerySchema,
        headers: z.object({ 'content-range': z.string().regex(contentRangePattern).optional() }),
        consumes: imageTypes,
        response: {
          200: snapshotSchema,
          201: snapshotSchema,
          202: uploadProgressSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = await sessionActor(request, sessions, request.params.id);
      await sessions.assertCallOpen(request.params.id);
      const bytes = requireBody(request.body);
      const base = {
        sessionId: request.params.id,
        snapshotId: request.params.snapshotId,
        source: request.query.source,
        uploader: actor,
      };

      const range = contentRangePattern.exec(request.headers['content-range'] ?? '');
      const result =
        range === null
          ? await snapshots.store({ ...base, bytes })
          : await snapshots.storeChunk({
              ...base,
              chunk: {
                start: Number(range[1]),
                end: Number(range[2]),
                total: Number(range[3]),
                bytes,
              },
            });

      if ('progress' in result) return reply.code(202).send(result.progress);
      request.log.info(
        { sessionId: base.sessionId, snapshotId: result.snapshot.id, created: result.created },
        'snapshot stored',
      );
      if (result.created) options.onStored(result.snapshot);
      return reply.code(result.created ? 201 : 200).send(result.snapshot);
    },
  );

  app.get(
    '/sessions/:id/snapshots/:snapshotId/upload',
    {
      schema: {
        tags: ['snapshots'],
        summary: 'Progress of a resumable snapshot upload',
        params: snapshotUploadParamsSchema,
        response: { 200: uploadProgressSchema, ...errors },
      },
    },
    async (request) => {
      await sessionActor(request, sessions, request.params.id);
      return snapshots.progress(request.params.id, request.params.snapshotId);
    },
  );

  app.get(
    '/sessions/:id/snapshots',
    {
      schema: {
        tags: ['snapshots'],
        summary: 'The snapshots of a session, oldest first',
        params: sessionParamsSchema,
        response: { 200: z.object({ snapshots: z.array(snapshotSchema) }), ...errors },
      },
    },
    async (request) => {
      await sessionActor(request, sessions, request.params.id);
      await sessions.get(request.params.id);
      return { snapshots: await snapshots.list(request.params.id) };
    },
  );

  app.get(
    '/snapshots/:id',
    {
      schema: {
        tags: ['snapshots'],
        summary: 'The image of a snapshot, at full resolution',
        description:
          'With `annotated=true`, a JPEG copy with the annotations drawn on the snapshot is returned instead; the stored original never changes.',
        params: sessionParamsSchema,
        querystring: z.object({ annotated: z.enum(['true', 'false']).default('false') }),
        produces: ['image/jpeg', 'image/png', 'image/webp'],
      },
    },
    async (request, reply) => {
      const actor = await sessionActor(request, sessions, undefined);
      const { snapshot, bytes } = await snapshots.read(request.params.id, actor.sessionId);

      if (request.query.annotated === 'true') {
        const state = await options.annotations(snapshot.sessionId, snapshot.id);
        return reply
          .type('image/jpeg')
          .header('cache-control', 'private, no-store')
          .header(
            'content-disposition',
            `attachment; filename="snapshot-${snapshot.id}-annotated.jpg"`,
          )
          .send(await drawAnnotations(bytes, state.annotations));
      }
      return reply
        .type(snapshot.contentType)
        .header('cache-control', 'private, max-age=86400, immutable')
        .header(
          'content-disposition',
          `inline; filename="snapshot-${snapshot.id}.${snapshot.contentType.split('/')[1]}"`,
        )
        .send(bytes);
    },
  );
};
