import { useEffect, useState } from 'preact/hooks';

/**
 * Formats a duration as a clock: `m:ss` under an hour, `h:mm:ss` from an hour on. Negative
 * durations, from clocks that disagree by a little, read as zero.
 */
export function formatElapsed(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours === 0) {
    return `${minutes}:${ss}`;
  }
  return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
}

/** Returns the time from `since` (ISO 8601) to `now` (epoch milliseconds) as a clock. */
export function elapsedSince(since: string, now: number): string {
  return formatElapsed(now - Date.parse(since));
}

/** Whole seconds left until `deadline` (ISO 8601), never below zero. */
export function secondsUntil(deadline: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
}

/** Returns the current time in epoch milliseconds, re-rendering the component every second. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
