/** Method that takes a still of the customer's camera. */
export type CaptureMethod = 'image-capture' | 'canvas';

export interface CaptureEnvironment {
  /** Whether the browser has `ImageCapture` (Chromium does; Safari and Firefox do not). */
  hasImageCapture: boolean;
  /** Whether `ImageCapture.takePhoto` already failed on this track. */
  imageCaptureFailed: boolean;
}

/**
 * Chooses the capture method: the camera's own photo mode where the browser offers it, because
 * it can use the sensor's full resolution, and otherwise the current video frame drawn to a
 * canvas at the track's size.
 */
export function chooseCaptureMethod(environment: CaptureEnvironment): CaptureMethod {
  return environment.hasImageCapture && !environment.imageCaptureFailed
    ? 'image-capture'
    : 'canvas';
}

/** JPEG quality of stills drawn from the video: high enough to read a printed label. */
export const stillJpegQuality = 0.92;

interface ImageCaptureLike {
  takePhoto(): Promise<Blob>;
}
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;

// Tracks whose photo mode failed once go straight to the canvas, which saves a second wait.
const photoModeFailed = new WeakSet<MediaStreamTrack>();

/**
 * Takes a full-resolution still of `track`, shown in `video`. Falls back to the canvas when
 * `ImageCapture.takePhoto` fails, as it does on cameras without a photo mode. Rejects when the
 * track has ended or the video has no frame yet.
 */
export async function captureStill(
  track: MediaStreamTrack,
  video: HTMLVideoElement,
): Promise<Blob> {
  if (track.readyState !== 'live') {
    throw new Error('The camera is off.');
  }
  const ImageCaptureClass = (globalThis as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  const method = chooseCaptureMethod({
    hasImageCapture: ImageCaptureClass !== undefined,
    imageCaptureFailed: photoModeFailed.has(track),
  });

  if (method === 'image-capture' && ImageCaptureClass !== undefined) {
    try {
      const photo = await new ImageCaptureClass(track).takePhoto();
      if (photo.size > 0) {
        return photo;
      }
    } catch {
      // The canvas below works wherever the video plays.
    }
    photoModeFailed.add(track);
  }
  return drawVideoFrame(track, video);
}

/** Draws the video's current frame at its intrinsic size and encodes it as JPEG. */
export async function drawVideoFrame(
  track: MediaStreamTrack,
  video: HTMLVideoElement,
): Promise<Blob> {
  const settings = track.getSettings();
  const width = video.videoWidth || settings.width || 0;
  const height = video.videoHeight || settings.height || 0;
  if (width === 0 || height === 0) {
    throw new Error('The video has no frame yet.');
  }

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context === null) {
    throw new Error('The browser has no 2D canvas.');
  }
  // drawImage ignores the preview's CSS mirroring, so the still is the frame as captured.
  context.drawImage(video, 0, 0, width, height);

  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) =>
        blob === null ? reject(new Error('The frame could not be encoded.')) : resolve(blob),
      'image/jpeg',
      stillJpegQuality,
    );
  });
}
