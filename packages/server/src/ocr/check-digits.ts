import type { CheckDigitRule } from './types.js';

/** Check-digit rules that {@link passesCheckDigit} supports. */
export const checkDigitRules: readonly CheckDigitRule[] = ['none', 'mod10', 'gs1', 'mod11'];

/**
 * Tests the check digit of a serial. Only the digits of the value count (and a final `X` for
 * `mod11`), so separators and letter prefixes such as `SN-` are ignored. A value with fewer than
 * two digits fails every rule but `none`.
 */
export function passesCheckDigit(value: string, rule: CheckDigitRule): boolean {
  if (rule === 'none') return true;

  const symbols = value.toUpperCase().replace(/[^0-9X]/g, '');
  const last = symbols.at(-1);
  const payload = symbols.slice(0, -1);
  if (last === undefined || payload.length === 0 || /X/.test(payload)) return false;

  const digits = [...payload].map(Number);
  if (rule === 'mod11') return mod11CheckSymbol(digits) === last;
  if (last === 'X') return false;

  const expected = rule === 'mod10' ? luhnCheckDigit(digits) : gs1CheckDigit(digits);
  return expected === Number(last);
}

/** Luhn: doubles every second digit from the right of the payload. */
export function luhnCheckDigit(payload: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    const digit = payload[payload.length - 1 - i] ?? 0;
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

/** GS1 (EAN, UPC, GTIN): weights 3, 1, 3, … from the right of the payload. */
export function gs1CheckDigit(payload: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    const digit = payload[payload.length - 1 - i] ?? 0;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Modulus 11 with weights 2, 3, 4, … from the right; a check value of 10 is written `X`. */
export function mod11CheckSymbol(payload: readonly number[]): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    sum += (payload[payload.length - 1 - i] ?? 0) * (i + 2);
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}
