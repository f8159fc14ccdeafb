import type { Issue } from '@lensdesk/protocol';
import { AppError } from '../errors.js';
import { checkDigitRules, passesCheckDigit } from './check-digits.js';
import type { CheckDigitRule, SerialPatternSpec } from './types.js';

/** Maximum length of a pattern's source. */
export const maxPatternSourceLength = 200;

/** Maximum length of a value tested against a pattern. Serials are short, and the bound limits regex work. */
export const maxSerialLength = 64;

/** Maximum number of patterns in one request. */
export const maxPatternsPerRequest = 20;

/** One position group of a parsed pattern: `min` to `max` characters, each one of `allowed`. */
export interface PatternElement {
  allowed: ReadonlySet<string>;
  min: number;
  max: number;
}

/** A validated serial pattern, with per-position classes when the pattern is simple enough. */
export interface CompiledPattern {
  name: string;
  regex: RegExp;
  checkDigit: CheckDigitRule;
  /** Null when the pattern uses syntax the position parser does not support. */
  elements: PatternElement[] | null;
}

/** A value corrected to fit a pattern. */
export interface PatternFit {
  value: string;
  /** Number of characters changed to fit. */
  corrections: number;
  checkDigitPassed: boolean;
}

const digits = '0123456789';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = upper.toLowerCase();

/**
 * Characters that recognizers confuse, in order of preference. A substitution is made only at a
 * position whose class rejects the character read and accepts the substitute.
 */
const confusions: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  Q: '0',
  D: '0',
  '0': 'O',
  I: '1',
  l: '1',
  i: '1',
  '|': '1I',
  ']': 'J1',
  ')': 'J',
  '}': 'J',
  '[': '1I',
  '!': '1',
  '1': 'I',
  S: '5',
  s: '5',
  '5': 'S',
  B: '8',
  '8': 'B',
  Z: '27',
  z: '2',
  '2': 'Z',
  G: '6',
  '7': 'ZT',
  T: '7',
  R: '8',
  A: '4',
  '4': 'A',
  g: '9',
  q: '9',
  b: '6',
  '6': 'G',
  '–': '-',
  '—': '-',
  _: '-',
  '~': '-',
  '=': '-',
};

/**
 * Validates and compiles serial patterns. Invalid patterns raise `VALIDATION_FAILED` with one
 * issue per problem, under `patterns.<index>`.
 */
export function compilePatterns(specs: readonly SerialPatternSpec[]): CompiledPattern[] {
  if (specs.length > maxPatternsPerRequest) {
    throw new AppError('VALIDATION_FAILED', 'Too many serial patterns.', [
      {
        path: 'patterns',
        message: `has ${specs.length} patterns; the maximum is ${maxPatternsPerRequest}`,
      },
    ]);
  }

  const issues: Issue[] = [];
  const compiled: CompiledPattern[] = [];
  specs.forEach((spec, index) => {
    const problem = findPatternProblem(spec);
    if (problem !== undefined) {
      issues.push({ path: `patterns.${index}.${problem.field}`, message: problem.message });
      return;
    }
    compiled.push({
      name: spec.name,
      regex: new RegExp(spec.regex),
      checkDigit: spec.checkDigit ?? 'none',
      elements: parsePatternElements(spec.regex),
    });
  });

  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'A serial pattern is invalid.', issues);
  }
  return compiled;
}

function findPatternProblem(
  spec: SerialPatternSpec,
): { field: 'name' | 'regex' | 'checkDigit'; message: string } | undefined {
  if (typeof spec.name !== 'string' || spec.name.trim() === '' || spec.name.length > 80) {
    return { field: 'name', message: 'must be 1 to 80 characters' };
  }
  if (spec.checkDigit !== undefined && !checkDigitRules.includes(spec.checkDigit)) {
    return { field: 'checkDigit', message: `must be one of ${checkDigitRules.join(', ')}` };
  }

  const source = spec.regex;
  if (typeof source !== 'string' || source.length === 0 || source.length > maxPatternSourceLength) {
    return { field: 'regex', message: `must be 1 to ${maxPatternSourceLength} characters` };
  }
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) {
    return { field: 'regex', message: 'must be anchored: start with ^ and end with $' };
  }
  if (/\\[1-9]|\\k</.test(source)) {
    return { field: 'regex', message: 'must not use backreferences' };
  }
  if (hasNestedQuantifier(source)) {
    return {
      field: 'regex',
      message: 'must not repeat a group that itself contains a repetition, e.g. (A+)+',
    };
  }

  try {
    new RegExp(source);
  } catch (error) {
    return { field: 'regex', message: `is not a valid regular expression: ${String(error)}` };
  }
  return undefined;
}

/**
 * Detects a quantified group whose body also has a quantifier, the shape behind catastrophic
 * backtracking. Over-approximates: any quantifier inside a quantified group counts.
 */
export function hasNestedQuantifier(source: string): boolean {
  const groupHasQuantifier: boolean[] = [];
  let inClass = false;

  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      groupHasQuantifier.push(false);
    } else if (char === ')') {
      const inner = groupHasQuantifier.pop() ?? false;
      const quantified = isQuantifierStart(source, i + 1);
      if (inner && quantified) return true;
      if (groupHasQuantifier.length > 0 && (inner || quantified)) {
        groupHasQuantifier[groupHasQuantifier.length - 1] = true;
      }
    } else if (isQuantifierStart(source, i) && groupHasQuantifier.length > 0) {
      groupHasQuantifier[groupHasQuantifier.length - 1] = true;
    }
  }
  return false;
}

function isQuantifierStart(source: string, index: number): boolean {
  const char = source[index];
  return (
    char === '*' ||
    char === '+' ||
    char === '?' ||
    (char === '{' && /^\{\d/.test(source.slice(index)))
  );
}

/**
 * Parses a simple anchored pattern into position groups: literal characters, `\d`, `\w`,
 * bracket classes of characters and ranges (`[A-Z]`, `[0-9A-F]`), and the quantifiers `{n}`,
 * `{n,m}` and `?`. Returns null for anything else (groups, alternation, `*`, `+`, negated
 * classes), so such patterns are matched but never corrected.
 */
export function parsePatternElements(source: string): PatternElement[] | null {
  if (!source.startsWith('^') || !source.endsWith('$')) return null;
  const body = source.slice(1, -1);
  const elements: PatternElement[] = [];

  let i = 0;
  while (i < body.length) {
    const atom = parseAtom(body, i);
    if (atom === null) return null;

    const quantifier = parseQuantifier(body, atom.next);
    if (quantifier === null) return null;

    elements.push({ allowed: atom.allowed, min: quantifier.min, max: quantifier.max });
    i = quantifier.next;
  }

  const maxLength = elements.reduce((sum, element) => sum + element.max, 0);
  return maxLength > 0 && maxLength <= maxSerialLength ? elements : null;
}

const escapedClasses: Readonly<Record<string, string>> = {
  d: digits,
  w: digits + upper + lower + '_',
};
const literalChars = /^[A-Za-z0-9 \-/#:._]$/;

function parseAtom(body: string, start: number): { allowed: Set<string>; next: number } | null {
  const char = body[start];
  if (char === undefined) return null;

  if (char === '\\') {
    const escaped = body[start + 1];
    if (escaped === undefined) return null;
    const cls = escapedClasses[escaped];
    if (cls !== undefined) return { allowed: new Set(cls), next: start + 2 };
    return /^[-/.#: _]$/.test(escaped) ? { allowed: new Set(escaped), next: start + 2 } : null;
  }
  if (char === '[') return parseBracketClass(body, start);
  return literalChars.test(char) ? { allowed: new Set(char), next: start + 1 } : null;
}

function parseBracketClass(
  body: string,
  start: number,
): { allowed: Set<string>; next: number } | null {
  const end = body.indexOf(']', start + 1);
  if (end < 0) return null;
  const inner = body.slice(start + 1, end);
  if (inner === '' || inner.startsWith('^')) return null;

  const allowed = new Set<string>();
  let i = 0;
  while (i < inner.length) {
    const char = inner[i] ?? '';
    if (char === '\\') {
      const escaped = inner[i + 1];
      if (escaped === 'd') digits.split('').forEach((d) => allowed.add(d));
      else if (escaped !== undefined && /^[-/.#: _\]]$/.test(escaped)) allowed.add(escaped);
      else return null;
      i += 2;
    } else if (inner[i + 1] === '-' && i + 2 < inner.length) {
      const from = char.charCodeAt(0);
      const to = inner.charCodeAt(i + 2);
      if (to < from) return null;
      for (let code = from; code <= to; code += 1) allowed.add(String.fromCharCode(code));
      i += 3;
    } else {
      allowed.add(char);
      i += 1;
    }
  }
  return { allowed, next: end + 1 };
}

function parseQuantifier(
  body: string,
  start: number,
): { min: number; max: number; next: number } | null {
  const char = body[start];
  if (char === '?') return { min: 0, max: 1, next: start + 1 };
  if (char === '*' || char === '+') return null;
  if (char !== '{') return { min: 1, max: 1, next: start };

  const match = /^\{(\d{1,2})(?:,(\d{1,2}))?\}/.exec(body.slice(start));
  if (match === null) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return max >= min ? { min, max, next: start + match[0].length } : null;
}

/**
 * Fits a value read by the recognizer to a pattern. An exact match is returned as is. Otherwise,
 * for each way the pattern's groups can add up to the value's length, characters that the
 * position's class rejects are replaced by a known confusion that it accepts (O→0 where a digit
 * must be, 0→O where a letter must be, …). Positions whose class accepts the character read are
 * never changed. Returns the fit with the fewest changes, or null.
 */
export function fitToPattern(value: string, pattern: CompiledPattern): PatternFit | null {
  if (value.length === 0 || value.length > maxSerialLength) return null;
  if (pattern.regex.test(value)) {
    return { value, corrections: 0, checkDigitPassed: passesCheckDigit(value, pattern.checkDigit) };
  }
  if (pattern.elements === null) return null;

  let best: PatternFit | null = null;
  for (const classes of positionClasses(pattern.elements, value.length)) {
    const corrected = correctAtPositions(value, classes);
    if (corrected === null || !pattern.regex.test(corrected.value)) continue;

    const fit = {
      ...corrected,
      checkDigitPassed: passesCheckDigit(corrected.value, pattern.checkDigit),
    };
    if (best === null || rankFit(fit) > rankFit(best)) best = fit;
  }
  return best;
}

function rankFit(fit: PatternFit): number {
  return (fit.checkDigitPassed ? 100 : 0) - fit.corrections;
}

/** Maximum number of ways to split a length between variable groups that are tried. */
const maxLayouts = 32;

/** Lists the per-position classes for each way the groups' counts add up to `length`. */
export function positionClasses(
  elements: readonly PatternElement[],
  length: number,
): ReadonlySet<string>[][] {
  const layouts: ReadonlySet<string>[][] = [];
  const current: ReadonlySet<string>[] = [];
  const minRest = suffixSums(elements, 'min');
  const maxRest = suffixSums(elements, 'max');

  const visit = (index: number, remaining: number): void => {
    if (layouts.length >= maxLayouts) return;
    if (index === elements.length) {
      if (remaining === 0) layouts.push([...current]);
      return;
    }
    const element = elements[index] as PatternElement;
    for (let count = element.min; count <= element.max; count += 1) {
      const rest = remaining - count;
      if (rest < (minRest[index + 1] ?? 0) || rest > (maxRest[index + 1] ?? 0)) continue;
      for (let k = 0; k < count; k += 1) current.push(element.allowed);
      visit(index + 1, rest);
      current.length -= count;
    }
  };

  visit(0, length);
  return layouts;
}

function suffixSums(elements: readonly PatternElement[], key: 'min' | 'max'): number[] {
  const sums = new Array<number>(elements.length + 1).fill(0);
  for (let i = elements.length - 1; i >= 0; i -= 1) {
    sums[i] = (sums[i + 1] ?? 0) + (elements[i]?.[key] ?? 0);
  }
  return sums;
}

function correctAtPositions(
  value: string,
  classes: readonly ReadonlySet<string>[],
): { value: string; corrections: number } | null {
  let corrected = '';
  let corrections = 0;

  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] ?? '';
    const allowed = classes[i];
    if (allowed === undefined) return null;
    if (allowed.has(char)) {
      corrected += char;
      continue;
    }

    const substitute = [char.toUpperCase(), char.toLowerCase(), ...(confusions[char] ?? '')].find(
      (candidate) => allowed.has(candidate),
    );
    if (substitute === undefined) return null;
    corrected += substitute;
    corrections += 1;
  }
  return { value: corrected, corrections };
}
