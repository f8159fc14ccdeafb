import { buildServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { FolderInUseError } from './db/folder-lock.js';

// Entry point of `npm start`: reads the environment, opens the database, seeds the first admin
// and the default resolution codes, serves, and shuts down gracefully on SIGTERM and SIGINT.

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const server = await buildServer({ config, database });
  const log = server.app.log;

  log.info(
    { database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
    'database ready',
  );

  const seeded = await server.auth.seedFirstAdmin(config.adminEmail, config.adminPassword);
  const seededCodes = await server.resolutionCodes.seedDefaults();
  if (seededCodes > 0) log.info(`First start: added ${seededCodes} default resolution codes`);
  await server.app.listen({ port: config.port, host: config.host });
  log.info(`Lensdesk console: ${config.publicUrl}/console`);

  // Loading the recognizer's model takes a second or more; doing it now keeps the first read fast.
  server.ocrEngine.warmUp().then(
    () => log.info('serial reader ready'),
    (error: unknown) => log.error({ err: error }, 'serial reader failed to start'),
  );

  if (seeded?.generatedPassword !== undefined) {
    // Shown once: the hash is all that is stored.
    log.warn(
      `First start: created admin ${seeded.email} with password ${seeded.generatedPassword} (shown only now; set LENSDESK_ADMIN_EMAIL and LENSDESK_ADMIN_PASSWORD to choose them)`,
    );
  } else if (seeded !== undefined) {
    log.info(
      `First start: created admin ${seeded.email} with the password from LENSDESK_ADMIN_PASSWORD`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');

    const forceExit = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    forceExit.unref();

    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof FolderInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Lensdesk failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
