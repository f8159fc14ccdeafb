import {
  type CompiledPattern,
  type PatternFit,
  fitToPattern,
  maxSerialLength,
} from './patterns.js';
import type { RecognizedLine } from './text-recognizer.js';
import type { BarcodeRead, SerialCandidate } from './types.js';

/** A serial candidate before merging: `score` is 0..1. */
export interface ScoredCandidate {
  value: string;
  score: number;
  pattern?: string;
}

/** Words that introduce a serial on a label, as recognizers tend to read them. */
const serialLabel =
  /^(S\/?N|SN|5\/?N|SIN|S\.N\.?|SER\.?|SERIAL|SER\.?NO\.?|SERIALNO\.?|NO\.?|NR\.?|#)$/i;

/** Shape of a value that may be a serial when no pattern claims it. */
const serialShape = /^[A-Z0-9][A-Z0-9\-/.]{4,39}$/;

/** Maximum number of consecutive words joined into one value, because recognizers split serials at odd spaces. */
const maxSpanWords = 3;

interface Token {
  text: string;
  confidence: number;
  isLabel: boolean;
}

/** Context of a line from other passes. */
export interface LineContext {
  /** Treat every word as following a serial label, e.g. when a restricted pass dropped it. */
  labelled?: boolean;
}

/** Returns whether a recognized line contains a serial label such as `S/N:`. */
export function hasSerialLabel(line: RecognizedLine): boolean {
  return tokenize(line).some((token) => token.isLabel);
}

/**
 * Lists the serial candidates of one recognized line: each run of up to three words (joined
 * without spaces) fitted to each pattern, and, ranked below those, single words shaped like a
 * serial. Words after a label such as `S/N:` rank higher.
 */
export function candidatesFromLine(
  line: RecognizedLine,
  patterns: readonly CompiledPattern[],
  context: LineContext = {},
): ScoredCandidate[] {
  const tokens = tokenize(line);
  const candidates: ScoredCandidate[] = [];
  const labelIndex = tokens.findIndex((token) => token.isLabel);

  for (let start = 0; start < tokens.length; start += 1) {
    if (tokens[start]?.isLabel) continue;
    const afterLabel = context.labelled === true || (labelIndex >= 0 && start > labelIndex);

    let joined = '';
    let confidence = 1;
    for (let span = 1; span <= maxSpanWords && start + span <= tokens.length; span += 1) {
      const token = tokens[start + span - 1] as Token;
      if (token.isLabel) break;
      joined += token.text;
      confidence = Math.min(confidence, token.confidence);
      if (joined.length > maxSerialLength) break;

      for (const pattern of patterns) {
        for (const variant of fitVariants(joined, pattern, span === 1 && afterLabel)) {
          const score = patternScore(
            confidence,
            variant.fit,
            span,
            afterLabel || variant.labelled,
            pattern,
          );
          candidates.push({
            value: variant.fit.value,
            pattern: pattern.name,
            score: clamp(score - 0.06 * variant.trimmed),
          });
        }
      }

      const upper = joined.toUpperCase();
      if (serialShape.test(upper) && countDigits(upper) >= 2 && (span === 1 || afterLabel)) {
        candidates.push({ value: upper, score: 0.3 * confidence + (afterLabel ? 0.15 : 0) });
      }
    }
  }
  return candidates;
}

/** A label glued to the value, as a restricted pass reads `S/N: X` (`SNX`, `SINX`, `5NX`). */
const gluedLabel = /^(S\/?N|SIN|5\/?N)[:.#]?(?=[A-Z0-9])/i;

/**
 * Fits a value to a pattern as read, or else after cutting a glued label, or else, for a single
 * word after a label (`trim`), after cutting up to two stray characters at the start and one at
 * the end (counted in `trimmed`), which a restricted pass makes of the label's punctuation.
 */
function fitVariants(
  value: string,
  pattern: CompiledPattern,
  trim: boolean,
): { fit: PatternFit; trimmed: number; labelled: boolean }[] {
  const whole = fitToPattern(value, pattern);
  if (whole !== null) return [{ fit: whole, trimmed: 0, labelled: false }];

  const label = gluedLabel.exec(value);
  if (label !== null) {
    const fit = fitToPattern(value.slice(label[0].length), pattern);
    if (fit !== null) return [{ fit, trimmed: 0, labelled: true }];
  }

  const variants: { fit: PatternFit; trimmed: number; labelled: boolean }[] = [];
  if (!trim) return variants;
  for (let head = 0; head <= 2; head += 1) {
    for (let tail = 0; tail <= 1; tail += 1) {
      if (head + tail === 0 || value.length - head - tail < 4) continue;
      const fit = fitToPattern(value.slice(head, value.length - tail), pattern);
      if (fit !== null) variants.push({ fit, trimmed: head + tail, labelled: false });
    }
  }
  return variants;
}

function patternScore(
  confidence: number,
  fit: PatternFit,
  span: number,
  afterLabel: boolean,
  pattern: CompiledPattern,
): number {
  // Joined words lose to a single word: words of other lines often add up to a fitting length.
  let score = 0.5 + 0.4 * confidence - 0.04 * fit.corrections - 0.08 * (span - 1);
  if (afterLabel) score += 0.1;
  if (pattern.checkDigit !== 'none') score += fit.checkDigitPassed ? 0.05 : -0.3;
  return clamp(score);
}

function tokenize(line: RecognizedLine): Token[] {
  const tokens: Token[] = [];
  for (const word of line.words) {
    const text = word.text.replace(/[‐‑‒–—−]/g, '-').replace(/^[\s"'`([{,;]+|[\s"'`,;]+$/g, '');

    // "S/N:AB123" carries its label, so split it off and keep the value as a word of its own.
    const colon = text.lastIndexOf(':');
    const parts =
      colon > 0 && colon < text.length - 1 ? [text.slice(0, colon), text.slice(colon + 1)] : [text];
    for (const part of parts) {
      const bare = part.replace(/[:.]+$/, '');
      if (bare === '') continue;
      const isLabel = serialLabel.test(bare) || part.endsWith(':');
      tokens.push({
        text: isLabel ? bare : part.replace(/:+$/, ''),
        confidence: word.confidence,
        isLabel,
      });
    }
  }
  return tokens;
}

function countDigits(value: string): number {
  let count = 0;
  for (const char of value) if (char >= '0' && char <= '9') count += 1;
  return count;
}

/**
 * Turns decoded barcodes into serial candidates: a value fitting a pattern ranks near the top,
 * because barcode symbologies carry their own checksums; other serial-shaped values rank low.
 */
export function candidatesFromBarcodes(
  barcodes: readonly BarcodeRead[],
  patterns: readonly CompiledPattern[],
): ScoredCandidate[] {
  const candidates: ScoredCandidate[] = [];
  for (const barcode of barcodes) {
    const value = barcode.value.trim();
    for (const pattern of patterns) {
      const fit = fitToPattern(value, pattern);
      if (fit !== null && fit.corrections === 0) {
        candidates.push({ value, pattern: pattern.name, score: fit.checkDigitPassed ? 0.98 : 0.6 });
      }
    }
    if (serialShape.test(value)) candidates.push({ value, score: 0.45 });
  }
  return candidates;
}

/**
 * Merges the candidates of several passes: per value (and pattern), the best score plus 0.05 for
 * each further pass that found it, best first. Values that fit a pattern come before those that
 * fit none.
 */
export function mergeCandidates(
  passes: readonly (readonly ScoredCandidate[])[],
): SerialCandidate[] {
  const merged = new Map<string, { candidate: ScoredCandidate; passes: number }>();

  for (const pass of passes) {
    const bestInPass = new Map<string, ScoredCandidate>();
    for (const candidate of pass) {
      const key = `${candidate.pattern ?? ''}\u0000${candidate.value}`;
      const current = bestInPass.get(key);
      if (current === undefined || candidate.score > current.score) bestInPass.set(key, candidate);
    }
    for (const [key, candidate] of bestInPass) {
      const entry = merged.get(key);
      if (entry === undefined) {
        merged.set(key, { candidate, passes: 1 });
      } else {
        entry.passes += 1;
        if (candidate.score > entry.candidate.score) entry.candidate = candidate;
      }
    }
  }

  const results = [...merged.values()].map(({ candidate, passes: count }) => {
    const result: SerialCandidate = {
      value: candidate.value,
      confidence: round(clamp(candidate.score + 0.05 * (count - 1))),
    };
    if (candidate.pattern !== undefined) result.pattern = candidate.pattern;
    return result;
  });

  results.sort(
    (a, b) =>
      Number(b.pattern !== undefined) - Number(a.pattern !== undefined) ||
      b.confidence - a.confidence,
  );
  return dropShadowedGeneric(results);
}

/** Drops a pattern-less candidate whose value also appears with a pattern. */
function dropShadowedGeneric(candidates: SerialCandidate[]): SerialCandidate[] {
  const withPattern = new Set(
    candidates.filter((c) => c.pattern !== undefined).map((c) => c.value),
  );
  return candidates.filter((c) => c.pattern !== undefined || !withPattern.has(c.value));
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
