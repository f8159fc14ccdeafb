import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { registerAuthentication } from './auth/guard.js';
import { authRoutes } from './auth/routes.js';
import { AuthService } from './auth/service.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type DatabaseHandle, pingDatabase } from './db/client.js';
import { healthRoutes } from './health/routes.js';
import { registerErrorHandling } from './http/error-handler.js';
import {
  attachSignaling,
  countWaitingCustomers,
  roomOf,
  type SignalingServer,
} from './realtime/signaling.js';
import { SessionSweeper } from './realtime/sweeper.js';
import { customerRoutes } from './sessions/customer-routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { SessionService } from './sessions/service.js';
import { LiveToolsService } from './live-tools/service.js';
import { Metrics } from './metrics/metrics.js';
import { metricsRoutes } from './metrics/routes.js';
import { createOcrEngine, type OcrEngine } from './ocr/engine.js';
import { readRoutes } from './ocr/routes.js';
import { productLineRoutes } from './product-lines/routes.js';
import { ProductLineService } from './product-lines/service.js';
import { snapshotRoutes } from './snapshots/routes.js';
import { SnapshotService } from './snapshots/service.js';
import { type BlobStorage, LocalBlobStorage } from './storage/blob-storage.js';
import { defaultWebDistDir, registerPages } from './web/pages.js';

export { loadConfig, ConfigError, type Config } from './config.js';
export { openDatabase, openPglite, type Database, type DatabaseHandle } from './db/client.js';
export { AuthService } from './auth/service.js';
export { SessionService } from './sessions/service.js';
export type { Clock } from './clock.js';

/** A built Lensdesk server: the Fastify app, its signaling and its services. */
export interface LensdeskServer {
  app: FastifyInstance;
  io: SignalingServer;
  auth: AuthService;
  sessions: SessionService;
  snapshots: SnapshotService;
  sweeper: SessionSweeper;
  ocrEngine: OcrEngine;
  liveTools: LiveToolsService;
  metrics: Metrics;
  /** Stops accepting work, closes sockets and HTTP, then the database. */
  close(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  /** Reader of serials and barcodes; defaults to a worker pool that starts on the first read. */
  ocrEngine?: OcrEngine;
  /** Blob storage for snapshots; defaults to the folder `<DATA_DIR>/files`. */
  storage?: BlobStorage;
  /** Pino options or `false` to silence logs in tests. */
  logger?: boolean | { level: string };
}

/** Redacts the capability token of customer links (`/s/<token>`) from logged URLs. */
function redactUrl(url: string): string {
  return url.replace(/^\/s\/[^/?#]+/, '/s/[token]');
}

/** Builds the whole server around an open database. Call `app.listen()` to serve it. */
export async function buildServer(options: BuildOptions): Promise<LensdeskServer> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  let shuttingDown = false;

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: typeof options.logger === 'object' ? options.logger.level : config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: {
              req: (request: { method: string; url: string; id: string; ip?: string }) => ({
                method: request.method,
                url: redactUrl(request.url),
                id: request.id,
                remoteAddress: request.ip,
              }),
            },
          },
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    // Customer links carry a 43-character token; longer path segments still reach the page.
    routerOptions: { maxParamLength: 1000 },
  }).withTypeProvider();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const metrics = new Metrics({
    callsInProgress: () => sessions.countWithStatus('active'),
    customersWaiting: () => countWaitingCustomers(io),
    socketConnections: () => io.engine.clientsCount,
  });
  registerErrorHandling(app, metrics);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // API responses depend on cookies and bearer tokens that the URL does not show. Browsers cache
    // some error statuses (such as 410) by URL alone, so one ended link would shadow the next.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    // Customer links carry their token in the path, so browsers must not send it as a referrer.
    reply.header('referrer-policy', 'no-referrer');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Lensdesk API',
        description: 'Video-first customer support: sessions, sign-in and the customer link.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'lensdesk_session' },
          customerLink: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const auth = new AuthService(database.db, clock, config.authSessionTtlMs);
  const sessions = new SessionService(database.db, clock, {
    publicUrl: config.publicUrl,
    inviteTtlMs: config.inviteTtlMs,
  });
  const storage = options.storage ?? new LocalBlobStorage(path.join(config.dataDir, 'files'));
  const snapshots = new SnapshotService(database.db, storage, clock);
  const productLines = new ProductLineService(database.db);
  const ocrEngine =
    options.ocrEngine ??
    // Fastify's logger is a pino logger; its declared type is only the narrower base interface.
    createOcrEngine({
      logger: app.log.child({ module: 'ocr' }) as unknown as Logger,
      timeoutMs: config.ocrTimeoutMs,
      ...(config.ocrWorkers > 0 ? { workers: config.ocrWorkers } : {}),
    });
  const liveTools = new LiveToolsService(database.db, snapshots, clock, config.annotationFadeMs);
  registerAuthentication(app, auth);

  const signalingLog = app.log.child({ module: 'signaling' });
  const { io, calls } = attachSignaling(app.server, {
    config,
    sessions,
    snapshots,
    liveTools,
    metrics,
    auth,
    clock,
    log: signalingLog,
  });

  await app.register(healthRoutes, {
    checkDatabase: () => pingDatabase(database.db),
    isShuttingDown: () => shuttingDown,
  });
  await app.register(authRoutes, {
    prefix: '/api/auth',
    auth,
    secureCookies: config.publicUrl.startsWith('https://'),
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  });
  await app.register(sessionRoutes, {
    prefix: '/api/sessions',
    sessions,
    onChanged: (sessionId) => void calls.broadcast(sessionId),
  });
  await app.register(customerRoutes, {
    prefix: '/api/customer',
    sessions,
    companyName: config.companyName,
  });
  await app.register(metricsRoutes, { metrics, token: config.metricsToken });
  await app.register(productLineRoutes, { prefix: '/api/product-lines', productLines });
  await app.register(readRoutes, {
    prefix: '/api/snapshots',
    engine: ocrEngine,
    metrics,
    sessions,
    snapshots,
    productLines,
  });
  await app.register(snapshotRoutes, {
    prefix: '/api',
    sessions,
    snapshots,
    annotations: (sessionId, snapshotId) => liveTools.annotations(sessionId, snapshotId),
    onStored: (snapshot) => io.to(roomOf(snapshot.sessionId)).emit('snapshot:added', snapshot),
  });
  const sweeper = new SessionSweeper(
    sessions,
    calls,
    clock,
    config.callIdleTimeoutMs,
    signalingLog,
  );
  sweeper.start();

  await registerPages(app, config.webDistDir ?? defaultWebDistDir);

  const close = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    sweeper.stop();

    io.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      void io.close(() => resolve());
    });
    await app.close();
    await ocrEngine.close();
    await database.close();
  };

  return { app, io, auth, sessions, snapshots, sweeper, ocrEngine, liveTools, metrics, close };
}
