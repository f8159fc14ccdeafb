import { t } from '../i18n';

/** Kind of KPI value: a count, a duration in ms, a fraction from 0 to 1, a 1–5 mean, or minutes. */
export type ValueFormat = 'count' | 'duration' | 'rate' | 'score' | 'minutes';

/** Direction in which a KPI improves; `neither` for volumes such as the number of sessions. */
export type Better = 'higher' | 'lower' | 'neither';

/** Change of a KPI against the previous period, as a tile shows it. */
export interface Change {
  direction: 'up' | 'down' | 'flat';
  tone: 'good' | 'bad' | 'neutral';
  /** Size of the change without a sign, such as `12%` or `3.2 pts`; the arrow shows the sign. */
  magnitude: string;
}

/** Locale for numbers and dates: the browser's first preferred language. */
export function viewerLocale(): string | undefined {
  return globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language;
}

const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(locale: string | undefined, unit: string, fractionDigits: number) {
  const key = `${locale ?? ''}|${unit}|${fractionDigits}`;
  let format = unitFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'narrow',
      maximumFractionDigits: fractionDigits,
    });
    unitFormats.set(key, format);
  }
  return format;
}

/**
 * Formats a duration in milliseconds for a KPI: `3.4s` under ten seconds, `42s` under a minute,
 * `6m 40s` under an hour, and `1h 5m` beyond, with the locale's digits and unit symbols.
 */
export function formatDuration(ms: number, locale = viewerLocale()): string {
  const seconds = ms / 1000;
  if (seconds < 10) {
    return unitFormat(locale, 'second', 1).format(seconds);
  }
  if (seconds < 59.5) {
    return unitFormat(locale, 'second', 0).format(seconds);
  }
  const totalSeconds = Math.round(seconds);
  if (totalSeconds < 3600) {
    const minutes = unitFormat(locale, 'minute', 0).format(Math.floor(totalSeconds / 60));
    const rest = unitFormat(locale, 'second', 0).format(totalSeconds % 60);
    return `${minutes} ${rest}`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = unitFormat(locale, 'hour', 0).format(Math.floor(totalMinutes / 60));
  const minutes = unitFormat(locale, 'minute', 0).format(totalMinutes % 60);
  return `${hours} ${minutes}`;
}

/** Formats a fraction from 0 to 1 as a percentage with at most one decimal: `83.3%`. */
export function formatRate(fraction: number, locale = viewerLocale()): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    fraction,
  );
}

/** Formats a survey mean on a 1–5 scale with exactly one decimal: `4.0`. */
export function formatScore(score: number, locale = viewerLocale()): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(score);
}

/** Formats a whole count with the locale's grouping: `1,234`. */
export function formatCount(count: number, locale = viewerLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

/** Formats minutes, with one decimal below ten: `7.5 min`, `1,234 min`. */
export function formatMinutes(minutes: number, locale = viewerLocale()): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: minutes < 10 ? 1 : 0,
  }).format(minutes);
}

/** Formats a KPI value, or returns the "no value" dash for null. */
export function formatValue(
  value: number | null,
  format: ValueFormat,
  locale = viewerLocale(),
): string {
  if (value === null || !Number.isFinite(value)) {
    return t('common.none');
  }
  switch (format) {
    case 'count':
      return formatCount(value, locale);
    case 'duration':
      return formatDuration(value, locale);
    case 'rate':
      return formatRate(value, locale);
    case 'score':
      return formatScore(value, locale);
    case 'minutes':
      return formatMinutes(value, locale);
  }
}

// Changes smaller than these read as "no change": a tenth of a percentage point for rates, and
// half a percent for everything else.
const flatPoints = 0.05;
const flatPercent = 0.5;

/**
 * Compares a KPI with the previous period. Rates change by percentage points, everything else by
 * percent of the previous value. Returns null when either value is missing, or when the previous
 * value is 0 and a percentage cannot be computed.
 */
export function compareValues(
  current: number | null,
  previous: number | null,
  format: ValueFormat,
  better: Better,
  locale = viewerLocale(),
): Change | null {
  if (current === null || previous === null) {
    return null;
  }

  let size: number;
  let magnitude: string;
  const decimals = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (format === 'rate') {
    const points = (current - previous) * 100;
    size = Math.abs(points) < flatPoints ? 0 : points;
    magnitude = t('dashboard.change.points', { points: decimals.format(Math.abs(size)) });
  } else {
    if (previous === 0) {
      return current === 0 ? { direction: 'flat', tone: 'neutral', magnitude: '' } : null;
    }
    const percent = ((current - previous) / Math.abs(previous)) * 100;
    size = Math.abs(percent) < flatPercent ? 0 : percent;
    magnitude = new Intl.NumberFormat(locale, {
      style: 'percent',
      maximumFractionDigits: Math.abs(size) < 10 ? 1 : 0,
    }).format(Math.abs(size) / 100);
  }

  if (size === 0) {
    return { direction: 'flat', tone: 'neutral', magnitude: '' };
  }
  const direction = size > 0 ? 'up' : 'down';
  return { direction, tone: toneOf(direction, better), magnitude };
}

function toneOf(direction: 'up' | 'down', better: Better): Change['tone'] {
  if (better === 'neither') {
    return 'neutral';
  }
  return (direction === 'up') === (better === 'higher') ? 'good' : 'bad';
}

/** Formats a date-only key (`2026-11-03`) as a short date, without shifting it across zones. */
export function formatPlainDate(
  date: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
  locale = viewerLocale(),
): string {
  const instant = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) {
    return date;
  }
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(instant);
}

/**
 * Formats an ISO instant as a date and time in `timeZone`, leaving out the year when it is the
 * year of `now` there.
 */
export function formatInstant(
  iso: string,
  timeZone: string,
  now = new Date(),
  locale = viewerLocale(),
): string {
  const instant = new Date(iso);
  const year = (date: Date) =>
    new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date);
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: year(instant) === year(now) ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(instant);
}
