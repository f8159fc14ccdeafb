import type { WidgetOptions } from './widget';

/** Distance of the floating button from the window's edges, clear of phone notches. */
function cornerRules(position: WidgetOptions['position']): string {
  const [vertical, horizontal] = position.split('-') as ['top' | 'bottom', 'left' | 'right'];
  return (
    `${vertical}:max(16px,env(safe-area-inset-${vertical}));` +
    `${horizontal}:max(16px,env(safe-area-inset-${horizontal}));`
  );
}

/**
 * Styles of the button's shadow root. `:host { all: initial }` keeps the site's inherited styles
 * (fonts, colours, line height) out; the shadow root keeps these rules in.
 */
export function widgetStyles(options: WidgetOptions, floating: boolean): string {
  const host = floating
    ? `:host{all:initial;position:fixed;z-index:2147483000;${cornerRules(options.position)}}`
    : ':host{all:initial;display:inline-block}';

  return `${host}
a{display:inline-flex;align-items:center;gap:8px;box-sizing:border-box;min-height:48px;padding:10px 20px 10px 16px;border:2px solid rgba(255,255,255,.85);border-radius:999px;background:${options.background};color:${options.foreground};font:600 16px/1.25 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;letter-spacing:normal;text-decoration:none;white-space:nowrap;cursor:pointer;-webkit-tap-highlight-color:transparent;box-shadow:${floating ? '0 6px 20px rgba(0,0,0,.24),0 2px 6px rgba(0,0,0,.16)' : 'none'}}
a:hover{filter:brightness(1.08)}
a:active{filter:brightness(.95)}
a:focus{outline:none}
a:focus-visible{outline:3px solid #ffffff;outline-offset:2px;box-shadow:0 0 0 7px #13232f}
svg{flex:none;display:block}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:no-preference){a{transition:transform .15s ease-out,filter .15s}a:hover{transform:translateY(-1px)}${floating ? ':host{animation:lensdesk-enter .35s ease-out both}@keyframes lensdesk-enter{from{opacity:0;transform:translateY(12px)}}' : ''}}
@media (forced-colors:active){a{border-color:ButtonText}}
@media print{:host{display:none}}`;
}
