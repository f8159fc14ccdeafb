import { describe, expect, it } from 'vitest';
import {
  MediaAccessError,
  classifyMediaError,
  openCameraAndMicrophone,
  openVideoTrack,
  type MediaDevicesLike,
} from './media';
import { FakeStream, FakeTrack } from './test-support/fake-webrtc';

function domError(name: string): DOMException {
  return new DOMException(`${name} in test`, name);
}

/** Fake devices that return the next outcome for each getUserMedia call. */
function devices(outcomes: (Error | FakeStream)[]): MediaDevicesLike & {
  calls: MediaStreamConstraints[];
} {
  const calls: MediaStreamConstraints[] = [];
  return {
    calls,
    getUserMedia: async (constraints?: MediaStreamConstraints) => {
      calls.push(constraints ?? {});
      const outcome = outcomes.shift();
      if (outcome === undefined || outcome instanceof Error) {
        throw outcome ?? domError('NotFoundError');
      }
      return outcome as unknown as MediaStream;
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(MediaAccessError);
  return (error as MediaAccessError).failure;
}

describe('classifyMediaError', () => {
  it.each([
    ['NotAllowedError', 'permission_denied'],
    ['SecurityError', 'permission_denied'],
    ['NotFoundError', 'no_camera'],
    ['NotReadableError', 'camera_busy'],
    ['OverconstrainedError', 'camera_failed'],
  ])('maps %s to %s', (name, failure) => {
    expect(classifyMediaError(domError(name))).toBe(failure);
  });
});

describe('openCameraAndMicrophone', () => {
  it('asks for the rear camera and audio first', async () => {
    const fake = devices([new FakeStream([new FakeTrack('video'), new FakeTrack('audio')])]);
    const opened = await openCameraAndMicrophone(fake, 'environment');

    expect(opened.facingMode).toBe('environment');
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.audio).toBe(true);
    expect(fake.calls[0]?.video).toMatchObject({ facingMode: { ideal: 'environment' } });
  });

  it('falls back to any camera', async () => {
    const stream = new FakeStream([new FakeTrack('video'), new FakeTrack('audio')]);
    const fake = devices([domError('OverconstrainedError'), stream]);
    await openCameraAndMicrophone(fake, 'environment');

    expect(fake.calls[1]).toEqual({ video: true, audio: true });
  });

  it('falls back to video without a microphone', async () => {
    const stream = new FakeStream([new FakeTrack('video')]);
    const fake = devices([domError('NotFoundError'), domError('NotFoundError'), stream]);
    const opened = await openCameraAndMicrophone(fake, 'environment');

    expect(fake.calls[2]).toEqual({ video: true, audio: false });
    expect(opened.stream).toBe(stream);
  });

  it('reports a device without a camera', async () => {
    const fake = devices([
      domError('NotFoundError'),
      domError('NotFoundError'),
      domError('NotFoundError'),
    ]);
    expect(await failureOf(openCameraAndMicrophone(fake, 'environment'))).toBe('no_camera');
  });

  it('stops at a denied permission', async () => {
    const fake = devices([domError('NotAllowedError')]);
    expect(await failureOf(openCameraAndMicrophone(fake, 'environment'))).toBe('permission_denied');
    expect(fake.calls).toHaveLength(1);
  });

  it('reports an insecure page', async () => {
    expect(await failureOf(openCameraAndMicrophone(undefined, 'environment'))).toBe(
      'insecure_context',
    );
  });
});

describe('openVideoTrack', () => {
  it('asks for the exact facing mode first', async () => {
    const track = new FakeTrack('video');
    const fake = devices([new FakeStream([track])]);
    const opened = await openVideoTrack(fake, 'user');

    expect(opened.track).toBe(track);
    expect(opened.facingMode).toBe('user');
    expect(fake.calls[0]?.video).toMatchObject({ facingMode: { exact: 'user' } });
    expect(fake.calls[0]?.audio).toBeUndefined();
  });

  it('accepts any camera when none faces that way', async () => {
    const fake = devices([
      domError('OverconstrainedError'),
      new FakeStream([new FakeTrack('video')]),
    ]);
    await openVideoTrack(fake, 'user');

    expect(fake.calls[1]?.video).toMatchObject({ facingMode: { ideal: 'user' } });
  });
});
