import { type OpeningRange, type SupportHours, type Weekday, weekdays } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useId, useMemo } from 'preact/hooks';
import { currentLocale, t } from '../../i18n';

/** Returns the hours a new schedule starts with: Monday to Friday, 09:00 to 17:00, in the viewer's zone. */
export function defaultSupportHours(): SupportHours {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const workday: OpeningRange[] = [['09:00', '17:00']];
  return {
    timeZone,
    days: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
  };
}

/** Returns the time zones this browser supports, with `current` added if the list lacks it. */
function timeZoneOptions(current: string): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = zones.includes('UTC') ? [...zones] : [...zones, 'UTC'];
  return all.includes(current) ? all : [current, ...all];
}

/** Returns the weekday names in the viewer's language, Monday first. */
function weekdayNames(): Record<Weekday, string> {
  const format = new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' });
  // 5 January 2026 is a Monday.
  const names = weekdays.map((_, index) => format.format(new Date(Date.UTC(2026, 0, 5 + index))));
  return Object.fromEntries(weekdays.map((day, index) => [day, names[index] ?? day])) as Record<
    Weekday,
    string
  >;
}

/**
 * `<input type="time">` cannot show 24:00, so a range that ends at midnight shows 00:00 as its
 * end, and 00:00 entered as an end means the end of the day.
 */
const endToInput = (end: string) => (end === '24:00' ? '00:00' : end);
const inputToEnd = (value: string) => (value === '00:00' ? '24:00' : value);

export interface SupportHoursEditorProps {
  hours: SupportHours | null;
  onChange(hours: SupportHours | null): void;
}

/** Editor of a product line's support hours: always open, or weekly ranges in a time zone. */
export function SupportHoursEditor(props: SupportHoursEditorProps): JSX.Element {
  const { hours } = props;
  const groupName = useId();
  const zoneId = useId();

  return (
    <fieldset class="hours-editor">
      <legend>{t('admin.hours.title')}</legend>
      <div class="radio-row">
        <label class="choice">
          <input
            type="radio"
            name={groupName}
            checked={hours === null}
            onChange={() => props.onChange(null)}
          />
          <span>{t('admin.hours.alwaysOpen')}</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name={groupName}
            checked={hours !== null}
            onChange={() => props.onChange(hours ?? defaultSupportHours())}
          />
          <span>{t('admin.hours.setHours')}</span>
        </label>
      </div>
      {hours === null ? (
        <p class="field-hint">{t('admin.hours.alwaysOpenHint')}</p>
      ) : (
        <>
          <div class="field">
            <label for={zoneId}>{t('admin.hours.timeZone')}</label>
            <TimeZoneSelect
              id={zoneId}
              value={hours.timeZone}
              onChange={(timeZone) => props.onChange({ ...hours, timeZone })}
            />
          </div>
          <WeekEditor hours={hours} onChange={props.onChange} />
          <p class="field-hint">{t('admin.hours.midnightHint')}</p>
        </>
      )}
    </fieldset>
  );
}

function TimeZoneSelect(props: {
  id: string;
  value: string;
  onChange(zone: string): void;
}): JSX.Element {
  const zones = useMemo(() => timeZoneOptions(props.value), [props.value]);
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}

function WeekEditor(props: {
  hours: SupportHours;
  onChange(hours: SupportHours): void;
}): JSX.Element {
  const names = useMemo(weekdayNames, []);
  const { hours } = props;

  const setDay = (day: Weekday, ranges: OpeningRange[]): void => {
    props.onChange({ ...hours, days: { ...hours.days, [day]: ranges } });
  };

  const copyMondayToWeekdays = (): void => {
    const monday = hours.days.mon ?? [];
    props.onChange({
      ...hours,
      days: { ...hours.days, tue: monday, wed: monday, thu: monday, fri: monday },
    });
  };

  return (
    <div class="week">
      {weekdays.map((day) => (
        <DayRow
          key={day}
          name={names[day]}
          ranges={hours.days[day] ?? []}
          onChange={(ranges) => setDay(day, ranges)}
        />
      ))}
      <div>
        <button type="button" class="button button-small" onClick={copyMondayToWeekdays}>
          {t('admin.hours.copyMonday')}
        </button>
      </div>
    </div>
  );
}

function DayRow(props: {
  name: string;
  ranges: OpeningRange[];
  onChange(ranges: OpeningRange[]): void;
}): JSX.Element {
  const { name, ranges } = props;
  const open = ranges.length > 0;

  const setRange = (index: number, range: OpeningRange): void => {
    props.onChange(ranges.map((existing, position) => (position === index ? range : existing)));
  };

  const addRange = (): void => {
    const last = ranges.at(-1);
    // A second range starts an hour after the first ends, when the day has room for it.
    const start = last === undefined ? '09:00' : laterTime(last[1], 60);
    const end = laterTime(start, 240);
    props.onChange([...ranges, [start, end]]);
  };

  return (
    <div class="day-row">
      <label class="choice day-toggle">
        <input
          type="checkbox"
          checked={open}
          onChange={(event) =>
            props.onChange(event.currentTarget.checked ? [['09:00', '17:00']] : [])
          }
        />
        <span class="day-name">{name}</span>
      </label>
      {open ? (
        <div class="day-ranges">
          {ranges.map(([start, end], index) => (
            <div class="range" key={index}>
              <input
                type="time"
                value={start}
                required
                aria-label={t('admin.hours.opensAt', { day: name })}
                onChange={(event) => setRange(index, [event.currentTarget.value, end])}
              />
              <span aria-hidden="true">–</span>
              <input
                type="time"
                value={endToInput(end)}
                required
                aria-label={t('admin.hours.closesAt', { day: name })}
                onChange={(event) =>
                  setRange(index, [start, inputToEnd(event.currentTarget.value)])
                }
              />
              {ranges.length > 1 ? (
                <button
                  type="button"
                  class="button button-quiet button-small"
                  aria-label={t('admin.hours.removeRange', { day: name, start, end })}
                  onClick={() => props.onChange(ranges.filter((_, position) => position !== index))}
                >
                  {t('admin.remove')}
                </button>
              ) : null}
            </div>
          ))}
          {ranges.length < 6 ? (
            <button
              type="button"
              class="button button-quiet button-small"
              aria-label={t('admin.hours.addRangeFor', { day: name })}
              onClick={addRange}
            >
              {t('admin.hours.addRange')}
            </button>
          ) : null}
        </div>
      ) : (
        <span class="muted day-closed">{t('admin.hours.closed')}</span>
      )}
    </div>
  );
}

/** Adds minutes to a `HH:MM` time, stopping at 24:00. */
function laterTime(time: string, minutes: number): string {
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  const total = Math.min(24 * 60, hours * 60 + mins + minutes);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}
