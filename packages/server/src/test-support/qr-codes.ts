import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { readBarcodes } from 'zxing-wasm/reader';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadBarcodeReader } from '../ocr/barcodes.js';

/** An RGBA image in the shape zxing-wasm reads. */
interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Returns the texts of every QR code in an RGBA image, decoded with the server's ZXing reader. */
async function readQrCodes(image: RgbaImage): Promise<string[]> {
  await loadBarcodeReader();
  const input = { ...image, colorSpace: 'srgb' };
  const results = await readBarcodes(input as unknown as Parameters<typeof readBarcodes>[0], {
    formats: ['QRCode'],
    tryHarder: true,
    maxNumberOfSymbols: 32,
  });
  return results.filter((result) => result.isValid).map((result) => result.text);
}

/** Decodes the QR codes of a PNG or SVG image; an SVG is drawn at `density` dots per inch. */
export async function decodeQrImage(bytes: Buffer | string, density = 300): Promise<string[]> {
  const input = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const { data, info } = await sharp(input, { density })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return readQrCodes({ width: info.width, height: info.height, data: new Uint8ClampedArray(data) });
}

/**
 * A parsed PDF: its page count, the text of each page (runs joined by single spaces) and the QR
 * codes drawn on each page.
 */
export interface PdfContents {
  pageCount: number;
  pageTexts: string[];
  /** QR code texts of each page, read from the page drawn at 200 dpi. */
  pageQrCodes: string[][];
}

/** Parses a PDF with PDF.js, extracts its text and draws each page to read its QR codes. */
export async function readPdf(bytes: Buffer): Promise<PdfContents> {
  const document = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pageTexts: string[] = [];
    const pageQrCodes: string[][] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      // Items are runs of text; a wrapped line is a new item, so they join with spaces.
      const runs = content.items.map((item) => ('str' in item ? item.str : ''));
      pageTexts.push(runs.join(' ').replace(/\s+/g, ' '));

      const viewport = page.getViewport({ scale: 200 / 72 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      // PDF.js declares DOM canvas types; @napi-rs/canvas implements the same drawing API.
      const target = { canvas, canvasContext: context, viewport };
      await page.render(target as unknown as Parameters<typeof page.render>[0]).promise;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      pageQrCodes.push(
        await readQrCodes({ width: pixels.width, height: pixels.height, data: pixels.data }),
      );
    }
    return { pageCount: document.numPages, pageTexts, pageQrCodes };
  } finally {
    await document.destroy();
  }
}
