import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorResponseSchema,
  readResultSchema,
  readSnapshotBodySchema,
  sessionParamsSchema,
} from '@lensdesk/protocol';
import { requireRole, staffRoles } from '../auth/guard.js';
import type { ProductLineService } from '../product-lines/service.js';
import type { SessionService } from '../sessions/service.js';
import type { SnapshotService } from '../snapshots/service.js';
import type { Metrics } from '../metrics/metrics.js';
import type { OcrEngine } from './engine.js';

export interface ReadRoutesOptions {
  engine: OcrEngine;
  metrics: Metrics;
  sessions: SessionService;
  snapshots: SnapshotService;
  productLines: ProductLineService;
}

/** Reading serial numbers, text and barcodes off snapshots, under `/api/snapshots`. */
export const readRoutes: FastifyPluginAsyncZod<ReadRoutesOptions> = async (app, options) => {
  app.post(
    '/:id/read',
    {
      schema: {
        tags: ['snapshots'],
        summary: 'Read serial numbers, text and barcodes in a region of a snapshot',
        description:
          'The region is in normalized coordinates (0..1) of the snapshot; without it the whole snapshot is read, as a scan. Candidates that fit the product line’s serial pattern rank first. Returns NOT_READY (503) while every reader is busy.',
        params: sessionParamsSchema,
        body: readSnapshotBodySchema.default({}),
        response: {
          200: readResultSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const user = requireRole(request, staffRoles);
      const { snapshot, bytes } = await options.snapshots.read(request.params.id);
      const session = await options.sessions.get(snapshot.sessionId);
      const patterns = await options.productLines.patternsOf(
        request.body.productLineId ?? session.productLineId,
      );

      const result = await options.engine.read({
        image: new Uint8Array(bytes),
        ...(request.body.region === undefined ? {} : { region: request.body.region }),
        patterns,
      });

      options.metrics.ocrReadDuration.observe(result.durationMs / 1000);
      const readId = randomUUID();
      const top = result.serialCandidates[0];
      await options.sessions.recordEvent(
        snapshot.sessionId,
        'ocr',
        { type: 'agent', id: user.id },
        {
          readId,
          snapshotId: snapshot.id,
          region: request.body.region ?? null,
          topCandidate: top?.value ?? null,
          confidence: top?.confidence ?? null,
          barcodes: result.barcodes.length,
          durationMs: result.durationMs,
        },
      );
      request.log.info(
        { sessionId: snapshot.sessionId, snapshotId: snapshot.id, durationMs: result.durationMs },
        'snapshot read',
      );
      return { readId, ...result };
    },
  );
};
