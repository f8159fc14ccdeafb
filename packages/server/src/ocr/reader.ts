import {
  type ScoredCandidate,
  candidatesFromBarcodes,
  candidatesFromLine,
  hasSerialLabel,
} from './candidates.js';
import { mergeCandidates } from './merge-candidates.js';
import { type FocusLine, cropLine, pickFocusLines } from './line-focus.js';
import type { GrayImage } from './image-ops.js';
import { readRegionBarcodes } from './barcodes.js';
import { type CompiledPattern, compilePatterns } from './patterns.js';
import {
  type DecodedRegion,
  type ImageVariant,
  type TextImage,
  decodeRegion,
  imageVariant,
  mapBoxToImage,
  prepareTextImage,
} from './preprocess.js';
import type { RecognizedLine, SegmentationMode, TextRecognizer } from './text-recognizer.js';
import type { NormalizedBox, ReadResult, SerialPatternSpec, TextRead } from './types.js';

/** A read request as the worker thread receives it. */
export interface RegionReadRequest {
  image: Uint8Array;
  region?: NormalizedBox;
  patterns: SerialPatternSpec[];
  text: boolean;
  barcodes: boolean;
}

export type RegionReadResult = Omit<ReadResult, 'durationMs'>;

/** Message to a worker thread: read a region, or load the models and report when ready. */
export type WorkerCommand = { kind: 'read'; request: RegionReadRequest } | { kind: 'warm-up' };

/** One recognition: which image variant, and whether the output is restricted. */
interface Attempt {
  variant: ImageVariant;
  /** Whether to restrict the output to the characters the patterns allow. */
  restricted: boolean;
}

/**
 * Re-reads of one focus line, as a single text line (PSM 7). The first {@link verificationReads}
 * always run on the best focus line: a line read alone is often right where the whole-region pass
 * misread a glyph, and agreement between passes raises the confidence.
 */
const lineAttempts: readonly Attempt[] = [
  { variant: 'gray', restricted: false },
  { variant: 'flat', restricted: false },
  { variant: 'flat', restricted: true },
  { variant: 'binary', restricted: false },
  { variant: 'gray', restricted: true },
];

const verificationReads = 2;

/** Whole-region passes tried when no line yields a confident candidate. */
const fallbackAttempts: readonly (Attempt & { mode: SegmentationMode; scaleFactor: number })[] = [
  { mode: 'block', variant: 'flat', restricted: false, scaleFactor: 1 },
  { mode: 'block', variant: 'binary', restricted: false, scaleFactor: 1 },
  { mode: 'sparse', variant: 'gray', restricted: false, scaleFactor: 1 },
  { mode: 'block', variant: 'gray', restricted: false, scaleFactor: 1.5 },
];

/** A top candidate that fits a pattern with this confidence ends the attempts early. */
const confidentWithPattern = 0.85;

/** Lead over the runner-up of the same pattern needed to stop early. */
const minLead = 0.08;

/** Without patterns, a candidate this strong (e.g. after `S/N:`, read cleanly) ends them. */
const confidentWithoutPattern = 0.4;

/** Maximum number of serial candidates returned. */
const maxCandidates = 10;

/** Reads barcodes and text in a region and ranks serial candidates. Runs in a worker thread. */
export async function readRegion(
  request: RegionReadRequest,
  recognizer: () => Promise<TextRecognizer>,
): Promise<RegionReadResult> {
  const patterns = compilePatterns(request.patterns);
  const region = await decodeRegion(request.image, request.region);

  const barcodes = request.barcodes ? await readRegionBarcodes(region) : [];
  const passes: ScoredCandidate[][] = [candidatesFromBarcodes(barcodes, patterns)];
  let text: TextRead[] = [];

  if (request.text) {
    text = await readText(region, patterns, passes, await recognizer());
  }
  return { serialCandidates: mergeCandidates(passes).slice(0, maxCandidates), text, barcodes };
}

/** State shared by the passes of one read. */
interface ReadContext {
  patterns: readonly CompiledPattern[];
  /** Candidates of each pass so far, merged to decide when to stop. */
  passes: ScoredCandidate[][];
  recognizer: TextRecognizer;
  /** Characters the patterns allow; '' when a pass cannot be restricted. */
  whitelist: string;
}

/** Lines of the whole-region pass with the highest mean confidence so far. */
interface BestLines {
  lines: TextRead[];
  confidence: number;
}

/**
 * Reads the text of a region: one pass over the whole region, closer re-reads of the lines likely
 * to hold the serial, then, unless a candidate is confident by then, other whole-region variants.
 * Candidates of every pass go to `passes`. Returns the lines of the best whole-region pass.
 */
async function readText(
  region: DecodedRegion,
  patterns: readonly CompiledPattern[],
  passes: ScoredCandidate[][],
  recognizer: TextRecognizer,
): Promise<TextRead[]> {
  const context = { patterns, passes, recognizer, whitelist: patternAlphabet(patterns) };
  const prepared = await prepareTextImage(region.crop);
  const lines = await recognizer.recognize(prepared.image, 'block');
  const perLine = lines.map((line) => candidatesFromLine(line, patterns));
  passes.push(perLine.flat());
  const best = {
    lines: lines.map((line) => toTextRead(line, prepared, region)),
    confidence: meanConfidence(lines),
  };

  const focusLines = pickFocusLines(lines, perLine, lines.map(hasSerialLabel));
  if (await rereadLines(prepared.image, focusLines, context)) return best.lines;
  return (await rereadRegion(region, prepared, context, best)).lines;
}

/** Re-reads the focus lines one by one; returns whether a candidate became confident. */
async function rereadLines(
  image: GrayImage,
  focusLines: readonly FocusLine[],
  context: ReadContext,
): Promise<boolean> {
  if (focusLines.length === 0) return isConfident(context);

  for (const [lineIndex, focus] of focusLines.entries()) {
    const crop = await cropLine(image, focus.line);
    if (crop === null) continue;

    for (const [attemptIndex, attempt] of lineAttempts.entries()) {
      if (attempt.restricted && context.whitelist === '') continue;
      const input = imageVariant(crop, attempt.variant);
      const whitelist = attempt.restricted ? context.whitelist : '';
      const reads = await context.recognizer.recognize(input, 'line', whitelist);
      const labelled = { labelled: focus.labelled };
      context.passes.push(
        reads.flatMap((line) => candidatesFromLine(line, context.patterns, labelled)),
      );

      const verifying = lineIndex === 0 && attemptIndex < verificationReads - 1;
      if (!verifying && isConfident(context)) return true;
    }
  }
  return false;
}

/** Reads the whole region in other variants until a candidate is confident. */
async function rereadRegion(
  region: DecodedRegion,
  prepared: TextImage,
  context: ReadContext,
  best: BestLines,
): Promise<BestLines> {
  for (const attempt of fallbackAttempts) {
    const image =
      attempt.scaleFactor === 1
        ? prepared
        : await prepareTextImage(region.crop, attempt.scaleFactor);
    const input = imageVariant(image.image, attempt.variant);
    const whitelist = attempt.restricted ? context.whitelist : '';
    const reads = await context.recognizer.recognize(input, attempt.mode, whitelist);
    context.passes.push(reads.flatMap((line) => candidatesFromLine(line, context.patterns)));

    const confidence = meanConfidence(reads);
    if (confidence > best.confidence) {
      best = { lines: reads.map((line) => toTextRead(line, image, region)), confidence };
    }
    if (isConfident(context)) break;
  }
  return best;
}

/**
 * Characters that the patterns allow, or '' when a pattern has no per-position classes (then any
 * character may matter and nothing is restricted).
 */
function patternAlphabet(patterns: readonly CompiledPattern[]): string {
  if (patterns.length === 0 || patterns.some((pattern) => pattern.elements === null)) return '';
  const alphabet = new Set<string>();
  for (const pattern of patterns) {
    for (const element of pattern.elements ?? [])
      element.allowed.forEach((char) => alphabet.add(char));
  }
  return [...alphabet].sort().join('');
}

/**
 * Returns whether the top candidate so far is strong enough to stop. With patterns, it must fit one
 * with {@link confidentWithPattern} and lead the next value of its pattern by {@link minLead}.
 */
function isConfident(context: ReadContext): boolean {
  const candidates = mergeCandidates(context.passes);
  const top = candidates[0];
  if (top === undefined) return false;
  if (context.patterns.length === 0) return top.confidence >= confidentWithoutPattern;
  if (top.pattern === undefined || top.confidence < confidentWithPattern) return false;

  const rival = candidates.find(
    (candidate, index) => index > 0 && candidate.pattern === top.pattern,
  );
  return rival === undefined || top.confidence - rival.confidence >= minLead;
}

function meanConfidence(lines: readonly RecognizedLine[]): number {
  if (lines.length === 0) return 0;
  return lines.reduce((sum, line) => sum + line.confidence, 0) / lines.length;
}

function toTextRead(line: RecognizedLine, image: TextImage, region: DecodedRegion): TextRead {
  return {
    value: line.text,
    confidence: Math.round(line.confidence * 1000) / 1000,
    box: mapBoxToImage(line.box, image, region),
  };
}
