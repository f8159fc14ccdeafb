import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  type CompiledPattern,
  compilePatterns,
  fitToPattern,
  hasNestedQuantifier,
  parsePatternElements,
} from './patterns.js';

function compile(regex: string, checkDigit?: 'mod10' | 'gs1' | 'mod11'): CompiledPattern {
  const [pattern] = compilePatterns([
    { name: 'test', regex, ...(checkDigit ? { checkDigit } : {}) },
  ]);
  if (pattern === undefined) throw new Error('no pattern compiled');
  return pattern;
}

function validationIssues(regex: string): string[] {
  try {
    compilePatterns([{ name: 'test', regex }]);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return ((error as AppError).issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error(`${regex} was accepted`);
}

describe('parsePatternElements', () => {
  it('parses literals, classes and counts', () => {
    const elements = parsePatternElements('^SN-[A-Z]{2}\\d{4,6}[0-9A-F]$');

    expect(elements?.map((e) => [e.min, e.max])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 2],
      [4, 6],
      [1, 1],
    ]);
    expect([...(elements?.[0]?.allowed ?? [])]).toEqual(['S']);
    expect(elements?.[2]?.allowed.has('-')).toBe(true);
    expect(elements?.[3]?.allowed.size).toBe(26);
    expect([...(elements?.[4]?.allowed ?? [])].join('')).toBe('0123456789');
    expect([...(elements?.[5]?.allowed ?? [])].join('')).toBe('0123456789ABCDEF');
  });

  it('parses ranges with gaps and escaped separators', () => {
    const elements = parsePatternElements('^[A-HJ-NP-Z]\\.\\/?$');

    expect(elements?.[0]?.allowed.has('I')).toBe(false);
    expect(elements?.[0]?.allowed.has('O')).toBe(false);
    expect(elements?.[0]?.allowed.has('P')).toBe(true);
    expect([...(elements?.[1]?.allowed ?? [])]).toEqual(['.']);
    expect(elements?.[2]).toMatchObject({ min: 0, max: 1 });
  });

  it.each([
    ['alternation', '^(AB|CD)\\d{4}$'],
    ['unbounded repetition', '^[A-Z]+\\d*$'],
    ['negated class', '^[^0-9]{4}$'],
    ['open count', '^\\d{4,}$'],
    ['longer than 64 characters', '^\\d{40}[A-Z]{30}$'],
  ])('returns null for %s', (_, source) => {
    expect(parsePatternElements(source)).toBeNull();
  });
});

describe('compilePatterns', () => {
  it('accepts an anchored pattern with a check digit', () => {
    const pattern = compile('^\\d{15}$', 'mod10');

    expect(pattern.checkDigit).toBe('mod10');
    expect(pattern.regex.test('490154203237518')).toBe(true);
  });

  it('rejects unanchored patterns', () => {
    expect(validationIssues('[A-Z]{2}\\d{6}')).toEqual([
      'patterns.0.regex: must be anchored: start with ^ and end with $',
    ]);
  });

  it('rejects nested quantifiers', () => {
    expect(validationIssues('^(A+)+$')[0]).toMatch(/^patterns\.0\.regex: must not repeat a group/);
    expect(validationIssues('^(\\d{2}-?){4}$')[0]).toMatch(/must not repeat a group/);
  });

  it('rejects backreferences and invalid syntax', () => {
    expect(validationIssues('^(\\d)\\1$')).toEqual([
      'patterns.0.regex: must not use backreferences',
    ]);
    expect(validationIssues('^[A-Z$')[0]).toMatch(/is not a valid regular expression/);
  });

  it('rejects sources over 200 characters', () => {
    expect(validationIssues(`^${'A'.repeat(200)}$`)[0]).toMatch(/must be 1 to 200 characters/);
  });

  it('reports the index of the invalid pattern', () => {
    const call = () =>
      compilePatterns([
        { name: 'ok', regex: '^\\d{4}$' },
        { name: '', regex: '^\\d{4}$' },
      ]);

    expect(call).toThrow(AppError);
    try {
      call();
    } catch (error) {
      expect((error as AppError).issues).toEqual([
        { path: 'patterns.1.name', message: 'must be 1 to 80 characters' },
      ]);
    }
  });
});

describe('hasNestedQuantifier', () => {
  it('allows a quantified group of plain characters', () => {
    expect(hasNestedQuantifier('^(AB){2}\\d{4}$')).toBe(false);
    expect(hasNestedQuantifier('^[A-Z+]{2}$')).toBe(false);
  });

  it('finds repetition inside a repeated group', () => {
    expect(hasNestedQuantifier('^((AB)*C)+$')).toBe(true);
    expect(hasNestedQuantifier('^(?:\\d+)*$')).toBe(true);
  });
});

describe('fitToPattern', () => {
  const lettersThenDigits = compile('^[A-Z]{2}\\d{6}$');

  it('keeps an exact match unchanged', () => {
    expect(fitToPattern('AB123456', lettersThenDigits)).toEqual({
      value: 'AB123456',
      corrections: 0,
      checkDigitPassed: true,
    });
  });

  it('corrects confusions toward the class of each position', () => {
    // O, I, S, B, Z, G where digits must be; 0 and 8 where letters must be.
    expect(fitToPattern('08OISBZG', lettersThenDigits)?.value).toBe('OB015826');
    expect(fitToPattern('AB1234l6', lettersThenDigits)?.value).toBe('AB123416');
  });

  it('corrects 7 and R by position', () => {
    const yearPlant = compile('^\\d{4}[A-Z]{2}\\d{5,6}$');

    expect(fitToPattern('20217X606788', yearPlant)?.value).toBe('2021ZX606788');
    expect(fitToPattern('2015RD7572R7', yearPlant)?.value).toBe('2015RD757287');
  });

  it('changes nothing at positions that accept both letters and digits', () => {
    const mixed = compile('^[A-Z0-9]{4}-\\d{2}$');

    expect(fitToPattern('O0I1-O5', mixed)).toEqual({
      value: 'O0I1-05',
      corrections: 1,
      checkDigitPassed: true,
    });
  });

  it('returns null when a character has no allowed substitute', () => {
    expect(fitToPattern('AB12345X', lettersThenDigits)).toBeNull();
    expect(fitToPattern('AB1234567', lettersThenDigits)).toBeNull();
  });

  it('fits each length of a variable-length pattern', () => {
    const variable = compile('^\\d{4}[A-Z]{2}\\d{5,6}$');

    expect(fitToPattern('2019J018842', variable)?.value).toBe('2019JO18842');
    expect(fitToPattern('2O19JO188425', variable)?.value).toBe('2019JO188425');
  });

  it('corrects separators at literal positions', () => {
    const dashed = compile('^[A-Z]{3}-\\d{4}$');

    expect(fitToPattern('ABC–1234', dashed)?.value).toBe('ABC-1234');
    expect(fitToPattern('ABC_1234', dashed)?.value).toBe('ABC-1234');
  });

  it('matches unparsable patterns without correcting', () => {
    const alternation = compile('^(AB|CD)\\d{4}$');

    expect(fitToPattern('CD1234', alternation)?.value).toBe('CD1234');
    expect(fitToPattern('CD12O4', alternation)).toBeNull();
  });

  it('reports the check digit', () => {
    const imei = compile('^\\d{15}$', 'mod10');

    expect(fitToPattern('490154203237518', imei)?.checkDigitPassed).toBe(true);
    expect(fitToPattern('490154203237519', imei)?.checkDigitPassed).toBe(false);
    expect(fitToPattern('49O154203237518', imei)).toEqual({
      value: '490154203237518',
      corrections: 1,
      checkDigitPassed: true,
    });
  });
});
