import PDFDocument from 'pdfkit';
import { labelsPerSheet } from '@lensdesk/protocol';
import { type QrMatrix, qrMatrix } from './qr-codes.js';

/** Points per millimetre: PDF units are 1/72 inch. */
const mm = 72 / 25.4;

/**
 * Sheet geometry: A4 portrait with 3 × 8 labels of 70 × 37 mm and no gaps, the layout of the
 * common 24-up label sheets. The 8 rows use 296 of the 297 mm, so 0.5 mm stays at top and bottom.
 */
const sheet = {
  width: 210 * mm,
  height: 297 * mm,
  columns: 3,
  rows: 8,
  labelWidth: 70 * mm,
  labelHeight: 37 * mm,
  top: 0.5 * mm,
};

/** Space between a label's edge and its content; most printers cannot print the outer 4 mm. */
const padding = { x: 5 * mm, y: 4 * mm };

/** Width of the QR code; the label's padding and the gap to the text are its quiet zone. */
const qrSide = sheet.labelHeight - 2 * padding.y;
const textGap = 4 * mm;
const textWidth = sheet.labelWidth - 2 * padding.x - qrSide - textGap;

const ink = '#13232f';
const softInk = '#475a68';

/** One label: what its QR code opens and what it says. */
export interface Label {
  /** Link the QR code carries, with the label's serial when it has one. */
  url: string;
  /** Serial number printed under the instruction, if the label is for one device. */
  serial: string | undefined;
}

export interface LabelSheetOptions {
  productLineName: string;
  /** Instruction printed under the name, such as "Scan for live video support". */
  instruction: string;
  /** Short form of the link, printed for people who cannot scan: no scheme, no query. */
  displayUrl: string;
  labels: readonly Label[];
  /** Creation date stored in the PDF's metadata. */
  createdAt: Date;
}

/** Characters of Windows-1252 above 0x7f that are not Latin-1, as the standard PDF fonts have. */
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Replaces characters outside Windows-1252 with `?`. The label text uses the standard font
 * Helvetica, which PDF readers have built in, so the PDF needs no embedded font file.
 */
// NOTE: names in scripts outside Western European languages print as question marks.
export function toWinAnsi(text: string): string {
  return [...text]
    .map((character) => {
      const code = character.codePointAt(0) ?? 0;
      const latin1 = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff);
      return latin1 || winAnsiExtras.has(character) ? character : '?';
    })
    .join('');
}

function drawQr(document: PDFKit.PDFDocument, matrix: QrMatrix, x: number, y: number): void {
  const moduleSide = qrSide / matrix.size;
  for (let row = 0; row < matrix.size; row += 1) {
    // Runs of dark modules become one rectangle, which keeps the file small.
    let runStart: number | undefined;
    for (let column = 0; column <= matrix.size; column += 1) {
      const dark = column < matrix.size && matrix.dark(row, column);
      if (dark && runStart === undefined) runStart = column;
      if (!dark && runStart !== undefined) {
        document.rect(
          x + runStart * moduleSide,
          y + row * moduleSide,
          (column - runStart) * moduleSide,
          moduleSide,
        );
        runStart = undefined;
      }
    }
  }
  document.fillColor('#000000').fill();
}

function drawLabel(
  document: PDFKit.PDFDocument,
  options: LabelSheetOptions,
  label: Label,
  index: number,
): void {
  const column = index % sheet.columns;
  const row = Math.floor(index / sheet.columns) % sheet.rows;
  const left = column * sheet.labelWidth;
  const top = sheet.top + row * sheet.labelHeight;

  drawQr(document, qrMatrix(label.url), left + padding.x, top + padding.y);

  const textLeft = left + padding.x + qrSide + textGap;
  document
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(ink)
    .text(toWinAnsi(options.productLineName), textLeft, top + padding.y, {
      width: textWidth,
      height: 26,
      ellipsis: true,
      lineGap: 1,
    });
  document
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(8)
    .text(toWinAnsi(options.instruction), { width: textWidth, lineGap: 1 });
  if (label.serial !== undefined) {
    document
      .moveDown(0.3)
      .font('Courier-Bold')
      .fontSize(7.5)
      .text(`S/N ${label.serial}`, { width: textWidth, height: 20, ellipsis: true });
  }

  // The link sits at the bottom of the label, in small print, where it does not crowd the rest.
  const urlTop = top + sheet.labelHeight - padding.y - 15;
  document
    .font('Helvetica')
    .fontSize(6)
    .fillColor(softInk)
    .text(toWinAnsi(options.displayUrl), textLeft, urlTop, {
      width: textWidth,
      height: 15,
      ellipsis: true,
    });
}

/**
 * Renders labels on A4 sheets of 3 × 8, each with the QR code of its link, the product line
 * name, the instruction, the serial when there is one, and the link in small print.
 */
export function renderLabelSheet(options: LabelSheetOptions): Promise<Buffer> {
  const document = new PDFDocument({
    size: [sheet.width, sheet.height],
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: toWinAnsi(`${options.productLineName}: QR code labels`),
      Creator: 'Lensdesk',
      CreationDate: options.createdAt,
    },
  });

  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  options.labels.forEach((label, index) => {
    if (index % labelsPerSheet === 0) document.addPage();
    drawLabel(document, options, label, index);
  });
  document.end();
  return finished;
}
