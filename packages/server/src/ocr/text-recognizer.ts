import { createRequire } from 'node:module';
import path from 'node:path';
import { type Worker as TesseractWorker, OEM, PSM, createWorker } from 'tesseract.js';
import { type GrayImage, encodePgm } from './image-ops.js';
import type { ImageBox } from './preprocess.js';

const require = createRequire(import.meta.url);

/**
 * Folder of the English LSTM model that the `@tesseract.js-data/eng` package ships
 * (`4.0.0_best_int`: integer-quantized "best" weights, gzip-compressed). Reading it from
 * node_modules means no download at run time.
 */
export const englishModelPath = path.join(
  path.dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);

/** Page segmentation modes used here, from Tesseract's `--psm` list. */
export type SegmentationMode = 'block' | 'sparse' | 'line';

const psmOf: Record<SegmentationMode, PSM> = {
  block: PSM.SINGLE_BLOCK,
  sparse: PSM.SPARSE_TEXT,
  line: PSM.SINGLE_LINE,
};

/** One recognized character, confidence 0..1. */
export interface RecognizedSymbol {
  text: string;
  confidence: number;
}

/** One recognized word, confidence 0..1, with its characters when the recognizer reports them. */
export interface RecognizedWord {
  text: string;
  confidence: number;
  symbols?: RecognizedSymbol[];
}

/** One recognized line, with its box in the pixels of the image that was recognized. */
export interface RecognizedLine {
  text: string;
  confidence: number;
  words: RecognizedWord[];
  box: ImageBox;
}

/**
 * Tesseract (through tesseract.js, in its own thread) loaded once with the English model and
 * reused for every recognition.
 */
export class TextRecognizer {
  private mode: SegmentationMode | undefined;
  private whitelist = '';

  private constructor(private readonly worker: TesseractWorker) {}

  static async create(): Promise<TextRecognizer> {
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath: englishModelPath,
      gzip: true,
      // 'none' reads the model from langPath and never writes a cached copy.
      cacheMethod: 'none',
    });
    // Labels carry no resolution metadata; a fixed DPI silences Tesseract's estimate.
    await worker.setParameters({ user_defined_dpi: '300' });
    return new TextRecognizer(worker);
  }

  /**
   * Recognizes the lines of an image. A non-empty `whitelist` restricts the characters the model
   * may output, so a glyph it is unsure of comes out as the likeliest allowed character.
   */
  async recognize(
    image: GrayImage,
    mode: SegmentationMode,
    whitelist = '',
  ): Promise<RecognizedLine[]> {
    if (this.mode !== mode) {
      await this.worker.setParameters({ tessedit_pageseg_mode: psmOf[mode] });
      this.mode = mode;
    }
    if (this.whitelist !== whitelist) {
      await this.worker.setParameters({ tessedit_char_whitelist: whitelist });
      this.whitelist = whitelist;
    }

    const { data } = await this.worker.recognize(
      Buffer.from(encodePgm(image)),
      {},
      { text: false, blocks: true },
    );

    const lines: RecognizedLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const text = line.text.trim();
          if (text === '') continue;
          lines.push({
            text,
            confidence: line.confidence / 100,
            words: line.words.map((word) => ({
              text: word.text,
              confidence: word.confidence / 100,
              symbols: word.symbols.map((symbol) => ({
                text: symbol.text,
                confidence: symbol.confidence / 100,
              })),
            })),
            box: line.bbox,
          });
        }
      }
    }
    return lines;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
