import QRCode from 'qrcode';

/**
 * Error correction of product line QR codes. Level Q restores up to a quarter of the symbol, so a
 * scratched or dirty label on a device still scans.
 */
const errorCorrectionLevel = 'Q';

/** Quiet zone around SVG and PNG codes, in modules; scanners need a light border. */
const margin = 4;

/** Returns the QR code of `url` as an SVG document that scales to any size. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin, errorCorrectionLevel });
}

/** Returns the QR code of `url` as a PNG image `size` pixels wide and high. */
export function qrPng(url: string, size: number): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', width: size, margin, errorCorrectionLevel });
}

/** Modules of a QR code, without quiet zone: `dark(row, column)` for 0 ≤ row, column < size. */
export interface QrMatrix {
  size: number;
  dark(row: number, column: number): boolean;
}

/** Returns the modules of the QR code of `url`, for drawing it as vector graphics. */
export function qrMatrix(url: string): QrMatrix {
  const { modules } = QRCode.create(url, { errorCorrectionLevel });
  return { size: modules.size, dark: (row, column) => Boolean(modules.get(row, column)) };
}
