/**
 * Rectangle in normalized coordinates of the whole image (after EXIF orientation): 0..1 on both
 * axes, origin at the top left.
 */
export interface NormalizedBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Check-digit rule of a serial pattern, applied to the digits of the value (the last digit, or
 * `X` for `mod11`, is the check digit):
 * - `mod10`: Luhn, as in IMEI and card numbers.
 * - `gs1`: weights 3 and 1 from the right, as in EAN, UPC and GTIN.
 * - `mod11`: weights 2, 3, 4, … from the right, check value 10 written `X` (ISBN-10 style).
 */
export type CheckDigitRule = 'none' | 'mod10' | 'gs1' | 'mod11';

/** A product line's serial number format. */
export interface SerialPatternSpec {
  /** Name reported with candidates that fit this pattern. */
  name: string;
  /** Anchored regular expression (`^…$`), without flags. */
  regex: string;
  checkDigit?: CheckDigitRule;
}

/** One request to read a region of an image. */
export interface ReadRequest {
  /** Encoded image (JPEG, PNG, WebP, …) at full resolution. */
  image: Uint8Array;
  /** Part of the image to read; the whole image when absent. */
  region?: NormalizedBox;
  /** Serial formats expected on this label; candidates that fit one rank first. */
  patterns?: SerialPatternSpec[];
  /** Whether to run text recognition; true by default. */
  text?: boolean;
  /** Whether to look for barcodes and 2D codes; true by default. */
  barcodes?: boolean;
}

/** A value that may be the serial number, best first in {@link ReadResult.serialCandidates}. */
export interface SerialCandidate {
  value: string;
  /**
   * 0..1; combines recognition confidence, pattern fit, check digit and agreement of passes. It
   * stays below 0.9 when passes disagree on a character or a character was read with low
   * confidence, unless a barcode carried the value.
   */
  confidence: number;
  /** Name of the pattern the value fits, if any. */
  pattern?: string;
}

/** One recognized line of text. */
export interface TextRead {
  value: string;
  /** 0..1, as reported by the recognizer. */
  confidence: number;
  box: NormalizedBox;
}

/** One decoded barcode or 2D code. */
export interface BarcodeRead {
  /** ZXing format name, e.g. `Code128`, `QRCode`, `DataMatrix`, `EAN13`. */
  format: string;
  value: string;
  box: NormalizedBox;
}

/** Result of one read. */
export interface ReadResult {
  serialCandidates: SerialCandidate[];
  text: TextRead[];
  barcodes: BarcodeRead[];
  /** Time from the call to the result, queue wait included, in milliseconds. */
  durationMs: number;
}
