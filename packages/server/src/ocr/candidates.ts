import {
  type CompiledPattern,
  type PatternFit,
  fitToPattern,
  maxSerialLength,
} from './patterns.js';
import type { RecognizedLine, RecognizedWord } from './text-recognizer.js';
import type { BarcodeRead } from './types.js';

/** A serial candidate before merging: `score` is 0..1. */
export interface ScoredCandidate {
  value: string;
  score: number;
  pattern?: string;
  /**
   * Whether the read leaves a character in doubt: one of its characters had a low confidence of
   * its own, or stray characters were cut off to fit the pattern.
   */
  doubtful?: boolean;
  /** Whether the value was decoded from a barcode, whose symbology checks its own characters. */
  decoded?: boolean;
}

/**
 * A character the recognizer reports below this confidence is in doubt. On the evaluation set in
 * bench/ocr, Tesseract's LSTM model rates almost every glyph it reads right above 0.95, and glyphs
 * it misreads (a Z read as 7, a stray S) often between 0.85 and 0.93.
 */
export const doubtfulCharConfidence = 0.93;

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
  /** Confidence of each character, where the recognizer reported it. */
  charConfidences: readonly (number | undefined)[];
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
    let charConfidence = 1;
    for (let span = 1; span <= maxSpanWords && start + span <= tokens.length; span += 1) {
      const token = tokens[start + span - 1] as Token;
      if (token.isLabel) break;
      joined += token.text;
      confidence = Math.min(confidence, token.confidence);
      for (const value of token.charConfidences)
        charConfidence = Math.min(charConfidence, value ?? 1);
      if (joined.length > maxSerialLength) break;

      for (const pattern of patterns) {
        const trim = span === 1 && afterLabel ? token.charConfidences : undefined;
        for (const variant of fitVariants(joined, pattern, trim)) {
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
            score: clamp(score - variant.penalty),
            doubtful: variant.trimmed > 0 || charConfidence < doubtfulCharConfidence,
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

/** A way a value fits a pattern, and the score it loses for the characters cut off to fit. */
interface FitVariant {
  fit: PatternFit;
  penalty: number;
  trimmed: number;
  labelled: boolean;
}

/** Score lost for each stray character cut off a value. */
const trimPenalty = 0.06;

/**
 * Fits a value to a pattern as read, or else after cutting a glued label. A single word after a
 * label may also fit after cutting stray characters (counted in `trimmed`): up to two at the start
 * and one at the end, which a restricted pass makes of the label's punctuation, or one inside.
 * `trim` contains the confidences of that word's characters, and is undefined for other words.
 */
function fitVariants(
  value: string,
  pattern: CompiledPattern,
  trim: readonly (number | undefined)[] | undefined,
): FitVariant[] {
  const whole = fitToPattern(value, pattern);
  if (whole !== null) return [{ fit: whole, penalty: 0, trimmed: 0, labelled: false }];

  const label = gluedLabel.exec(value);
  if (label !== null) {
    const fit = fitToPattern(value.slice(label[0].length), pattern);
    if (fit !== null) return [{ fit, penalty: 0, trimmed: 0, labelled: true }];
  }

  const variants: FitVariant[] = [];
  if (trim === undefined) return variants;
  for (let head = 0; head <= 2; head += 1) {
    for (let tail = 0; tail <= 1; tail += 1) {
      if (head + tail === 0 || value.length - head - tail < 4) continue;
      const fit = fitToPattern(value.slice(head, value.length - tail), pattern);
      const trimmed = head + tail;
      if (fit !== null)
        variants.push({ fit, penalty: trimPenalty * trimmed, trimmed, labelled: false });
    }
  }

  // A recognizer also reads one glyph as two (a 7 as `7T`, an 8 as `S8`): dropping one inner
  // character gives the value that other passes, read exactly, can confirm. The character it is
  // least sure of is the likelier stray one, so dropping it costs a little less.
  for (let index = 1; index < value.length - 1 && value.length > 4; index += 1) {
    const fit = fitToPattern(value.slice(0, index) + value.slice(index + 1), pattern);
    if (fit === null) continue;
    const doubt = Math.min(0.3, Math.max(0, 0.99 - (trim[index] ?? 0.99)));
    variants.push({ fit, penalty: trimPenalty - 0.1 * doubt, trimmed: 1, labelled: false });
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
    const symbols = symbolConfidences(word);
    const text = word.text.replace(/[‐‑‒–—−]/g, '-').replace(/^[\s"'`([{,;]+|[\s"'`,;]+$/g, '');

    // "S/N:AB123" carries its label, so split it off and keep the value as a word of its own.
    const colon = text.lastIndexOf(':');
    const parts =
      colon > 0 && colon < text.length - 1 ? [text.slice(0, colon), text.slice(colon + 1)] : [text];
    for (const part of parts) {
      const bare = part.replace(/[:.]+$/, '');
      if (bare === '') continue;
      const isLabel = serialLabel.test(bare) || part.endsWith(':');
      const tokenText = isLabel ? bare : part.replace(/:+$/, '');
      tokens.push({
        text: tokenText,
        confidence: word.confidence,
        charConfidences: sliceOf(symbols, word.text.indexOf(tokenText), tokenText.length),
        isLabel,
      });
    }
  }
  return tokens;
}

/**
 * Lists the confidences of a word's characters, one per character of its text. Returns undefined
 * when the recognizer reported no symbols or its symbols do not spell the text. A confidence of
 * exactly 0 becomes undefined, because a restricted pass often reports 0 for the first character
 * of a word, whatever the glyph.
 */
function symbolConfidences(word: RecognizedWord): (number | undefined)[] | undefined {
  const symbols = word.symbols;
  if (symbols === undefined || symbols.length === 0) return undefined;
  if (symbols.map((symbol) => symbol.text).join('') !== word.text) return undefined;
  if (symbols.some((symbol) => symbol.text.length !== 1)) return undefined;
  return symbols.map((symbol) => (symbol.confidence > 0 ? symbol.confidence : undefined));
}

function sliceOf(
  confidences: readonly (number | undefined)[] | undefined,
  start: number,
  length: number,
): (number | undefined)[] {
  if (confidences === undefined || start < 0) return [];
  return confidences.slice(start, start + length);
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
        candidates.push({
          value,
          pattern: pattern.name,
          score: fit.checkDigitPassed ? 0.98 : 0.6,
          decoded: true,
        });
      }
    }
    if (serialShape.test(value)) candidates.push({ value, score: 0.45 });
  }
  return candidates;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
