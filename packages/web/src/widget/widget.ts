/**
 * The website button: a script that other sites embed with
 * `<script src="https://support.example.com/widget.js" data-product-line="router-x1" async>`.
 * It adds a "Video support" link that opens `<base>/p/<slug>?entry=widget` in a new tab, where
 * `<base>` is the folder the script was loaded from. The button lives in a shadow root, so the
 * site's styles and the button's styles do not mix.
 */
import { widgetStyles } from './styles';

/** Texts from the English catalogue, inlined by the widget build (vite.widget.config.ts). */
declare const __WIDGET_TEXT__: { label: string; newTab: string };

/** Button attributes a site sets on the script element, already checked. */
export interface WidgetOptions {
  href: string;
  label: string;
  position: Position;
  background: string;
  foreground: string;
  /** Element to put the button into, instead of floating it over the page. */
  targetSelector: string | undefined;
}

const positions = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
type Position = (typeof positions)[number];

const defaultColor = '#0a5a78';

/**
 * Tells the site's developer, in the browser console, why a button is missing or misplaced. The
 * widget has no other channel to them, and a site visitor never sees it.
 */
function warn(message: string): void {
  // eslint-disable-next-line no-console -- the console is where site developers look.
  console.warn(`Lensdesk: ${message}`);
}
const darkInk = '#13232f';
const maxLabelLength = 60;

/** Relative luminance of an sRGB colour, as WCAG 2 defines it. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red = 0, green = 0, blue = 0] = channels.map((value) =>
    value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** Returns white or dark ink, whichever contrasts more with `background` (`#rrggbb`). */
export function textColorOn(background: string): string {
  const light = luminance(background);
  const againstWhite = 1.05 / (light + 0.05);
  const againstInk = (light + 0.05) / (luminance(darkInk) + 0.05);
  return againstWhite >= againstInk ? '#ffffff' : darkInk;
}

/** Expands `#abc` to `#aabbcc`; returns undefined for anything but a hex colour. */
export function parseColor(value: string | undefined): string | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value?.trim() ?? '');
  const digits = match?.[1]?.toLowerCase();
  if (digits === undefined) return undefined;
  return digits.length === 3
    ? `#${[...digits].map((digit) => digit + digit).join('')}`
    : `#${digits}`;
}

/**
 * Reads the button's options from the script element's `data-` attributes. Returns undefined,
 * after a console warning, when `data-product-line` is not a product line slug.
 */
export function readOptions(script: HTMLScriptElement, pageUrl: string): WidgetOptions | undefined {
  const data = script.dataset;
  const slug = data['productLine'] ?? '';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 60) {
    warn(
      `data-product-line="${slug}" is not a product line slug such as router-x1; no button was added.`,
    );
    return undefined;
  }

  // The customer page sits next to the script: `<base>/widget.js` and `<base>/p/<slug>`.
  const base = new URL('.', new URL(script.src, pageUrl));
  const background = parseColor(data['color']) ?? defaultColor;
  const position = positions.find((name) => name === data['position']) ?? 'bottom-right';
  return {
    href: new URL(`p/${slug}?entry=widget`, base).toString(),
    label: (data['label'] ?? '').trim().slice(0, maxLabelLength) || __WIDGET_TEXT__.label,
    position,
    background,
    foreground: textColorOn(background),
    targetSelector: data['target']?.trim() || undefined,
  };
}

const cameraIcon =
  '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">' +
  '<path fill="currentColor" d="M4 6.5A2.5 2.5 0 0 1 6.5 4h7A2.5 2.5 0 0 1 16 6.5v1.6l3.4-2.3A1 1 0 0 1 21 6.6v10.8a1 1 0 0 1-1.6.8L16 15.9v1.6a2.5 2.5 0 0 1-2.5 2.5h-7A2.5 2.5 0 0 1 4 17.5z"/></svg>';

/** Builds the button's host element with its shadow root; `floating` pins it to a corner. */
export function createButton(options: WidgetOptions, floating: boolean): HTMLElement {
  const host = document.createElement('lensdesk-button');
  const root = host.attachShadow({ mode: 'open' });

  const style = document.createElement('style');
  style.textContent = widgetStyles(options, floating);

  const link = document.createElement('a');
  link.href = options.href;
  link.target = '_blank';
  link.rel = 'noopener';
  link.setAttribute('part', 'button');
  link.innerHTML = cameraIcon;

  const label = document.createElement('span');
  label.textContent = options.label;
  const newTab = document.createElement('span');
  newTab.className = 'visually-hidden';
  newTab.textContent = ` (${__WIDGET_TEXT__.newTab})`;
  link.append(label, newTab);

  root.append(style, link);
  return host;
}

function findTarget(selector: string): Element | null {
  try {
    return document.querySelector(selector);
  } catch {
    // An invalid selector finds nothing.
    return null;
  }
}

/** Adds the button for one script element: into `data-target`, or floating over the page. */
function mount(script: HTMLScriptElement): void {
  if (script.hasAttribute('data-lensdesk-mounted')) return;
  script.setAttribute('data-lensdesk-mounted', '');

  const options = readOptions(script, location.href);
  if (options === undefined) return;

  const place = (): void => {
    const target = options.targetSelector === undefined ? null : findTarget(options.targetSelector);
    if (options.targetSelector !== undefined && target === null) {
      warn(
        `no element matches data-target="${options.targetSelector}"; the button floats instead.`,
      );
    }
    if (target === null) {
      document.body.append(createButton(options, true));
    } else {
      target.append(createButton(options, false));
    }
  };

  // An async script can run before the page's body and the target element exist.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', place, { once: true });
  } else {
    place();
  }
}

/** Mounts the button of the script element that is running, or of every widget script. */
export function startWidget(): void {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) {
    mount(current);
    return;
  }
  // currentScript is null in some loaders; then every widget script on the page gets its button.
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[data-product-line]')) {
    if (/\/widget\.js([?#]|$)/.test(script.src)) mount(script);
  }
}
