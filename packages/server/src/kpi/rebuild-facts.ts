import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { FolderInUseError } from '../db/folder-lock.js';
import { rebuildFacts } from './facts-store.js';

// Entry point of `npm run kpis:rebuild`: derives the KPI facts of every session of the configured
// database (DATABASE_URL, or the PGlite database in DATA_DIR) again from the event log.
// NOTE: a session that gets an event while its batch is being derived may keep the batch's older
// facts until its next event. Stop the server first for an exact result.

/** Writes one line of a command-line tool's output. */
function print(line: string) {
  process.stdout.write(`${line}\n`);
}

function printError(error: unknown) {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const started = Date.now();
    const count = await rebuildFacts(database.db, {
      onProgress: (done) => {
        if (done % 50_000 === 0) print(`${done} sessions…`);
      },
    });
    print(
      `Derived the facts of ${count} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  printError(error instanceof FolderInUseError ? error.message : error);
  process.exit(1);
});
