import { en } from './en';

/** Id of one UI message. */
export type MessageKey = keyof typeof en;

/** Translations of one locale; a missing key falls back to the English text. */
export type Catalogue = Partial<Record<MessageKey, string>>;

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

export const defaultLocale = 'en';

/**
 * Catalogues by BCP 47 language tag. Adding a language means adding its file here; components
 * only ever call `t`.
 */
const catalogues: Readonly<Record<string, Catalogue>> = { en };

let activeLocale = defaultLocale;
let activeCatalogue: Catalogue = en;

/** Replaces each `{name}` in `template` with its parameter; unknown placeholders stay as they are. */
export function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/**
 * Returns the first of the `requested` language tags that a catalogue exists for, trying each
 * tag as given and then its base language (`de-CH` then `de`), or the default locale.
 */
export function pickLocale(requested: readonly string[], available: readonly string[]): string {
  const lowerAvailable = new Map(available.map((tag) => [tag.toLowerCase(), tag]));
  for (const tag of requested) {
    const lower = tag.toLowerCase();
    const base = lower.split('-')[0] ?? lower;
    const match = lowerAvailable.get(lower) ?? lowerAvailable.get(base);
    if (match !== undefined) {
      return match;
    }
  }
  return defaultLocale;
}

/** Makes `locale` the language of every later `t` call, if a catalogue exists for it. */
export function setLocale(locale: string): void {
  const catalogue = catalogues[locale];
  if (catalogue !== undefined) {
    activeLocale = locale;
    activeCatalogue = catalogue;
  }
}

/** Returns the language tag of the active catalogue. */
export function currentLocale(): string {
  return activeLocale;
}

/** Returns the message `key` in the active language, with its `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = activeCatalogue[key] ?? en[key];
  return params === undefined ? template : interpolate(template, params);
}

/** Formats an ISO 8601 timestamp as a date and time in the viewer's time zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(activeLocale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** Formats an ISO 8601 timestamp as a time of day with seconds, in the viewer's time zone. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(activeLocale, { timeStyle: 'medium' }).format(new Date(iso));
}

/** Chooses the locale from the browser's preferred languages and marks the document with it. */
export function initLocale(): void {
  const browser = globalThis.navigator;
  const requested = browser?.languages?.length ? browser.languages : [browser?.language ?? ''];
  setLocale(pickLocale(requested, Object.keys(catalogues)));

  if (typeof document !== 'undefined') {
    document.documentElement.lang = activeLocale;
  }
}
