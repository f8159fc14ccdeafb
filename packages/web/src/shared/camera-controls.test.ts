import { describe, expect, it } from 'vitest';
import { applyTrackCommand, countCameras, readCameraCapabilities } from './camera-controls.js';

/** A camera track with the given capabilities and settings, recording applied constraints. */
function fakeTrack(capabilities: object, settings: object = {}) {
  const applied: MediaTrackConstraints[] = [];
  const track = {
    getCapabilities: () => capabilities,
    getSettings: () => settings,
    applyConstraints: async (constraints: MediaTrackConstraints) => {
      applied.push(constraints);
    },
  } as unknown as MediaStreamTrack;
  return { track, applied };
}

describe('readCameraCapabilities', () => {
  it('offers torch and zoom that the track reports', () => {
    const { track } = fakeTrack(
      { torch: true, zoom: { min: 1, max: 8, step: 0.1 } },
      { torch: true, zoom: 2 },
    );

    expect(readCameraCapabilities(track, 'environment', true)).toEqual({
      canFlip: true,
      facingMode: 'environment',
      torch: true,
      torchOn: true,
      zoom: { min: 1, max: 8, step: 0.1, value: 2 },
    });
  });

  it('offers nothing a laptop camera lacks', () => {
    const { track } = fakeTrack({ width: { min: 1, max: 1280 } });

    const capabilities = readCameraCapabilities(track, 'user', false);
    expect(capabilities.torch).toBe(false);
    expect(capabilities.torchOn).toBe(false);
    expect(capabilities.zoom).toBeNull();
  });

  it('ignores a zoom range without room to zoom', () => {
    const { track } = fakeTrack({ zoom: { min: 1, max: 1 } });

    expect(readCameraCapabilities(track, null, false).zoom).toBeNull();
  });

  it('handles browsers without getCapabilities', () => {
    const track = { getSettings: () => ({}) } as unknown as MediaStreamTrack;

    expect(readCameraCapabilities(track, null, false)).toMatchObject({ torch: false, zoom: null });
    expect(readCameraCapabilities(undefined, null, false)).toMatchObject({
      torch: false,
      zoom: null,
    });
  });
});

describe('applyTrackCommand', () => {
  it('sets torch and zoom as advanced constraints', async () => {
    const { track, applied } = fakeTrack({ torch: true, zoom: { min: 1, max: 8 } });

    await applyTrackCommand(track, { action: 'torch', on: true });
    await applyTrackCommand(track, { action: 'zoom', value: 3 });

    expect(applied).toEqual([{ advanced: [{ torch: true }] }, { advanced: [{ zoom: 3 }] }]);
  });
});

describe('countCameras', () => {
  it('counts video inputs only', async () => {
    const devices = {
      enumerateDevices: async () =>
        [
          { kind: 'videoinput' },
          { kind: 'audioinput' },
          { kind: 'videoinput' },
        ] as MediaDeviceInfo[],
    };

    expect(await countCameras(devices)).toBe(2);
  });

  it('counts none when listing fails', async () => {
    const devices = {
      enumerateDevices: () => Promise.reject(new Error('denied')),
    };

    expect(await countCameras(devices)).toBe(0);
    expect(await countCameras(undefined)).toBe(0);
  });
});
