import type { ScoredCandidate } from './candidates.js';
import type { SerialCandidate } from './types.js';

/** Confidence from which the console presents a value as certain. */
export const certainConfidence = 0.9;

/** Highest confidence reported for a value in doubt: below {@link certainConfidence}. */
const doubtfulCap = 0.85;

/** A rival this strong, of the same pattern and length, puts a value in doubt. */
const rivalScore = 0.5;

/** Score added for each pass beyond the first that found a value. */
const agreementBonus = 0.05;

/** One value (and pattern) over all passes. */
interface MergedEntry {
  /** The best-scoring reading of the value. */
  candidate: ScoredCandidate;
  passes: number;
  /** Number of passes that read the value without doubt. */
  surePasses: number;
  /** Whether a barcode carried the value. */
  decoded: boolean;
  /** Best score plus the agreement bonus, unclamped so that values above 1 still rank apart. */
  rank: number;
}

/**
 * Merges the candidates of several passes: per value (and pattern), the best score plus 0.05 for
 * each further pass that found it, best first. Values that fit a pattern come before those that
 * fit none. A value not carried by a barcode is reported below {@link certainConfidence} when most
 * of its passes read it with doubt, or when a rival value of the same pattern differs from it in
 * one or two characters: then the passes disagree on a glyph.
 */
export function mergeCandidates(
  passes: readonly (readonly ScoredCandidate[])[],
): SerialCandidate[] {
  const ranked = collectEntries(passes).sort(
    (a, b) =>
      Number(b.candidate.pattern !== undefined) - Number(a.candidate.pattern !== undefined) ||
      b.rank - a.rank,
  );

  const results = ranked.map((entry) => {
    const { candidate } = entry;
    const score = clamp(entry.rank);
    // Passes over the same pixels often repeat one misreading, so a single clean pass among
    // doubtful ones proves little.
    const unsure = entry.surePasses * 2 < entry.passes;
    const doubtful = !entry.decoded && (unsure || isDisputed(entry, ranked));
    const confidence = doubtful ? Math.min(score, doubtfulCap) : score;

    const result: SerialCandidate = { value: candidate.value, confidence: round(confidence) };
    if (candidate.pattern !== undefined) result.pattern = candidate.pattern;
    return result;
  });
  return dropShadowedGeneric(results);
}

/** Groups the candidates by value and pattern, counting each pass once per value. */
function collectEntries(passes: readonly (readonly ScoredCandidate[])[]): MergedEntry[] {
  const merged = new Map<string, MergedEntry>();

  for (const pass of passes) {
    const bestInPass = new Map<string, ScoredCandidate>();
    const sureKeys = new Set<string>();
    const decodedKeys = new Set<string>();
    for (const candidate of pass) {
      const key = `${candidate.pattern ?? ''}\u0000${candidate.value}`;
      const current = bestInPass.get(key);
      if (current === undefined || candidate.score > current.score) bestInPass.set(key, candidate);
      if (candidate.doubtful !== true) sureKeys.add(key);
      if (candidate.decoded === true) decodedKeys.add(key);
    }

    for (const [key, candidate] of bestInPass) {
      const entry = merged.get(key);
      const cleanRead = sureKeys.has(key) ? 1 : 0;
      if (entry === undefined) {
        merged.set(key, {
          candidate,
          passes: 1,
          surePasses: cleanRead,
          decoded: decodedKeys.has(key),
          rank: 0,
        });
        continue;
      }
      entry.passes += 1;
      entry.surePasses += cleanRead;
      entry.decoded ||= decodedKeys.has(key);
      if (candidate.score > entry.candidate.score) entry.candidate = candidate;
    }
  }

  const entries = [...merged.values()];
  for (const entry of entries) {
    entry.rank = entry.candidate.score + agreementBonus * (entry.passes - 1);
  }
  return entries;
}

/** Returns whether another value of the same pattern and length differs in one or two characters. */
function isDisputed(entry: MergedEntry, ranked: readonly MergedEntry[]): boolean {
  const { value, pattern } = entry.candidate;
  if (pattern === undefined) return false;

  return ranked.some((other) => {
    if (other === entry || other.candidate.pattern !== pattern) return false;
    if (clamp(other.rank) < rivalScore || other.candidate.value.length !== value.length) {
      return false;
    }
    const differences = countDifferences(value, other.candidate.value);
    return differences > 0 && differences <= 2;
  });
}

function countDifferences(a: string, b: string): number {
  let count = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) count += 1;
  return count;
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
