import type { ProductLine } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { slugify } from './product-line-form';
import { parseSerialList, widgetSnippet } from './product-line-share';
import { normalizeLanguage, normalizeSkill } from './tag-input';

describe('slugify', () => {
  it('turns names into slugs', () => {
    expect(slugify('Router X1 Pro')).toBe('router-x1-pro');
    expect(slugify('  Lave-linge Électra  ')).toBe('lave-linge-electra');
    expect(slugify('TV / 55" QLED')).toBe('tv-55-qled');
  });

  it('keeps slugs short', () => {
    expect(slugify('word '.repeat(30)).length).toBeLessThanOrEqual(60);
    expect(slugify('word '.repeat(30))).not.toMatch(/-$/);
  });
});

describe('parseSerialList', () => {
  it('splits lines, commas and semicolons', () => {
    expect(parseSerialList('RX1-0001\n RX1-0002 ,RX1-0003;\n\nRX1-0001')).toEqual([
      'RX1-0001',
      'RX1-0002',
      'RX1-0003',
    ]);
  });
});

describe('tag normalization', () => {
  it('lower-cases skills and rejects symbols', () => {
    expect(normalizeSkill(' Routers ')).toBe('routers');
    expect(normalizeSkill('fiber!')).toBeNull();
  });

  it('canonicalizes language tags', () => {
    expect(normalizeLanguage('pt-br')).toBe('pt-BR');
    expect(normalizeLanguage('not a tag')).toBeNull();
  });
});

describe('widgetSnippet', () => {
  it('points at the widget next to the entry page', () => {
    const line = { slug: 'router-x1', entryUrl: 'https://support.example.com/p/router-x1' };
    const snippet = widgetSnippet(line as ProductLine, {
      label: 'Help "now" <here>',
      position: 'bottom-left',
      color: '#0b5fff',
    });
    expect(snippet).toBe(
      [
        '<script src="https://support.example.com/widget.js"',
        '  data-product-line="router-x1"',
        '  data-label="Help &quot;now&quot; &lt;here&gt;"',
        '  data-position="bottom-left"',
        '  data-color="#0b5fff"',
        '  async></script>',
      ].join('\n'),
    );
  });
});
