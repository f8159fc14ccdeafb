/** Camera direction in the terms of `MediaTrackConstraints.facingMode`. */
export type FacingMode = 'user' | 'environment';

/** Reason the camera or microphone could not be opened, one value per screen the user may see. */
export type MediaFailure =
  'permission_denied' | 'no_camera' | 'camera_busy' | 'insecure_context' | 'camera_failed';

export class MediaAccessError extends Error {
  readonly failure: MediaFailure;

  constructor(failure: MediaFailure, cause?: unknown) {
    super(`Could not open the camera: ${failure}`, { cause });
    this.name = 'MediaAccessError';
    this.failure = failure;
  }
}

/** The part of `MediaDevices` used here, so tests can pass a fake. */
export type MediaDevicesLike = Pick<MediaDevices, 'getUserMedia'>;

export interface OpenedCamera {
  stream: MediaStream;
  /** Direction of the camera that opened, as reported by the track or else as requested. */
  facingMode: FacingMode;
}

// Enough pixels to read a serial number label, without asking phones for more than they send.
const videoSize = { width: { ideal: 1280 }, height: { ideal: 720 } };

/** Maps a `getUserMedia` rejection to the failure shown to the user. */
export function classifyMediaError(error: unknown): MediaFailure {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission_denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'no_camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera_busy';
    default:
      return 'camera_failed';
  }
}

function isMissingDevice(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'NotFoundError' || error.name === 'DevicesNotFoundError')
  );
}

function isUnsatisfiable(error: unknown): boolean {
  return error instanceof Error && error.name === 'OverconstrainedError';
}

/**
 * Opens the camera and microphone, preferring the camera facing `facingMode`. Falls back to any
 * camera when no camera faces that way, and to video without audio when there is no microphone.
 * Rejects with a `MediaAccessError`; `no_camera` means no camera exists at all.
 *
 * Call it from a click handler: iOS Safari grants the camera only within a user gesture.
 */
export async function openCameraAndMicrophone(
  devices: MediaDevicesLike | undefined,
  facingMode: FacingMode,
): Promise<OpenedCamera> {
  // Browsers hide mediaDevices on pages that are not served over HTTPS or from localhost.
  if (devices === undefined) {
    throw new MediaAccessError('insecure_context');
  }

  const attempts: MediaStreamConstraints[] = [
    { video: { ...videoSize, facingMode: { ideal: facingMode } }, audio: true },
    { video: true, audio: true },
    { video: true, audio: false },
  ];

  let lastError: unknown = null;
  for (const constraints of attempts) {
    try {
      const stream = await devices.getUserMedia(constraints);
      return { stream, facingMode: facingModeOf(stream.getVideoTracks()[0], facingMode) };
    } catch (error) {
      if (!isMissingDevice(error) && !isUnsatisfiable(error)) {
        throw new MediaAccessError(classifyMediaError(error), error);
      }
      lastError = error;
    }
  }
  throw new MediaAccessError('no_camera', lastError);
}

/**
 * Opens only a video track from the camera facing `facingMode`, for a camera flip. Phones often
 * cannot run both cameras at once, so the caller stops the old track first.
 */
export async function openVideoTrack(
  devices: MediaDevicesLike | undefined,
  facingMode: FacingMode,
): Promise<{ track: MediaStreamTrack; facingMode: FacingMode }> {
  if (devices === undefined) {
    throw new MediaAccessError('insecure_context');
  }

  let stream: MediaStream;
  try {
    stream = await devices.getUserMedia({
      video: { ...videoSize, facingMode: { exact: facingMode } },
    });
  } catch (error) {
    if (!isUnsatisfiable(error) && !isMissingDevice(error)) {
      throw new MediaAccessError(classifyMediaError(error), error);
    }
    // Desktop cameras report no facing mode, so an exact request fails; any camera will do.
    stream = await devices
      .getUserMedia({ video: { ...videoSize, facingMode: { ideal: facingMode } } })
      .catch((fallbackError: unknown) => {
        throw new MediaAccessError(classifyMediaError(fallbackError), fallbackError);
      });
  }

  const track = stream.getVideoTracks()[0];
  if (track === undefined) {
    throw new MediaAccessError('no_camera');
  }
  return { track, facingMode: facingModeOf(track, facingMode) };
}

/** Returns the facing mode the track reports, or `requested` when it reports none. */
export function facingModeOf(
  track: MediaStreamTrack | undefined,
  requested: FacingMode,
): FacingMode {
  const reported = track?.getSettings?.().facingMode;
  return reported === 'user' || reported === 'environment' ? reported : requested;
}

/** Stops every track, which turns off the camera light and releases the microphone. */
export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) {
    track.stop();
  }
}
