import type { CameraCapabilities, CameraCommand } from '@lensdesk/protocol';

/** Camera features that Chromium reports on Android but the DOM typings do not list yet. */
interface ExtendedCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
  zoom?: { min?: number; max?: number; step?: number };
}
interface ExtendedSettings extends MediaTrackSettings {
  torch?: boolean;
  zoom?: number;
}

/**
 * Reads the controls that the current camera track offers. `canFlip` comes from the caller,
 * which counts the cameras. Browsers without `getCapabilities` (Firefox before 132) offer none.
 */
export function readCameraCapabilities(
  track: MediaStreamTrack | undefined,
  facingMode: 'user' | 'environment' | null,
  canFlip: boolean,
): CameraCapabilities {
  const capabilities: ExtendedCapabilities =
    track !== undefined && typeof track.getCapabilities === 'function'
      ? track.getCapabilities()
      : {};
  const settings: ExtendedSettings = track?.getSettings?.() ?? {};
  const zoom = capabilities.zoom;
  const zoomUsable =
    zoom !== undefined &&
    typeof zoom.min === 'number' &&
    typeof zoom.max === 'number' &&
    zoom.max > zoom.min;

  return {
    canFlip,
    facingMode,
    torch: capabilities.torch === true,
    torchOn: settings.torch === true,
    zoom: zoomUsable
      ? {
          min: zoom.min as number,
          max: zoom.max as number,
          step: Math.max(0, zoom.step ?? 0),
          value: settings.zoom ?? (zoom.min as number),
        }
      : null,
  };
}

/** Counts the cameras; phones have at least two, most laptops one. */
export async function countCameras(devices: Pick<MediaDevices, 'enumerateDevices'> | undefined) {
  const list = await devices?.enumerateDevices().catch(() => []);
  return (list ?? []).filter((device) => device.kind === 'videoinput').length;
}

/**
 * Applies a torch or zoom command to the track. A flip needs a new track, so the caller handles
 * it. Rejects when the camera refuses the constraint.
 */
export async function applyTrackCommand(
  track: MediaStreamTrack,
  command: Exclude<CameraCommand, { action: 'flip' }>,
): Promise<void> {
  const constraint = command.action === 'torch' ? { torch: command.on } : { zoom: command.value };
  await track.applyConstraints({ advanced: [constraint as MediaTrackConstraintSet] });
}
