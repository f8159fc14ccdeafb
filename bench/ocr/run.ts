// Measures serial reading on the generated evaluation set: exact-match accuracy of the top serial
// candidate (overall and per condition), time per read, barcode decoding, and the main thread's
// event-loop delay while 4 reads run. Usage: npm run bench:ocr
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type OcrEngine,
  createOcrEngine,
  defaultWorkerCount,
} from '../../packages/server/src/ocr/engine.js';
import type { BarcodeSample } from './barcode-samples.js';
import {
  type Condition,
  type LabelSample,
  conditions,
  generateEvaluationSet,
  setFolder,
} from './generate.js';
import { type Report, loadAverage, writeReadmeSection } from './report.js';

interface Manifest {
  seed: number;
  samples: LabelSample[];
  barcodes: BarcodeSample[];
}

export interface LabelOutcome {
  sample: LabelSample;
  read: string | undefined;
  correct: boolean;
  durationMs: number;
}

async function loadManifest(): Promise<Manifest> {
  const file = path.join(setFolder, 'manifest.json');
  if (!existsSync(file)) {
    console.log('No evaluation set yet; generating it.');
    await generateEvaluationSet();
  }
  return JSON.parse(await readFile(file, 'utf8')) as Manifest;
}

async function readLabels(
  engine: OcrEngine,
  samples: readonly LabelSample[],
): Promise<LabelOutcome[]> {
  const outcomes: LabelOutcome[] = [];
  for (const sample of samples) {
    const image = await readFile(path.join(setFolder, sample.file));
    const started = performance.now();
    let read: string | undefined;
    let durationMs: number;
    try {
      const result = await engine.read({
        image,
        region: sample.region,
        patterns: [sample.pattern],
      });
      read = result.serialCandidates[0]?.value;
      durationMs = result.durationMs;
    } catch (error) {
      console.log(`  error ${sample.id} (${sample.condition}): ${String(error)}`);
      durationMs = Math.round(performance.now() - started);
    }
    outcomes.push({ sample, read, correct: read === sample.serial, durationMs });
    if (read !== sample.serial) {
      console.log(
        `  miss ${sample.id} (${sample.condition}): expected ${sample.serial}, read ${read ?? 'nothing'}`,
      );
    }
  }
  return outcomes;
}

async function readBarcodes(engine: OcrEngine, samples: readonly BarcodeSample[]): Promise<number> {
  let correct = 0;
  for (const sample of samples) {
    const image = await readFile(path.join(setFolder, sample.file));
    const result = await engine.read({ image, region: sample.region, text: false });
    const found = result.barcodes.some(
      (b) => b.format === sample.format && b.value === sample.value,
    );
    if (found) correct += 1;
    else
      console.log(
        `  miss ${sample.id} (${sample.format}): read ${JSON.stringify(result.barcodes)}`,
      );
  }
  return correct;
}

/** Runs rounds of 4 concurrent reads and reports the main thread's event-loop delay meanwhile. */
async function measureEventLoop(engine: OcrEngine, samples: readonly LabelSample[]) {
  const rounds = 5;
  const images = await Promise.all(
    samples.slice(0, 4 * rounds).map((s) => readFile(path.join(setFolder, s.file))),
  );
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(
      [0, 1, 2, 3].map((k) => {
        const sample = samples[round * 4 + k] as LabelSample;
        return engine.read({
          image: images[round * 4 + k] as Buffer,
          region: sample.region,
          patterns: [sample.pattern],
        });
      }),
    );
  }
  histogram.disable();
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  return {
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    reads: rounds * 4,
  };
}

function externalInterfaces(): string[] {
  return Object.entries(networkInterfaces())
    .filter(([, addresses]) => (addresses ?? []).some((address) => !address.internal))
    .map(([name]) => name);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const manifest = await loadManifest();
  const loadAtStart = loadAverage();
  const engine = createOcrEngine();

  const warmStart = performance.now();
  await engine.warmUp();
  const warmUpMs = Math.round(performance.now() - warmStart);

  console.log(`Reading ${manifest.samples.length} labels with ${defaultWorkerCount()} worker(s)…`);
  const outcomes = await readLabels(engine, manifest.samples);
  console.log(`Reading ${manifest.barcodes.length} barcodes…`);
  const barcodesCorrect = await readBarcodes(engine, manifest.barcodes);
  console.log('Measuring the event loop while 4 reads run…');
  const eventLoop = await measureEventLoop(engine, manifest.samples);
  await engine.close();

  const durations = outcomes.map((o) => o.durationMs);
  const perCondition = conditions.map((condition: Condition) => {
    const subset = outcomes.filter((o) => o.sample.condition === condition);
    return {
      condition,
      count: subset.length,
      correct: subset.filter((o) => o.correct).length,
      p50Ms: percentile(
        subset.map((o) => o.durationMs),
        50,
      ),
    };
  });

  const report: Report = {
    seed: manifest.seed,
    workers: defaultWorkerCount(),
    warmUpMs,
    labels: outcomes.length,
    correct: outcomes.filter((o) => o.correct).length,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    perCondition,
    barcodes: manifest.barcodes.length,
    barcodesCorrect,
    eventLoop,
    loadAverage: { start: loadAtStart, end: loadAverage() },
    networkInterfaces: externalInterfaces(),
    misses: outcomes
      .filter((o) => !o.correct)
      .map((o) => ({
        id: o.sample.id,
        condition: o.sample.condition,
        expected: o.sample.serial,
        read: o.read,
      })),
  };
  await writeFile(
    path.join(setFolder, 'results.json'),
    `${JSON.stringify({ report, outcomes: outcomes.map((o) => ({ id: o.sample.id, condition: o.sample.condition, expected: o.sample.serial, read: o.read, durationMs: o.durationMs })) }, null, 2)}\n`,
  );
  const section = await writeReadmeSection(report);
  console.log(`\n${section}`);
}

await main();
