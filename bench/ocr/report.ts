import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

/** Figures measured by `run.ts`. */
export interface Report {
  seed: number;
  workers: number;
  warmUpMs: number;
  labels: number;
  correct: number;
  p50Ms: number;
  p95Ms: number;
  perCondition: { condition: string; count: number; correct: number; p50Ms: number }[];
  barcodes: number;
  barcodesCorrect: number;
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number; reads: number };
  /** /proc/loadavg at the start and the end of the run: other work on the machine skews times. */
  loadAverage: { start: string; end: string };
  /** Network interfaces other than loopback during the run; none proves that nothing was fetched. */
  networkInterfaces: string[];
  misses: { id: string; condition: string; expected: string; read: string | undefined }[];
}

const readmePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
const heading = '## Serial reading (OCR)';

/** Description of each condition, for the table in the README. */
const conditionNotes: Record<string, string> = {
  clean: 'cap height 16–36 px, rotation within ±2°',
  small: 'cap height 12–15.5 px',
  rotated: 'rotation 5–12° either way',
  perspective: 'corners pulled in by 8–16 % of the side',
  blur: 'Gaussian blur, σ = 7–11 % of the cap height',
  noise: 'Gaussian sensor noise, σ = 14–24 grey levels',
  glare: '1–2 white glare spots at 70–90 % opacity over the label',
  'low-contrast': 'ink 45–70 grey levels from the paper',
  inverted: 'light text on a dark label',
  jpeg: 'JPEG quality 12–30',
  video: '1280×720 frame through H.264 (libx264, 400/700/1000 kbit/s) and back; cap 16–28 px',
};

/** Returns the 1, 5 and 15 minute load averages, or 'unknown' off Linux. */
export function loadAverage(): string {
  if (!existsSync('/proc/loadavg')) return 'unknown';
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');
}

function machine(): string {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  let cores = String(availableParallelism());
  try {
    cores = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // nproc is missing on some systems; availableParallelism() gives the same figure on Linux.
  }
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${cores} cores (\`nproc\`), ${model}, ${memory} GiB RAM, Node.js ${process.version}`;
}

function percent(correct: number, total: number): string {
  return total === 0 ? '–' : `${((100 * correct) / total).toFixed(1)} %`;
}

/** Renders the README section for a report. */
export function renderSection(report: Report): string {
  const rows = report.perCondition.map(
    (row) =>
      `| ${row.condition} | ${conditionNotes[row.condition] ?? ''} | ${row.correct}/${row.count} | ${percent(row.correct, row.count)} | ${row.p50Ms} |`,
  );
  return [
    heading,
    '',
    "Reads the serial from a region of a label image with the server's OCR engine",
    '(`packages/server/src/ocr`), as an agent does after dragging a box over a label. The',
    `evaluation set is generated from seed ${report.seed} by \`bench/ocr/generate.ts\` (no downloads):`,
    `${report.labels} label photos and video frames with a serial among other lines (brand, model, rating,`,
    "origin), in nine fonts from Debian's `fonts-dejavu-core`, `fonts-liberation2` and `fonts-freefont-ttf`.",
    "Every read gets the label's serial pattern, as a product line would supply it. A read counts",
    'as correct when the top serial candidate equals the serial exactly.',
    '',
    `- Command: \`npm run bench:ocr\` (generates the set into \`bench/.scratch/ocr-set/\` on first use).`,
    `- Machine: ${machine()}.`,
    `- Engine: ${report.workers} worker thread(s); warm-up (loading models) ${report.warmUpMs} ms.`,
    `- Load average (1, 5, 15 min) at the start: ${report.loadAverage.start}; at the end: ${report.loadAverage.end}.`,
    `- Network: ${report.networkInterfaces.length === 0 ? 'off (loopback only, e.g. under `unshare -n`), so nothing was downloaded' : `on (${report.networkInterfaces.join(', ')})`}.`,
    '- Fonts for the set: `apt-get install -y fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf`.',
    '',
    '| measure | result | target |',
    '| --- | --- | --- |',
    `| exact match of the top serial candidate | ${report.correct}/${report.labels} = ${percent(report.correct, report.labels)} | ≥ 97 % |`,
    `| time per read, p50 | ${report.p50Ms} ms | < 400 ms |`,
    `| time per read, p95 | ${report.p95Ms} ms | |`,
    `| event-loop delay p99 while 4 reads run (${report.eventLoop.reads} reads; p50 ${report.eventLoop.p50Ms} ms, max ${report.eventLoop.maxMs} ms) | ${report.eventLoop.p99Ms} ms | < 50 ms |`,
    `| barcodes and 2D codes decoded (Code 128, Code 39, EAN-13, UPC-A, QR, Data Matrix) | ${report.barcodesCorrect}/${report.barcodes} = ${percent(report.barcodesCorrect, report.barcodes)} | |`,
    '',
    'Times are measured one read at a time, from the call to the result, on warm workers. Serial',
    'formats whose positions allow both letters and digits leave out I, O and Q there (as VINs do),',
    'except the hexadecimal one: where a format allows both O and 0, only the glyph can tell them',
    'apart. Results are in `bench/.scratch/ocr-set/results.json`.',
    '',
    '| condition | what it applies | correct | accuracy | p50 ms |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...renderMisses(report.misses),
  ].join('\n');
}

function renderMisses(misses: Report['misses']): string[] {
  if (misses.length === 0) return [];
  return [
    'Reads whose top candidate was wrong:',
    '',
    '| label | condition | serial | top candidate |',
    '| --- | --- | --- | --- |',
    ...misses.map(
      (m) =>
        `| ${m.id} | ${m.condition} | \`${m.expected}\` | ${m.read === undefined ? 'none' : `\`${m.read}\``} |`,
    ),
    '',
  ];
}

/**
 * Replaces this benchmark's section of bench/README.md (from its heading to the next `## `
 * heading), or appends it, and formats the file with Prettier. Other sections keep their text.
 */
export async function writeReadmeSection(report: Report): Promise<string> {
  const section = renderSection(report);
  const current = existsSync(readmePath) ? await readFile(readmePath, 'utf8') : '# Benchmarks\n';

  const start = current.indexOf(`${heading}\n`);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    const rest = after < 0 ? '' : current.slice(after + 1);
    next = `${current.slice(0, start)}${section}${rest === '' ? '' : `\n${rest}`}`;
  }
  // The repository's lint runs `prettier --check`, which aligns Markdown tables.
  const options = (await prettier.resolveConfig(readmePath)) ?? {};
  await writeFile(readmePath, await prettier.format(next, { ...options, filepath: readmePath }));
  return section;
}
