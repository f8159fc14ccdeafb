import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseColor, readOptions, textColorOn } from './widget';

beforeAll(() => {
  // The widget build inlines these texts; tests run the source.
  vi.stubGlobal('__WIDGET_TEXT__', { label: 'Video support', newTab: 'opens in a new tab' });
});

/** Builds a script element with the `src` and `data-` attributes that `readOptions` reads. */
function script(src: string, data: Record<string, string>): HTMLScriptElement {
  return { src, dataset: data } as unknown as HTMLScriptElement;
}

describe('parseColor', () => {
  it('accepts hex colours', () => {
    expect(parseColor('#0B5FFF')).toBe('#0b5fff');
    expect(parseColor(' #abc ')).toBe('#aabbcc');
  });

  it('rejects everything else', () => {
    for (const value of ['red', '#12345', 'rgb(0,0,0)', '#0b5fff;color:red', '', undefined]) {
      expect(parseColor(value), String(value)).toBeUndefined();
    }
  });
});

describe('textColorOn', () => {
  it('picks white on dark colours', () => {
    expect(textColorOn('#0b5fff')).toBe('#ffffff');
    expect(textColorOn('#000000')).toBe('#ffffff');
  });

  it('picks dark ink on light colours', () => {
    expect(textColorOn('#ffd400')).toBe('#13232f');
    expect(textColorOn('#ffffff')).toBe('#13232f');
  });
});

describe('readOptions', () => {
  it('reads the data attributes', () => {
    const options = readOptions(
      script('https://support.example.com/widget.js', {
        productLine: 'router-x1',
        label: '  Talk to us ',
        position: 'top-left',
        color: '#ffd400',
        target: '#help',
      }),
      'https://shop.example.com/',
    );
    expect(options).toEqual({
      href: 'https://support.example.com/p/router-x1?entry=widget',
      label: 'Talk to us',
      position: 'top-left',
      background: '#ffd400',
      foreground: '#13232f',
      targetSelector: '#help',
    });
  });

  it('falls back to defaults', () => {
    const options = readOptions(
      script('/support/widget.js?v=2', { productLine: 'tv', position: 'middle', color: 'blue' }),
      'https://shop.example.com/products/tv',
    );
    expect(options).toMatchObject({
      href: 'https://shop.example.com/support/p/tv?entry=widget',
      label: 'Video support',
      position: 'bottom-right',
      background: '#0a5a78',
      foreground: '#ffffff',
      targetSelector: undefined,
    });
  });

  it('adds no button for an invalid slug', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const slug of ['', 'Router X1', '../admin', 'a'.repeat(61)]) {
      expect(
        readOptions(script('https://s.example/widget.js', { productLine: slug }), 'https://x/'),
      ).toBeUndefined();
    }
    expect(warn).toHaveBeenCalledTimes(4);
    warn.mockRestore();
  });
});
