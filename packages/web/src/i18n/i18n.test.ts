import { describe, expect, it } from 'vitest';
import { en } from './en';
import { currentLocale, interpolate, pickLocale, setLocale, t } from './index';

describe('interpolate', () => {
  it('fills named placeholders', () => {
    expect(interpolate('Call with {customer} at {time}', { customer: 'Ana', time: '10:00' })).toBe(
      'Call with Ana at 10:00',
    );
  });

  it('formats numbers as text', () => {
    expect(interpolate('{count} unread messages', { count: 3 })).toBe('3 unread messages');
  });

  it('keeps unknown placeholders', () => {
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });

  it('does not interpret parameter values', () => {
    expect(interpolate('{a} and {b}', { a: '{b}', b: 'x' })).toBe('{b} and x');
  });
});

describe('pickLocale', () => {
  it('takes an exact match', () => {
    expect(pickLocale(['de-CH', 'en'], ['en', 'de-CH'])).toBe('de-CH');
  });

  it('falls back to the base language', () => {
    expect(pickLocale(['en-GB'], ['en'])).toBe('en');
  });

  it('ignores case', () => {
    expect(pickLocale(['EN-us'], ['en'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLocale(['fr-FR', 'ja'], ['en'])).toBe('en');
    expect(pickLocale([], ['en'])).toBe('en');
  });
});

describe('t', () => {
  it('returns the English message', () => {
    expect(t('consent.start')).toBe('Start video call');
  });

  it('interpolates parameters', () => {
    expect(t('call.unreadMany', { count: 2 })).toBe('2 unread messages');
  });

  it('ignores a locale without a catalogue', () => {
    setLocale('xx');
    expect(currentLocale()).toBe('en');
  });
});

describe('English catalogue', () => {
  it('has no empty messages', () => {
    for (const [key, message] of Object.entries(en)) {
      expect(message.trim(), key).not.toBe('');
    }
  });

  it('uses well-formed placeholders', () => {
    for (const [key, message] of Object.entries(en)) {
      const braces = message.replace(/\{\w+\}/g, '');
      expect(braces, key).not.toMatch(/[{}]/);
    }
  });
});
