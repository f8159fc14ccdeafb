import { describe, expect, it } from 'vitest';
import {
  candidatesFromBarcodes,
  candidatesFromLine,
  hasSerialLabel,
  mergeCandidates,
} from './candidates.js';
import { compilePatterns } from './patterns.js';
import type { RecognizedLine } from './text-recognizer.js';

function line(text: string, confidence = 0.9): RecognizedLine {
  return {
    text,
    confidence,
    words: text.split(' ').map((word) => ({ text: word, confidence })),
    box: { x0: 0, y0: 0, x1: 100, y1: 20 },
  };
}

const patterns = compilePatterns([{ name: 'two-eight', regex: '^[A-Z]{2}\\d{8}$' }]);

describe('candidatesFromLine', () => {
  it('fits the word after a serial label and corrects it', () => {
    const [best] = mergeCandidates([candidatesFromLine(line('S/N: AB0O123456'), patterns)]);

    expect(best).toMatchObject({ value: 'AB00123456', pattern: 'two-eight' });
  });

  it('joins words that a recognizer split', () => {
    const values = candidatesFromLine(line('SN AB 0012 3456'), patterns).map((c) => c.value);

    expect(values).toContain('AB00123456');
  });

  it('splits a label glued to the value', () => {
    const values = candidatesFromLine(line('S/N:AB00123456'), patterns).map((c) => c.value);

    expect(values).toContain('AB00123456');
  });

  it('ranks a labelled serial above one on another line', () => {
    const merged = mergeCandidates([
      [
        ...candidatesFromLine(line('MODEL CD11112222'), patterns),
        ...candidatesFromLine(line('Serial No. AB00123456'), patterns),
      ],
    ]);

    expect(merged[0]?.value).toBe('AB00123456');
  });

  it('offers serial-shaped words when no pattern fits', () => {
    const merged = mergeCandidates([candidatesFromLine(line('S/N X7-44-1029'), patterns)]);

    expect(merged).toEqual([{ value: 'X7-44-1029', confidence: expect.any(Number) }]);
  });

  it('finds serial labels as recognizers read them', () => {
    expect(hasSerialLabel(line('SIN: AB00123456'))).toBe(true);
    expect(hasSerialLabel(line('SER. NO. 1234'))).toBe(true);
    expect(hasSerialLabel(line('MADE IN GERMANY'))).toBe(false);
  });
});

describe('mergeCandidates', () => {
  it('raises values that several passes agree on', () => {
    const merged = mergeCandidates([
      [{ value: 'AB00123456', score: 0.7, pattern: 'p' }],
      [
        { value: 'AB00123456', score: 0.6, pattern: 'p' },
        { value: 'AB00123458', score: 0.72, pattern: 'p' },
      ],
    ]);

    expect(merged.map((c) => [c.value, c.confidence])).toEqual([
      ['AB00123456', 0.75],
      ['AB00123458', 0.72],
    ]);
  });

  it('ranks values that fit a pattern first', () => {
    const merged = mergeCandidates([
      [
        { value: 'LOOKS-LIKE-1', score: 0.9 },
        { value: 'AB00123456', score: 0.6, pattern: 'p' },
      ],
    ]);

    expect(merged.map((c) => c.value)).toEqual(['AB00123456', 'LOOKS-LIKE-1']);
  });
});

describe('candidatesFromBarcodes', () => {
  it('trusts a barcode whose value fits a pattern', () => {
    const box = { x: 0, y: 0, width: 1, height: 1 };
    const candidates = candidatesFromBarcodes(
      [{ format: 'Code128', value: 'AB00123456', box }],
      patterns,
    );

    expect(candidates[0]).toEqual({ value: 'AB00123456', pattern: 'two-eight', score: 0.98 });
  });
});
