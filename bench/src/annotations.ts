import { cpus, loadavg, totalmem } from 'node:os';
import { measureAnnotationLatency } from './annotation-latency.js';
import { measureSnapshotTime } from './snapshot-time.js';
import { quantile } from './stats.js';

// Entry point of `npm run bench:annotations`: prints the latency of the agent's drawings and
// the snapshot time. Run it on an idle machine.
// `--operations N` sets the measured operations of each kind (default 200), `--snapshots N` the
// snapshots (default 10).

function integerArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${process.argv[index + 1]}`);
  }
  return value;
}

function formatSeries(label: string, samples: readonly number[]): string {
  const figures = [
    `p50 ${quantile(samples, 0.5).toFixed(1)} ms`,
    `p95 ${quantile(samples, 0.95).toFixed(1)} ms`,
    `min ${Math.min(...samples).toFixed(1)} ms`,
    `max ${Math.max(...samples).toFixed(1)} ms`,
  ];
  return `  ${label.padEnd(34)} ${figures.join(', ')}`;
}

function formatLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

async function main(): Promise<void> {
  const operations = integerArgument('--operations', 200);
  const snapshots = integerArgument('--snapshots', 10);
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(0);

  console.log(
    `Command: node --import tsx bench/src/annotations.ts ${process.argv.slice(2).join(' ')}`,
  );
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${memoryGiB} GiB, Node.js ${process.version}`,
  );
  console.log(`Load average (1, 5, 15 min) at the start: ${formatLoad()}`);

  const latency = await measureAnnotationLatency(operations);
  const { agent, customer } = latency.clocks;
  console.log(
    `\nAgent's pointer event to the customer's painted frame, ${operations} operations of each kind on loopback:`,
  );
  for (const series of latency.series) {
    console.log(formatSeries(`${series.operation}, painted frame`, series.renderedMs));
    console.log(formatSeries(`${series.operation}, DOM change`, series.domMs));
  }
  console.log(
    `  clock offsets from this process: agent ${agent.offsetMs.toFixed(2)} ± ${agent.uncertaintyMs.toFixed(2)} ms, customer ${customer.offsetMs.toFixed(2)} ± ${customer.uncertaintyMs.toFixed(2)} ms`,
  );

  const snapshot = await measureSnapshotTime(snapshots);
  console.log(
    `\n"Take snapshot" click to the thumbnail in the gallery, ${snapshots} snapshots of a 1920x1080 camera:`,
  );
  console.log(formatSeries('thumbnail added', snapshot.shownMs));
  console.log(formatSeries('thumbnail image loaded', snapshot.loadedMs));
  console.log(`  stored sizes: ${[...new Set(snapshot.storedSizes)].join(', ')}`);
  console.log(`\nLoad average (1, 5, 15 min) at the end: ${formatLoad()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
