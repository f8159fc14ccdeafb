import type { Signal } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { PeerSession, type PeerConnectionLike, type PeerSessionOptions } from './peer-session';
import { FakePeerConnection, FakeStream, FakeTrack, settle } from './test-support/fake-webrtc';

interface Side {
  session: PeerSession;
  pc: FakePeerConnection;
  sent: Signal[];
  remoteTracks: MediaStreamTrack[];
  states: RTCPeerConnectionState[];
  errors: unknown[];
}

/** Two sessions wired to each other through an asynchronous in-memory signaling channel. */
function connectPair(impoliteOptions: Partial<PeerSessionOptions> = {}): {
  polite: Side;
  impolite: Side;
} {
  const make = (polite: boolean, deliver: (signal: Signal) => void): Side => {
    const pc = new FakePeerConnection();
    const side: Side = {
      pc,
      sent: [],
      remoteTracks: [],
      states: [],
      errors: [],
      session: new PeerSession({
        polite,
        configuration: {},
        createPeerConnection: () => pc as unknown as PeerConnectionLike,
        sendSignal: (signal) => {
          side.sent.push(signal);
          deliver(signal);
        },
        onRemoteTrack: (track) => side.remoteTracks.push(track),
        onConnectionStateChange: (state) => side.states.push(state),
        onError: (error) => side.errors.push(error),
        ...(polite ? {} : impoliteOptions),
      }),
    };
    return side;
  };

  const relay = (target: () => Side) => (signal: Signal) => {
    setTimeout(() => void target().session.handleSignal(signal), 0);
  };
  const polite: Side = make(
    true,
    relay(() => impolite),
  );
  const impolite: Side = make(
    false,
    relay(() => polite),
  );
  return { polite, impolite };
}

function mediaStream(...kinds: ('audio' | 'video')[]): FakeStream {
  return new FakeStream(kinds.map((kind) => new FakeTrack(kind)));
}

function offersIn(signals: Signal[]): number {
  return signals.filter((signal) => 'description' in signal && signal.description.type === 'offer')
    .length;
}

describe('PeerSession', () => {
  it('connects when only one side has tracks', async () => {
    const { polite, impolite } = connectPair();
    polite.session.addLocalStream(mediaStream('audio', 'video') as unknown as MediaStream);
    await settle();

    expect(polite.session.signalingState).toBe('stable');
    expect(impolite.session.signalingState).toBe('stable');
    expect(impolite.remoteTracks.map((track) => track.kind).sort()).toEqual(['audio', 'video']);
    expect(polite.states).toContain('connected');
    expect(impolite.states).toContain('connected');
  });

  it('resolves glare when both sides offer at once', async () => {
    const { polite, impolite } = connectPair();
    polite.session.addLocalStream(mediaStream('audio', 'video') as unknown as MediaStream);
    impolite.session.addLocalStream(mediaStream('audio', 'video') as unknown as MediaStream);
    await settle();

    expect(offersIn(polite.sent)).toBeGreaterThanOrEqual(1);
    expect(offersIn(impolite.sent)).toBeGreaterThanOrEqual(1);
    expect(polite.pc.rollbacks).toBeGreaterThanOrEqual(1);
    expect(impolite.pc.rollbacks).toBe(0);
    expect(polite.session.signalingState).toBe('stable');
    expect(impolite.session.signalingState).toBe('stable');
    expect(polite.remoteTracks).toHaveLength(2);
    expect(impolite.remoteTracks).toHaveLength(2);
    expect(impolite.errors).toEqual([]);
  });

  it('relays ICE candidates after descriptions', async () => {
    const { polite, impolite } = connectPair();
    polite.session.addLocalStream(mediaStream('video') as unknown as MediaStream);
    await settle();

    expect(polite.sent.some((signal) => 'candidate' in signal)).toBe(true);
    expect(impolite.pc.addedCandidates.length).toBeGreaterThan(0);
    expect(polite.pc.addedCandidates.length).toBeGreaterThan(0);
  });

  it('flips the camera without renegotiating', async () => {
    const { polite } = connectPair();
    polite.session.addLocalStream(mediaStream('audio', 'video') as unknown as MediaStream);
    await settle();
    const offersBefore = polite.pc.offersCreated;

    const front = new FakeTrack('video');
    const result = await polite.session.replaceVideoTrack(
      front as unknown as MediaStreamTrack,
      new FakeStream([front]) as unknown as MediaStream,
    );
    await settle();

    expect(result).toBe('replaced');
    const videoSender = polite.pc.senders.find((sender) => sender.track?.kind === 'video');
    expect(videoSender?.track).toBe(front);
    expect(videoSender?.replaceCalls).toBe(1);
    expect(polite.pc.offersCreated).toBe(offersBefore);
  });

  it('renegotiates a flip when no video was sent', async () => {
    const { polite, impolite } = connectPair();
    polite.session.addLocalStream(mediaStream('audio') as unknown as MediaStream);
    await settle();
    const offersBefore = polite.pc.offersCreated;

    const camera = new FakeTrack('video');
    const result = await polite.session.replaceVideoTrack(
      camera as unknown as MediaStreamTrack,
      new FakeStream([camera]) as unknown as MediaStream,
    );
    await settle();

    expect(result).toBe('renegotiating');
    expect(polite.pc.offersCreated).toBe(offersBefore + 1);
    expect(impolite.remoteTracks.map((track) => track.kind)).toContain('video');
    expect(polite.session.signalingState).toBe('stable');
  });

  it('restarts ICE when the connection fails', async () => {
    const { polite, impolite } = connectPair();
    polite.session.addLocalStream(mediaStream('video') as unknown as MediaStream);
    await settle();
    const offersBefore = impolite.pc.offersCreated;

    impolite.pc.failIce();
    await settle();

    expect(impolite.pc.restartIceCalls).toBe(1);
    expect(impolite.pc.offersCreated).toBe(offersBefore + 1);
    expect(impolite.session.signalingState).toBe('stable');
    expect(polite.session.signalingState).toBe('stable');
  });

  it('ignores signals after close', async () => {
    const { polite, impolite } = connectPair();
    impolite.session.close();
    polite.session.addLocalStream(mediaStream('video') as unknown as MediaStream);
    await settle();

    expect(impolite.pc.closed).toBe(true);
    expect(impolite.remoteTracks).toEqual([]);
    expect(impolite.sent).toEqual([]);
  });

  it('waits for the remote offer when asked', async () => {
    const { polite, impolite } = connectPair({ waitForRemoteOffer: true, offerWaitMs: 10_000 });
    impolite.session.addLocalStream(mediaStream('audio', 'video') as unknown as MediaStream);
    polite.session.addLocalStream(mediaStream('audio', 'video') as unknown as MediaStream);
    await settle();

    expect(offersIn(impolite.sent)).toBe(0);
    expect(polite.pc.rollbacks).toBe(0);
    expect(polite.remoteTracks).toHaveLength(2);
    expect(impolite.remoteTracks).toHaveLength(2);
    expect(polite.session.signalingState).toBe('stable');
  });

  it('offers after the wait when no offer comes', async () => {
    const { polite, impolite } = connectPair({ waitForRemoteOffer: true, offerWaitMs: 5 });
    impolite.session.addLocalStream(mediaStream('video') as unknown as MediaStream);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();

    expect(offersIn(impolite.sent)).toBe(1);
    expect(polite.remoteTracks).toHaveLength(1);
  });

  it('restarts ICE when the connection stays down', async () => {
    const { polite, impolite } = connectPair({ connectTimeoutMs: 5 });
    polite.pc.autoConnect = false;
    impolite.pc.autoConnect = false;
    polite.session.addLocalStream(mediaStream('video') as unknown as MediaStream);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 30));
    impolite.session.close();

    expect(impolite.pc.restartIceCalls).toBeGreaterThanOrEqual(1);
    expect(polite.pc.restartIceCalls).toBe(0);
  });

  it('records its creation time from the clock', () => {
    const session = new PeerSession({
      polite: true,
      configuration: {},
      createPeerConnection: () => new FakePeerConnection() as unknown as PeerConnectionLike,
      sendSignal: () => undefined,
      now: () => 1234,
    });
    expect(session.createdAt).toBe(1234);
  });
});
