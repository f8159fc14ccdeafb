/**
 * Script that the harness adds to every page before the page's own scripts run. It replaces
 * `RTCPeerConnection` with a subclass that:
 *
 * - drops every ICE candidate other than a host candidate on 127.0.0.1 or ::1, both in the
 *   `icecandidate` events that reach the page and in `addIceCandidate` and remote descriptions,
 *   so the test calls never aim traffic at another host. A Linux host routes traffic between its
 *   own addresses over the loopback device, so the local side of the pair in use may still be
 *   another address of this host;
 * - records every peer connection in `window.__lensdeskPeers`, so tests can read `getStats()`;
 * - records every stream that `getUserMedia` returns in `window.__lensdeskCaptures`, so tests can
 *   check that the camera and microphone are released.
 *
 * The script is plain JavaScript in a string: Playwright injects it as written, so no compiler
 * helper can leak into it.
 */
export const peerConnectionSpyScript = String.raw`(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__lensdeskPeers) return;

  const peers = [];
  const dropped = [];
  Object.defineProperty(window, '__lensdeskPeers', { value: peers });
  Object.defineProperty(window, '__lensdeskDroppedCandidates', { value: dropped });

  const captures = [];
  Object.defineProperty(window, '__lensdeskCaptures', { value: captures });
  // navigator.mediaDevices exists only in secure contexts.
  const mediaDevices = navigator.mediaDevices;
  if (mediaDevices && mediaDevices.getUserMedia) {
    const nativeGetUserMedia = mediaDevices.getUserMedia.bind(mediaDevices);
    mediaDevices.getUserMedia = async (constraints) => {
      const stream = await nativeGetUserMedia(constraints);
      captures.push(stream);
      return stream;
    };
  }

  const loopback = new Set(['127.0.0.1', '::1', '[::1]']);

  // A null candidate or an empty candidate string marks the end of gathering and passes.
  const isAllowed = (candidate) => {
    if (candidate == null) return true;
    const line = typeof candidate === 'string' ? candidate : candidate.candidate;
    if (!line) return true;
    const fields = line.trim().replace(/^a=/, '').split(/\s+/);
    const allowed = fields[7] === 'host' && loopback.has(fields[4]);
    if (!allowed) dropped.push(line);
    return allowed;
  };

  const filterSdp = (sdp) =>
    sdp
      .split('\r\n')
      .filter((line) => !line.startsWith('a=candidate:') || isAllowed(line))
      .join('\r\n');

  const wrappedListeners = new WeakMap();
  const wrapListener = (listener) => {
    let wrapped = wrappedListeners.get(listener);
    if (!wrapped) {
      wrapped = function (event) {
        if (!isAllowed(event.candidate)) return;
        if (typeof listener === 'function') return listener.call(this, event);
        return listener.handleEvent(event);
      };
      wrappedListeners.set(listener, wrapped);
    }
    return wrapped;
  };

  const handlers = new WeakMap();

  class LoopbackPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      peers.push(this);
    }

    addEventListener(type, listener, options) {
      if (type === 'icecandidate' && listener) {
        return super.addEventListener(type, wrapListener(listener), options);
      }
      return super.addEventListener(type, listener, options);
    }

    removeEventListener(type, listener, options) {
      if (type === 'icecandidate' && listener) {
        return super.removeEventListener(type, wrapListener(listener), options);
      }
      return super.removeEventListener(type, listener, options);
    }

    get onicecandidate() {
      return handlers.get(this)?.handler ?? null;
    }

    set onicecandidate(handler) {
      const previous = handlers.get(this);
      if (previous) super.removeEventListener('icecandidate', previous.wrapped);
      handlers.delete(this);
      if (typeof handler !== 'function') return;

      const wrapped = (event) => {
        if (isAllowed(event.candidate)) handler.call(this, event);
      };
      handlers.set(this, { handler, wrapped });
      super.addEventListener('icecandidate', wrapped);
    }

    addIceCandidate(candidate, ...rest) {
      if (!isAllowed(candidate)) return Promise.resolve();
      return super.addIceCandidate(candidate, ...rest);
    }

    setRemoteDescription(description, ...rest) {
      if (description && typeof description.sdp === 'string') {
        description = { type: description.type, sdp: filterSdp(description.sdp) };
      }
      return super.setRemoteDescription(description, ...rest);
    }
  }

  window.RTCPeerConnection = LoopbackPeerConnection;
})();`;

/**
 * Page expression that sums `framesDecoded` over the inbound video streams of every recorded peer
 * connection. It evaluates to 0 while no peer connection exists.
 */
export const framesDecodedExpression = String.raw`(async () => {
  let total = 0;
  for (const peer of window.__lensdeskPeers ?? []) {
    if (peer.connectionState === 'closed') continue;
    const report = await peer.getStats();
    report.forEach((stats) => {
      if (stats.type === 'inbound-rtp' && stats.kind === 'video') total += stats.framesDecoded ?? 0;
    });
  }
  return total;
})()`;

/** Page expression that counts the camera and microphone tracks that are still capturing. */
export const liveCaptureTracksExpression = String.raw`(window.__lensdeskCaptures ?? [])
  .flatMap((stream) => stream.getTracks())
  .filter((track) => track.readyState === 'live').length`;
