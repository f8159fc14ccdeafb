import { signal } from '@preact/signals';
import type { MessageKey } from '../i18n';
import { maxSnapshotBytes, snapshotContentTypes } from '../shared/annotations/channel';
import { RequestError, toRequestError } from '../shared/errors';
import { uploadSnapshot } from '../shared/snapshot-upload';

/** Progress of the photo the customer sends, as the page shows it. */
export type PhotoUploadState =
  { kind: 'sending'; percent: number } | { kind: 'sent' } | { kind: 'failed'; message: MessageKey };

export interface PhotoSenderOptions {
  token: string;
  sessionId(): string | null;
  upload?: typeof uploadSnapshot;
}

// How long "Photo sent" stays on screen, in milliseconds.
const sentNoticeMs = 4000;

/** Maps an upload failure to the sentence the customer reads. */
export function photoErrorMessage(error: unknown): MessageKey {
  switch (toRequestError(error).code) {
    case 'IMAGE_INVALID':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'photo.invalid';
    case 'IMAGE_TOO_LARGE':
      return 'photo.tooManyPixels';
    case 'PAYLOAD_TOO_LARGE':
      return 'photo.tooLarge';
    default:
      return 'photo.failed';
  }
}

/**
 * Sends a photo that the customer picked or took with the file input, with a resumable upload
 * so a phone on a weak network can finish it.
 */
export class PhotoSender {
  readonly state = signal<PhotoUploadState | null>(null);

  private readonly options: PhotoSenderOptions;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: PhotoSenderOptions) {
    this.options = options;
  }

  async send(file: File): Promise<void> {
    const sessionId = this.options.sessionId();
    if (sessionId === null || this.state.peek()?.kind === 'sending') {
      return;
    }
    clearTimeout(this.timer);
    if (file.size > maxSnapshotBytes) {
      this.state.value = { kind: 'failed', message: 'photo.tooLarge' };
      return;
    }
    this.state.value = { kind: 'sending', percent: 0 };

    try {
      const image = await toAcceptedImage(file);
      await (this.options.upload ?? uploadSnapshot)({
        sessionId,
        snapshotId: crypto.randomUUID(),
        source: 'customer_photo',
        image,
        contentType: image.type,
        headers: { authorization: `Bearer ${this.options.token}` },
        onProgress: (received, total) => {
          this.state.value = { kind: 'sending', percent: Math.floor((received / total) * 100) };
        },
      });
      this.state.value = { kind: 'sent' };
      this.timer = setTimeout(() => {
        this.state.value = null;
      }, sentNoticeMs);
    } catch (error) {
      this.state.value = { kind: 'failed', message: photoErrorMessage(error) };
    }
  }

  dismiss(): void {
    clearTimeout(this.timer);
    this.state.value = null;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/**
 * Returns the file itself when the server accepts its type, and otherwise a JPEG that the
 * browser decodes and re-encodes, such as an iPhone's HEIC photo in Safari.
 */
async function toAcceptedImage(file: File): Promise<Blob> {
  if (snapshotContentTypes.includes(file.type)) {
    return file;
  }
  try {
    const bitmap = await createImageBitmap(file);
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    const jpeg = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', 0.92),
    );
    if (jpeg !== null) {
      return jpeg;
    }
  } catch {
    // Reported below as an image the page cannot read.
  }
  throw new RequestError({
    code: 'IMAGE_INVALID',
    message: 'The photo is not an image the browser can read.',
  });
}
