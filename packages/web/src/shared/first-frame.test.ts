import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodedVideoFrames, watchFirstVideoFrame } from './first-frame';

function report(entries: Record<string, unknown>[]): RTCStatsReport {
  return new Map(
    entries.map((entry, index) => [String(index), entry]),
  ) as unknown as RTCStatsReport;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('decodedVideoFrames', () => {
  it('counts inbound video frames only', () => {
    const stats = report([
      { type: 'inbound-rtp', kind: 'video', framesDecoded: 3 },
      { type: 'inbound-rtp', kind: 'audio' },
      { type: 'outbound-rtp', kind: 'video', framesEncoded: 10 },
    ]);
    expect(decodedVideoFrames(stats)).toBe(3);
  });
});

describe('watchFirstVideoFrame', () => {
  it('fires once after the first frame', async () => {
    vi.useFakeTimers();
    const reports = [
      report([]),
      report([{ type: 'inbound-rtp', kind: 'video', framesDecoded: 0 }]),
      report([{ type: 'inbound-rtp', kind: 'video', framesDecoded: 1 }]),
    ];
    const getStats = vi.fn(async () => reports.shift() ?? report([]));
    const onFirstFrame = vi.fn();

    watchFirstVideoFrame({ getStats }, onFirstFrame, 100);
    await vi.advanceTimersByTimeAsync(1000);

    expect(onFirstFrame).toHaveBeenCalledTimes(1);
    expect(getStats).toHaveBeenCalledTimes(3);
  });

  it('stops when cancelled', async () => {
    vi.useFakeTimers();
    const getStats = vi.fn(async () => report([]));
    const onFirstFrame = vi.fn();

    const stop = watchFirstVideoFrame({ getStats }, onFirstFrame, 100);
    await vi.advanceTimersByTimeAsync(250);
    stop();
    const calls = getStats.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1000);

    expect(getStats.mock.calls.length).toBe(calls);
    expect(onFirstFrame).not.toHaveBeenCalled();
  });

  it('stops when statistics fail', async () => {
    vi.useFakeTimers();
    const getStats = vi.fn(async (): Promise<RTCStatsReport> => {
      throw new Error('closed');
    });

    watchFirstVideoFrame({ getStats }, vi.fn(), 100);
    await vi.advanceTimersByTimeAsync(1000);

    expect(getStats).toHaveBeenCalledTimes(1);
  });
});
