import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import type { CallbackRequest } from '@lensdesk/protocol';
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
import { registerFactsHook } from './kpi/facts-store.js';
import { kpiRoutes } from './kpi/routes.js';
import { KpiService } from './kpi/service.js';
import { registerErrorHandling } from './http/error-handler.js';
import { serializeError } from './http/loggable-error.js';
import { registerNulGuard } from './http/nul-guard.js';
import { CallbackService } from './entry/callbacks.js';
import { callbackRoutes } from './entry/callback-routes.js';
import { entryRoutes } from './entry/routes.js';
import { EntryService } from './entry/service.js';
import { presenceRoutes } from './presence/routes.js';
import { PresenceService } from './presence/service.js';
import { QueueNotifier } from './queue/notifier.js';
import { queueRoutes } from './queue/routes.js';
import { Router } from './queue/routing.js';
import { QueueService } from './queue/service.js';
import { QueueSweeper } from './queue/sweeper.js';
import { QueueView } from './queue/view.js';
import { attachSignaling, roomOf, type SignalingServer } from './realtime/signaling.js';
import { SessionSweeper } from './realtime/sweeper.js';
import { customerRoutes } from './sessions/customer-routes.js';
import { sessionRoutes } from './sessions/routes.js';
import { SessionService } from './sessions/service.js';
import { LiveToolsService } from './live-tools/service.js';
import { Metrics } from './metrics/metrics.js';
import { metricsRoutes } from './metrics/routes.js';
import { createMailer } from './notifications/mailer.js';
import { notificationRoutes } from './notifications/routes.js';
import { NotificationService } from './notifications/service.js';
import { createSmsSender } from './notifications/sms.js';
import { createOcrEngine, type OcrEngine } from './ocr/engine.js';
import { readRoutes } from './ocr/routes.js';
import { productLineRoutes } from './product-lines/routes.js';
import { ProductLineService } from './product-lines/service.js';
import { userRoutes } from './users/routes.js';
import { UserAdminService } from './users/service.js';
import { widgetRoutes } from './widget/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { SettingsService } from './settings/service.js';
import { snapshotRoutes } from './snapshots/routes.js';
import { SnapshotService } from './snapshots/service.js';
import { type BlobStorage, LocalBlobStorage } from './storage/blob-storage.js';
import { surveyRoutes } from './surveys/routes.js';
import { SurveyService } from './surveys/service.js';
import { SurveySweeper } from './surveys/sweeper.js';
import { defaultWebDistDir, registerPages } from './web/pages.js';
import { resolutionCodeRoutes } from './wrap-up/routes.js';
import { ResolutionCodeService } from './wrap-up/service.js';

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
  /** Run-time settings that admins change: survey questions, wrap-up limit and others. */
  settings: SettingsService;
  resolutionCodes: ResolutionCodeService;
  surveys: SurveyService;
  /** Sends the links of unanswered surveys by e-mail, once a minute. */
  surveySweeper: SurveySweeper;
  /** E-mail and SMS to customers; other domains send mail through `notifications.sendMail`. */
  notifications: NotificationService;
  /** Agents' availability. */
  presence: PresenceService;
  /** The customer queue: availability choices, accept, decline, leave. */
  queue: QueueService;
  /** Reads the queue for consoles, customers and the metrics. */
  queueView: QueueView;
  /** Makes offers; every queue change runs through its transactions. */
  router: Router;
  /** Offer timeouts, presence timeouts, wrap-up limits and disconnected customers, every second. */
  queueSweeper: QueueSweeper;
  callbacks: CallbackService;
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
  /** Pino options or `false` to silence logs in tests; `stream` receives the JSON log lines. */
  logger?: boolean | { level: string; stream?: DestinationStream };
}

/** Redacts the capability tokens of customer and survey links from logged URLs. */
function redactUrl(url: string): string {
  return url
    .replace(/^\/s\/[^/?#]+/, '/s/[token]')
    .replace(/^\/(survey|api\/surveys)\/[^/?#]+/, '/$1/[token]');
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
            ...(typeof options.logger === 'object' && options.logger.stream !== undefined
              ? { stream: options.logger.stream }
              : {}),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: {
              // A failed query's error carries its parameters: link tokens, e-mails, hashes.
              err: serializeError,
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
    customersWaiting: () => queueView.countWaiting(),
    socketConnections: () => io.engine.clientsCount,
  });
  registerErrorHandling(app, metrics);
  registerNulGuard(app);

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
  const settings = new SettingsService(database.db, clock);
  const queueLog = app.log.child({ module: 'queue' });
  const presence = new PresenceService(database.db, clock, { timeoutMs: config.presenceTimeoutMs });
  const queueView: QueueView = new QueueView(
    database.db,
    clock,
    settings,
    presence,
    (): Promise<CallbackRequest[]> => callbacks.list({ status: 'open', limit: 200 }),
  );
  const notifier = new QueueNotifier(queueView, presence, queueLog);
  const router = new Router(database.db, clock, settings, presence, notifier, queueLog);
  const queue = new QueueService(clock, router, presence, settings, queueLog);
  registerFactsHook();
  const kpis = new KpiService(database.db, {
    fcrWindowDays: () => settings.get('fcrWindowDays'),
  });
  const resolutionCodes = new ResolutionCodeService(database.db);
  const sessions = new SessionService(database.db, clock, {
    publicUrl: config.publicUrl,
    inviteTtlMs: config.inviteTtlMs,
    onCallEnded: (db, sessionId, endedAt) => surveys.createForSession(db, sessionId, endedAt),
    surveyOf: (sessionId) => surveys.ofSession(sessionId),
    shortCodeTtlMs: config.shortCodeTtlMs,
    lifecycle: queue,
  });
  const productLines = new ProductLineService(database.db, { publicUrl: config.publicUrl, clock });
  const callbacks = new CallbackService(
    database.db,
    clock,
    sessions,
    queue,
    notifier,
    queueLog,
    productLines,
  );
  const entry = new EntryService(productLines, clock, sessions, queue, queueLog, {
    companyName: config.companyName,
    linkTtlMs: config.inviteTtlMs,
  });
  const storage = options.storage ?? new LocalBlobStorage(path.join(config.dataDir, 'files'));
  const snapshots = new SnapshotService(database.db, storage, clock);
  const userAdmin = new UserAdminService(database.db);
  const ocrEngine =
    options.ocrEngine ??
    // Fastify's logger is a pino logger; its declared type is only the narrower base interface.
    createOcrEngine({
      logger: app.log.child({ module: 'ocr' }) as unknown as Logger,
      timeoutMs: config.ocrTimeoutMs,
      ...(config.ocrWorkers > 0 ? { workers: config.ocrWorkers } : {}),
    });
  const liveTools = new LiveToolsService(database.db, snapshots, clock, config.annotationFadeMs);
  const mailer = createMailer(config);
  const smsSender = createSmsSender(config);
  const notifications = new NotificationService({
    db: database.db,
    clock,
    sessions,
    companyName: config.companyName,
    mailer,
    sms: smsSender,
  });
  app.log.info(
    {
      email: mailer?.description ?? 'not configured',
      sms: smsSender?.description ?? 'not configured',
    },
    'notification channels',
  );
  const surveys = new SurveyService(database.db, clock, settings, {
    publicUrl: config.publicUrl,
    companyName: config.companyName,
    mailer,
    log: app.log.child({ module: 'surveys' }),
  });
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
    consoles: {
      presence,
      view: queueView,
      customerConnected: (sessionId) => notifier.resendPosition(sessionId),
    },
  });
  notifier.attach(io, (sessionId) => calls.broadcast(sessionId));

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
    queueView: (sessionId) => queueView.customerView(sessionId),
  });
  await app.register(entryRoutes, {
    prefix: '/api',
    entry,
    callbacks,
    queue,
    sessions,
    entryRateLimitPerMinute: config.entryRateLimitPerMinute,
  });
  await app.register(presenceRoutes, { prefix: '/api/presence', presence, queue });
  await app.register(queueRoutes, { prefix: '/api/queue', queue, view: queueView });
  await app.register(callbackRoutes, { prefix: '/api/callbacks', callbacks });
  await app.register(metricsRoutes, { metrics, token: config.metricsToken });
  await app.register(notificationRoutes, { prefix: '/api', notifications });
  await app.register(productLineRoutes, { prefix: '/api/product-lines', productLines, clock });
  await app.register(userRoutes, { prefix: '/api', users: userAdmin });
  await app.register(settingsRoutes, { prefix: '/api/settings', settings });
  await app.register(resolutionCodeRoutes, {
    prefix: '/api/resolution-codes',
    resolutionCodes,
  });
  await app.register(surveyRoutes, { prefix: '/api', surveys });
  await app.register(kpiRoutes, { prefix: '/api', kpis });
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
  const queueSweeper = new QueueSweeper({
    db: database.db,
    io,
    clock,
    queue,
    router,
    presence,
    notifier,
    sessions,
    log: queueLog,
  });
  queueSweeper.start();
  const surveySweeper = new SurveySweeper(surveys, app.log.child({ module: 'surveys' }));
  surveySweeper.start();

  await app.register(widgetRoutes, { webDistDir: config.webDistDir ?? defaultWebDistDir });
  await registerPages(app, config.webDistDir ?? defaultWebDistDir);

  const close = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    sweeper.stop();
    queueSweeper.stop();
    notifier.stop();
    surveySweeper.stop();

    io.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      void io.close(() => resolve());
    });
    await app.close();
    await ocrEngine.close();
    await database.close();
  };

  return {
    app,
    io,
    auth,
    sessions,
    snapshots,
    sweeper,
    ocrEngine,
    liveTools,
    metrics,
    settings,
    resolutionCodes,
    surveys,
    surveySweeper,
    notifications,
    presence,
    queue,
    queueView,
    router,
    queueSweeper,
    callbacks,
    close,
  };
}
