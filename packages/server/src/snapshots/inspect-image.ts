import sharp, { type Metadata } from 'sharp';
import { type SnapshotContentType, maxSnapshotPixels } from '@lensdesk/protocol';
import { AppError } from '../errors.js';

/** Type and size of an accepted image, read from its content, not from a name or header. */
export interface ImageInfo {
  contentType: SnapshotContentType;
  /** Width and height after the EXIF orientation is applied, as browsers display the image. */
  width: number;
  height: number;
}

const formats: Record<string, SnapshotContentType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/**
 * Checks that `bytes` are one complete JPEG, PNG or WebP image of at most `maxSnapshotPixels`
 * pixels, by decoding it. Throws `IMAGE_INVALID` or `IMAGE_TOO_LARGE`.
 */
export async function inspectImage(bytes: Uint8Array): Promise<ImageInfo> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('IMAGE_INVALID');
  }

  const contentType = metadata.format === undefined ? undefined : formats[metadata.format];
  if (contentType === undefined) {
    throw new AppError(
      'IMAGE_INVALID',
      `Images of type ${metadata.format ?? 'unknown'} are not accepted; send JPEG, PNG or WebP.`,
    );
  }

  const { width, height } = metadata.autoOrient;
  if (width * height > maxSnapshotPixels) {
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `The image has ${width}×${height} pixels; the maximum is ${maxSnapshotPixels.toLocaleString('en')} pixels.`,
    );
  }

  // Decoding every pixel finds truncated files, which the header alone does not reveal.
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: maxSnapshotPixels }).stats();
  } catch {
    throw new AppError('IMAGE_INVALID', 'The image is truncated or corrupt.');
  }

  return { contentType, width, height };
}
