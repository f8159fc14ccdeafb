/**
 * Checks the harness itself, without the product: the fake camera plays the generated label
 * video, the ICE filter lets only loopback candidates through, and the camera setups for the
 * failure cases give the errors that the product tests rely on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLabelVideo } from '../fixtures/make-label-video.js';
import { launchBrowser } from './chromium.js';
import type { BrowserSession, CameraSetup } from './chromium.js';
import { waitForFramesRising } from './pages.js';

// Any http://127.0.0.1 origin is a secure context, so getUserMedia works there. Playwright
// fulfils the request itself, so nothing needs to listen on the port.
const blankPageUrl = 'http://127.0.0.1:9/harness';

let session: BrowserSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function openBlankPage(camera: CameraSetup): Promise<BrowserSession> {
  session = await launchBrowser({ camera, device: 'phone' });
  await session.page.route(blankPageUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>harness</title>' }),
  );
  await session.page.goto(blankPageUrl);
  return session;
}

async function getUserMediaOutcome(session: BrowserSession): Promise<string> {
  const outcome: unknown = await session.page.evaluate(`(async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      window.__harnessStream = stream;
      const settings = stream.getVideoTracks()[0].getSettings();
      return settings.width + 'x' + settings.height;
    } catch (error) {
      return error.name;
    }
  })()`);
  return String(outcome);
}

// Connects two peer connections inside the page, the first sending the camera to the second.
const loopbackCallScript = `(async () => {
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  const delivered = [];
  sender.onicecandidate = (event) => {
    if (event.candidate) delivered.push(event.candidate.candidate);
    receiver.addIceCandidate(event.candidate);
  };
  receiver.addEventListener('icecandidate', (event) => {
    if (event.candidate) delivered.push(event.candidate.candidate);
    sender.addIceCandidate(event.candidate);
  });
  for (const track of window.__harnessStream.getTracks()) {
    sender.addTrack(track, window.__harnessStream);
  }
  await sender.setLocalDescription();
  await receiver.setRemoteDescription(sender.localDescription);
  await receiver.setLocalDescription();
  await sender.setRemoteDescription(receiver.localDescription);
  const gathered = () =>
    sender.iceGatheringState === 'complete' && receiver.iceGatheringState === 'complete';
  for (let waited = 0; !gathered() && waited < 10000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { delivered, dropped: window.__lensdeskDroppedCandidates, peers: window.__lensdeskPeers.length };
})()`;

describe('harness', () => {
  it('plays the label video as the camera', async () => {
    const camera = await openBlankPage({ kind: 'file', path: await ensureLabelVideo() });

    expect(await getUserMediaOutcome(camera)).toBe('1280x720');
  });

  it('connects peers over loopback only', async () => {
    const call = await openBlankPage({ kind: 'file', path: await ensureLabelVideo() });
    await getUserMediaOutcome(call);

    const result = (await call.page.evaluate(loopbackCallScript)) as {
      delivered: string[];
      dropped: string[];
      peers: number;
    };
    const frames = await waitForFramesRising(call.page);

    expect(result.peers).toBe(2);
    expect(result.delivered.length).toBeGreaterThan(0);
    for (const candidate of result.delivered) {
      expect(candidate).toMatch(/ (127\.0\.0\.1|::1) \d+ typ host/);
    }
    expect(frames.last).toBeGreaterThan(frames.first);
  });

  it('denies the camera permission', async () => {
    const denied = await openBlankPage({ kind: 'permission-denied' });

    expect(await getUserMediaOutcome(denied)).toBe('NotAllowedError');
  });

  it('launches without a camera device', async () => {
    const noCamera = await openBlankPage({ kind: 'no-device' });

    expect(await getUserMediaOutcome(noCamera)).toBe('NotFoundError');
  });
});
