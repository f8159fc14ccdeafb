import { describe, expect, it } from 'vitest';
import {
  gs1CheckDigit,
  luhnCheckDigit,
  mod11CheckSymbol,
  passesCheckDigit,
} from './check-digits.js';

const digitsOf = (value: string) => [...value].map(Number);

describe('passesCheckDigit', () => {
  it('validates Luhn (mod10) on an IMEI', () => {
    expect(passesCheckDigit('490154203237518', 'mod10')).toBe(true);
    expect(passesCheckDigit('490154203237517', 'mod10')).toBe(false);
    expect(luhnCheckDigit(digitsOf('49015420323751'))).toBe(8);
  });

  it('validates GS1 on EAN-13 and UPC-A', () => {
    expect(passesCheckDigit('4006381333931', 'gs1')).toBe(true);
    expect(passesCheckDigit('036000291452', 'gs1')).toBe(true);
    expect(passesCheckDigit('036000291453', 'gs1')).toBe(false);
    expect(gs1CheckDigit(digitsOf('400638133393'))).toBe(1);
  });

  it('validates mod11 with X as ten, as in ISBN-10', () => {
    expect(passesCheckDigit('0-306-40615-2', 'mod11')).toBe(true);
    expect(passesCheckDigit('080442957X', 'mod11')).toBe(true);
    expect(passesCheckDigit('0804429570', 'mod11')).toBe(false);
    expect(mod11CheckSymbol(digitsOf('080442957'))).toBe('X');
  });

  it('ignores letters and separators', () => {
    expect(passesCheckDigit('SN-4901-5420-3237-518', 'mod10')).toBe(true);
  });

  it('fails values with too few digits', () => {
    expect(passesCheckDigit('A7', 'mod10')).toBe(false);
    expect(passesCheckDigit('', 'gs1')).toBe(false);
    expect(passesCheckDigit('anything', 'none')).toBe(true);
  });

  it('accepts X only as the mod11 check symbol', () => {
    expect(passesCheckDigit('12X4', 'mod11')).toBe(false);
    expect(passesCheckDigit('123X', 'mod10')).toBe(false);
  });
});
