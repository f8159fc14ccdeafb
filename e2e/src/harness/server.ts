/**
 * Runs the built Lensdesk server as a child process, as an operator would: `node
 * packages/server/dist/main.js` with the embedded PGlite database in a fresh data folder.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot, scratchRoot } from './paths.js';

const serverEntry = join(repoRoot, 'packages/server/dist/main.js');
const defaultWebDist = join(repoRoot, 'packages/web/dist');

const readyTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;

/** Characters of server output kept for error messages. */
const maxOutputChars = 20_000;

/** Admin account that the first start of each test server creates. */
export const adminAccount = {
  email: 'admin@lensdesk.test',
  password: 'correct horse battery staple',
} as const;

export interface TestServer {
  /** Origin the server listens on, such as `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** Server output (stdout and stderr) so far, trimmed to the last 20,000 characters. */
  output(): string;
  /** Sends SIGTERM and throws unless the server exits with code 0 within 10 s. */
  stop(): Promise<void>;
}

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-maxOutputChars);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit('timeout'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolveExit(code ?? signal);
    });
  });
}

async function waitForReady(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;

  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before it was ready. Output:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // The port is not open yet.
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
  }

  child.kill('SIGKILL');
  throw new Error(
    `GET ${baseUrl}/readyz did not return 200 within ${readyTimeoutMs} ms. Output:\n${output()}`,
  );
}

/** Starts the built server on a free port with a fresh data folder, and waits until it is ready. */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  // The server reads WEB_DIST_DIR from the environment it inherits, so the check looks there too.
  const webDist = extraEnv.WEB_DIST_DIR ?? process.env.WEB_DIST_DIR ?? defaultWebDist;
  const webEntry = join(webDist, 'customer.html');
  for (const entry of [serverEntry, webEntry]) {
    if (!existsSync(entry)) {
      throw new Error(`${entry} is missing. Build the project first: npm run build`);
    }
  }

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = join(scratchRoot, `server-${randomBytes(6).toString('hex')}`);
  mkdirSync(dataDir, { recursive: true });

  // DATABASE_URL and REDIS_URL are removed so that the server uses PGlite and one node in memory,
  // whatever the shell running the tests has set.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    LENSDESK_ADMIN_EMAIL: adminAccount.email,
    LENSDESK_ADMIN_PASSWORD: adminAccount.password,
    ...extraEnv,
  });

  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);

  try {
    await waitForReady(baseUrl, child, output);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    baseUrl,
    output,
    async stop() {
      child.kill('SIGTERM');
      const exit = await waitForExit(child, stopTimeoutMs);
      if (exit === 'timeout') child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });

      if (exit !== 0) {
        throw new Error(
          `The server did not exit with code 0 within ${stopTimeoutMs} ms of SIGTERM (got ${exit}). Output:\n${output()}`,
        );
      }
    },
  };
}
