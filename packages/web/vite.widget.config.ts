import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { en } from './src/i18n/en';

const root = import.meta.dirname;

/**
 * Build of the website button, `dist/widget.js`: one classic script that other sites embed, so
 * it is an IIFE without imports or globals, and carries only its own texts from the catalogue.
 * Runs after the main build, which empties `dist`.
 */
export default defineConfig({
  root,
  publicDir: false,
  define: {
    __WIDGET_TEXT__: JSON.stringify({
      label: en['widget.label'],
      newTab: en['widget.opensNewTab'],
    }),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    // Sites keep older browsers than the console needs; ES2019 covers browsers since 2019.
    target: 'es2019',
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input: resolve(root, 'src/widget/main.ts'),
      output: { format: 'iife', entryFileNames: 'widget.js' },
    },
  },
});
