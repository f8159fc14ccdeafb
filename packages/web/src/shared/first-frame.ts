/** Source of WebRTC statistics, such as `RTCPeerConnection` or `PeerSession`. */
export interface StatsSource {
  getStats(): Promise<RTCStatsReport>;
}

/** Returns the number of video frames decoded across all inbound video streams of a report. */
export function decodedVideoFrames(report: RTCStatsReport): number {
  let frames = 0;
  report.forEach((entry: { type?: string; kind?: string; framesDecoded?: number }) => {
    if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
      frames += entry.framesDecoded ?? 0;
    }
  });
  return frames;
}

/**
 * Polls statistics until the first remote video frame is decoded, then calls `onFirstFrame`
 * once. Stops without calling it when `getStats` rejects, as it does on a closed connection.
 * Returns a function that stops polling. Polling `getStats` works in every browser, whereas
 * `requestVideoFrameCallback` is missing in older Firefox.
 */
export function watchFirstVideoFrame(
  source: StatsSource,
  onFirstFrame: () => void,
  intervalMs = 200,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const poll = async (): Promise<void> => {
    const frames = await source.getStats().then(decodedVideoFrames, () => null);
    if (stopped || frames === null) {
      return;
    }
    if (frames > 0) {
      stopped = true;
      onFirstFrame();
      return;
    }
    timer = setTimeout(() => void poll(), intervalMs);
  };

  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
