import { z } from 'zod';

/** Days of the week as support hours name them, Monday first. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Maximum opening ranges on one day. */
export const maxRangesPerDay = 6;

/** Returns true when `zone` is an IANA time zone name that this runtime's Intl knows. */
export function isTimeZone(zone: string): boolean {
  // Offsets such as `+01:00` are valid in newer runtimes but are not zone names: they ignore DST.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since midnight of a `HH:MM` time; `24:00` is 1440, the end of the day. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const timeOfDaySchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time has the form HH:MM, from 00:00 to 24:00.');

/** One opening range of a day, `["09:00", "17:00"]`: open from the start until the end. */
export const openingRangeSchema = z
  .tuple([timeOfDaySchema, timeOfDaySchema])
  .refine(([start, end]) => minutesOf(start) < minutesOf(end), {
    message:
      'A range ends after it starts. For hours past midnight, end the day at 24:00 and start the next day at 00:00.',
  });
export type OpeningRange = z.infer<typeof openingRangeSchema>;

const dayRangesSchema = z
  .array(openingRangeSchema)
  .max(maxRangesPerDay)
  .superRefine((ranges, context) => {
    const sorted = [...ranges].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (
        previous !== undefined &&
        current !== undefined &&
        minutesOf(current[0]) < minutesOf(previous[1])
      ) {
        context.addIssue({
          code: 'custom',
          message: `The ranges ${previous.join('–')} and ${current.join('–')} overlap.`,
        });
      }
    }
  });

/**
 * Weekly opening hours in one time zone. A day that is absent or has no ranges is closed. Times
 * are local to `timeZone`, so opening hours follow its daylight saving changes.
 */
export const supportHoursSchema = z
  .object({
    timeZone: z.string().max(64).refine(isTimeZone, {
      message: 'Unknown time zone. Use an IANA name such as Europe/Berlin or America/New_York.',
    }),
    days: z
      .object({
        mon: dayRangesSchema.optional(),
        tue: dayRangesSchema.optional(),
        wed: dayRangesSchema.optional(),
        thu: dayRangesSchema.optional(),
        fri: dayRangesSchema.optional(),
        sat: dayRangesSchema.optional(),
        sun: dayRangesSchema.optional(),
      })
      .strict(),
  })
  .strict();
export type SupportHours = z.infer<typeof supportHoursSchema>;

/** Whether support is open at one instant, and when it opens next if it is closed. */
export interface SupportHoursStatus {
  open: boolean;
  /** Next opening, or null while open or when no day has opening hours. */
  opensAt: Date | null;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** Index into `weekdays`: 0 is Monday. */
  weekday: number;
  minutes: number;
}

const weekdayIndex: Readonly<Record<string, number>> = {
  Mon: 0,
  Tue: 1,
  Wed: 2,
  Thu: 3,
  Fri: 4,
  Sat: 5,
  Sun: 6,
};

function localTimeIn(timeZone: string, at: Date): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((entry) => entry.type === type)?.value ?? '';

  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: weekdayIndex[part('weekday')] ?? 0,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** Offset of `timeZone` from UTC at `at`, in milliseconds (positive east of Greenwich). */
function offsetMs(timeZone: string, at: Date): number {
  const local = localTimeIn(timeZone, at);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  const wholeMinute = at.getTime() - (at.getTime() % 60_000);
  return asUtc - wholeMinute;
}

/**
 * Converts a wall-clock time in `timeZone` to an instant. A time skipped by a daylight saving
 * change maps to the same wall-clock distance after the change (02:30 becomes 03:30).
 */
function instantOf(timeZone: string, year: number, month: number, day: number, minutes: number) {
  const wallClock = Date.UTC(year, month - 1, day, 0, minutes);
  const firstGuess = wallClock - offsetMs(timeZone, new Date(wallClock));
  return new Date(wallClock - offsetMs(timeZone, new Date(firstGuess)));
}

function rangesOf(hours: SupportHours, weekday: number): OpeningRange[] {
  const name = weekdays[weekday % 7] ?? 'mon';
  return [...(hours.days[name] ?? [])].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
}

/** Returns whether support is open at `at` by `hours`, and when it opens next if not; null hours are always open. */
export function supportHoursStatus(hours: SupportHours | null, at: Date): SupportHoursStatus {
  if (hours === null) return { open: true, opensAt: null };

  const now = localTimeIn(hours.timeZone, at);
  const openNow = rangesOf(hours, now.weekday).some(
    ([start, end]) => minutesOf(start) <= now.minutes && now.minutes < minutesOf(end),
  );
  if (openNow) return { open: true, opensAt: null };

  // Today's later ranges first, then the next seven days: a week later is the same weekday again.
  for (let dayOffset = 0; dayOffset <= 7; dayOffset += 1) {
    const date = new Date(Date.UTC(now.year, now.month - 1, now.day + dayOffset));
    for (const [start] of rangesOf(hours, now.weekday + dayOffset)) {
      const startMinutes = minutesOf(start);
      if (dayOffset === 0 && startMinutes <= now.minutes) continue;

      const opensAt = instantOf(
        hours.timeZone,
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        startMinutes,
      );
      if (opensAt.getTime() > at.getTime()) return { open: false, opensAt };
    }
  }
  return { open: false, opensAt: null };
}
