import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureCallSetup } from './call-setup.js';
import { measurePageWeight } from './page-weight.js';
import { quantile } from './stats.js';

// Entry point of `npm run bench`: prints the call-setup and page-weight figures that
// bench/README.md records. Run it on an idle machine; `npm run bench -- --calls 50` changes
// the number of calls.

const webDist = fileURLToPath(new URL('../../packages/web/dist', import.meta.url));

function callsArgument(): number {
  const index = process.argv.indexOf('--calls');
  const value = index === -1 ? 20 : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--calls must be a positive integer, got ${process.argv[index + 1]}`);
  }
  return value;
}

async function main(): Promise<void> {
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}`,
  );

  for (const page of ['customer.html', 'console.html']) {
    const weight = await measurePageWeight(webDist, page);
    console.log(
      `\n${page}: ${(weight.totalGzipBytes / 1024).toFixed(1)} KiB gzipped (JS, CSS and HTML)`,
    );
    for (const file of weight.files) {
      console.log(
        `  ${path.basename(file.file).padEnd(40)} ${(file.gzipBytes / 1024).toFixed(1)} KiB`,
      );
    }
  }

  const calls = callsArgument();
  const { samplesMs } = await measureCallSetup(calls);
  console.log(`\nStart click to the agent's first decoded frame, ${calls} calls on loopback:`);
  console.log(`  p50 ${quantile(samplesMs, 0.5).toFixed(0)} ms`);
  console.log(`  p95 ${quantile(samplesMs, 0.95).toFixed(0)} ms`);
  console.log(
    `  min ${Math.min(...samplesMs).toFixed(0)} ms, max ${Math.max(...samplesMs).toFixed(0)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
