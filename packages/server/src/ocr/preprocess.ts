import sharp from 'sharp';
import { AppError } from '../errors.js';
import {
  type GrayImage,
  estimateSkew,
  hasDarkBackground,
  maskToImage,
  glyphHeights,
  grayFromRaw,
  measureLevels,
  median,
  normalizeLocalContrast,
  sauvolaMask,
} from './image-ops.js';
import { type PixelRect, regionToPixels } from './region.js';
import type { NormalizedBox } from './types.js';

/** Maximum size of a decoded image, in pixels; a 48-megapixel phone photo fits. */
export const maxInputPixels = 50_000_000;

/** Cap height the recognizer reads best, in pixels. */
const targetCapHeightPx = 32;

/** Maximum pixels handed to the recognizer; larger regions are scaled down to bound the read time. */
const maxTextPixels = 3_000_000;

/** Maximum side of the downscaled copy used to measure skew and cap height, in pixels. */
const analysisSidePx = 800;

/** The requested region of an image, decoded to grayscale at full resolution. */
export interface DecodedRegion {
  crop: GrayImage;
  rect: PixelRect;
  imageWidth: number;
  imageHeight: number;
}

/**
 * Decodes an image (EXIF orientation applied, alpha flattened on white) and crops the region at
 * full resolution. Raises `VALIDATION_FAILED` when the bytes are not a supported image or the
 * region is too small.
 */
export async function decodeRegion(
  image: Uint8Array,
  region?: NormalizedBox,
): Promise<DecodedRegion> {
  const source = () => sharp(image, { limitInputPixels: maxInputPixels, failOn: 'error' });

  let width: number;
  let height: number;
  try {
    const metadata = await source().metadata();
    width = metadata.autoOrient.width;
    height = metadata.autoOrient.height;
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `The image could not be decoded: ${describe(error)}`, [
      { path: 'image', message: 'must be a JPEG, PNG or WebP image of at most 50 megapixels' },
    ]);
  }

  const rect = regionToPixels(region, width, height);
  const { data, info } = await source()
    .rotate()
    .extract(rect)
    .flatten({ background: '#ffffff' })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { crop: grayFromRaw(data, info), rect, imageWidth: width, imageHeight: height };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Measurements and operations of preprocessing, kept to map recognized boxes back to the crop. */
export interface TextTransform {
  /** Scale applied to the crop. */
  scale: number;
  /** Skew of the text found in the crop, degrees clockwise; the image was rotated back by it. */
  skewDeg: number;
  darkBackground: boolean;
  /** Median height of character-shaped ink in the crop, in crop pixels (undefined if none). */
  capHeightPx: number | undefined;
  scaledWidth: number;
  scaledHeight: number;
}

/** A crop made ready for text recognition: dark text on light, level, upscaled, normalized. */
export interface TextImage {
  image: GrayImage;
  transform: TextTransform;
}

/**
 * Measures the crop (polarity, skew, cap height) on a downscaled copy, then scales the crop so
 * capitals are about {@link targetCapHeightPx} high, stretches its contrast, makes the text dark
 * on light, and rotates it level.
 */
export async function prepareTextImage(crop: GrayImage, scaleFactor = 1): Promise<TextImage> {
  const analysis = await resizeGray(
    crop,
    Math.min(1, analysisSidePx / Math.max(crop.width, crop.height)),
  );
  const levels = measureLevels(analysis);
  const darkBackground = hasDarkBackground(levels);
  if (darkBackground) invertInPlace(analysis);

  const range = Math.max(16, (levels.p95 - levels.p5) / 2);
  const radius = Math.max(6, Math.round(Math.min(analysis.width, analysis.height) / 10));
  const mask = sauvolaMask(analysis, radius, 0.2, range);
  const skewDeg = estimateSkew(mask, analysis.width, analysis.height);

  const analysisScale = analysis.width / crop.width;
  const medianHeight = median(glyphHeights(mask, analysis.width, analysis.height));
  const capHeightPx = medianHeight === undefined ? undefined : medianHeight / analysisScale;

  let scale = capHeightPx === undefined ? 1 : targetCapHeightPx / capHeightPx;
  scale = Math.min(4, Math.max(0.3, scale * scaleFactor));
  scale = Math.min(scale, Math.sqrt(maxTextPixels / (crop.width * crop.height)));

  const background = darkBackground ? 255 - levels.p50 : levels.p50;
  const image = await levelAndScale(crop, scale, darkBackground, skewDeg, background);
  return {
    image,
    transform: {
      scale,
      skewDeg,
      darkBackground,
      capHeightPx,
      scaledWidth: Math.round(crop.width * scale),
      scaledHeight: Math.round(crop.height * scale),
    },
  };
}

async function levelAndScale(
  crop: GrayImage,
  scale: number,
  invert: boolean,
  skewDeg: number,
  background: number,
): Promise<GrayImage> {
  let pipeline = sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 1 } });
  if (invert) pipeline = pipeline.negate();
  const scaled = await pipeline
    .resize(
      Math.max(1, Math.round(crop.width * scale)),
      Math.max(1, Math.round(crop.height * scale)),
      {
        kernel: scale > 1 ? 'cubic' : 'lanczos3',
      },
    )
    .normalise({ lower: 1, upper: 99 })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (Math.abs(skewDeg) < 0.3) return grayFromRaw(scaled.data, scaled.info);

  // The background shade fills the corners that rotation uncovers, so they add no edges.
  const rotated = await sharp(scaled.data, {
    raw: { width: scaled.info.width, height: scaled.info.height, channels: scaled.info.channels },
  })
    .rotate(-skewDeg, { background: { r: background, g: background, b: background } })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return grayFromRaw(rotated.data, rotated.info);
}

async function resizeGray(image: GrayImage, factor: number): Promise<GrayImage> {
  if (factor >= 1) return image;
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .resize(
      Math.max(1, Math.round(image.width * factor)),
      Math.max(1, Math.round(image.height * factor)),
    )
    .raw()
    .toBuffer({ resolveWithObject: true });
  return grayFromRaw(data, info);
}

function invertInPlace(image: GrayImage): void {
  for (let i = 0; i < image.data.length; i += 1) image.data[i] = 255 - (image.data[i] ?? 0);
}

/** Form in which a prepared text image is handed to the recognizer. */
export type ImageVariant = 'gray' | 'flat' | 'binary';

/**
 * Derives a variant of a prepared text image (dark text on light, caps about
 * {@link targetCapHeightPx} high):
 * - `gray`: as prepared, with Tesseract's own global (Otsu) threshold.
 * - `flat`: local contrast stretched over about a cap height, which recovers text under glare.
 * - `binary`: `flat` thresholded with Sauvola's local method.
 */
export function imageVariant(image: GrayImage, variant: ImageVariant): GrayImage {
  if (variant === 'gray') return image;
  const flat = normalizeLocalContrast(image, targetCapHeightPx, 48);
  if (variant === 'flat') return flat;
  return maskToImage(sauvolaMask(flat, targetCapHeightPx, 0.25), flat.width, flat.height);
}

/** Box in pixels of a prepared text image. */
export interface ImageBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Maps a box of the prepared text image back to normalized coordinates of the whole image: undoes
 * the rotation about the image centre, the scale, and the crop offset. The result is the
 * axis-aligned box around the four mapped corners.
 */
export function mapBoxToImage(
  box: ImageBox,
  prepared: TextImage,
  region: DecodedRegion,
): NormalizedBox {
  const { transform, image } = prepared;
  const radians = (transform.skewDeg * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const corners = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x1, box.y1],
    [box.x0, box.y1],
  ] as const;

  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of corners) {
    const dx = x - image.width / 2;
    const dy = y - image.height / 2;
    const scaledX = dx * cos - dy * sin + transform.scaledWidth / 2;
    const scaledY = dx * sin + dy * cos + transform.scaledHeight / 2;
    xs.push(region.rect.left + scaledX / transform.scale);
    ys.push(region.rect.top + scaledY / transform.scale);
  }

  const clampX = (value: number) => Math.min(region.imageWidth, Math.max(0, value));
  const clampY = (value: number) => Math.min(region.imageHeight, Math.max(0, value));
  const left = clampX(Math.min(...xs));
  const top = clampY(Math.min(...ys));
  return {
    x: left / region.imageWidth,
    y: top / region.imageHeight,
    width: (clampX(Math.max(...xs)) - left) / region.imageWidth,
    height: (clampY(Math.max(...ys)) - top) / region.imageHeight,
  };
}
