import { describe, expect, it } from 'vitest';
import { candidatesFromBarcodes, candidatesFromLine, hasSerialLabel } from './candidates.js';
import { certainConfidence, mergeCandidates } from './merge-candidates.js';
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

  it('drops a doubled inner glyph', () => {
    const values = candidatesFromLine(line('S/N: AB0012S3456'), patterns).map((c) => c.value);

    expect(values).toContain('AB00123456');
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

/** A line of one word whose characters have the given confidences. */
function lineWithSymbols(text: string, confidences: readonly number[]): RecognizedLine {
  const symbols = [...text].map((char, index) => ({
    text: char,
    confidence: confidences[index] ?? 0.99,
  }));
  return {
    text,
    confidence: 0.95,
    words: [{ text, confidence: 0.95, symbols }],
    box: { x0: 0, y0: 0, x1: 100, y1: 20 },
  };
}

describe('confidence of a merged candidate', () => {
  const labelled = { labelled: true };

  it('stays certain for clean reads', () => {
    const pass = () => candidatesFromLine(lineWithSymbols('AB00123456', []), patterns, labelled);
    const [best] = mergeCandidates([pass(), pass(), pass()]);

    expect(best?.value).toBe('AB00123456');
    expect(best?.confidence).toBeGreaterThanOrEqual(certainConfidence);
  });

  it('doubts a low-confidence character', () => {
    const confidences = [0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.8];
    const pass = () =>
      candidatesFromLine(lineWithSymbols('AB00123456', confidences), patterns, labelled);
    const [best] = mergeCandidates([pass(), pass(), pass()]);

    expect(best?.value).toBe('AB00123456');
    expect(best?.confidence).toBeLessThan(certainConfidence);
  });

  it('doubts passes that disagree', () => {
    const clean = () => candidatesFromLine(lineWithSymbols('AB00123456', []), patterns, labelled);
    const other = candidatesFromLine(lineWithSymbols('AB00123458', []), patterns, labelled);
    const merged = mergeCandidates([clean(), clean(), clean(), other]);

    expect(merged.map((c) => c.value)).toEqual(['AB00123456', 'AB00123458']);
    expect(merged[0]?.confidence).toBeLessThan(certainConfidence);
  });

  it('doubts values cut to fit', () => {
    const pass = () => candidatesFromLine(lineWithSymbols('AB0012S3456', []), patterns, labelled);
    const [best] = mergeCandidates([pass(), pass(), pass()]);

    expect(best?.confidence).toBeLessThan(certainConfidence);
  });

  it('trusts a barcode over text', () => {
    const box = { x: 0, y: 0, width: 1, height: 1 };
    const merged = mergeCandidates([
      candidatesFromBarcodes([{ format: 'Code128', value: 'AB00123456', box }], patterns),
      candidatesFromLine(lineWithSymbols('AB00123458', []), patterns, labelled),
    ]);

    expect(merged[0]).toMatchObject({ value: 'AB00123456' });
    expect(merged[0]?.confidence).toBeGreaterThanOrEqual(certainConfidence);
  });
});

describe('candidatesFromBarcodes', () => {
  it('trusts a barcode whose value fits a pattern', () => {
    const box = { x: 0, y: 0, width: 1, height: 1 };
    const candidates = candidatesFromBarcodes(
      [{ format: 'Code128', value: 'AB00123456', box }],
      patterns,
    );

    expect(candidates[0]).toEqual({
      value: 'AB00123456',
      pattern: 'two-eight',
      score: 0.98,
      decoded: true,
    });
  });
});
