import react from '@vitejs/plugin-react';
import englishMessages from 'ra-language-english';
import { defineConfig, type Plugin } from 'vite';
import { da } from './src/i18n/da.ts';
import { en } from './src/i18n/en.ts';
import { raDanish } from './src/i18n/raDanish.ts';

/** This folder, as a file path (written without node:url so the browser tsconfig can check it). */
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);
const root = here('.');

/**
 * The operations console. `npm run build:ui` writes admin-ui/dist, which the API serves at `/`;
 * `npm run dev:ui` serves it with hot reload and forwards `/api` to a running API on port 3000.
 */
const keysOf = (value: unknown, prefix = ''): string[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key))
    : [prefix];

/**
 * Every react-admin string must exist in Danish: ra-language-english gains keys with react-admin
 * releases, so the build stops when src/i18n/raDanish.ts (or da.ts) lacks one.
 */
const danishIsComplete = (): Plugin => ({
  name: 'liaison-danish-is-complete',
  buildStart() {
    const danish = new Set([...keysOf(raDanish), ...keysOf(da)]);
    const missing = [...keysOf(englishMessages), ...keysOf(en)].filter((key) => !danish.has(key));
    if (missing.length > 0) {
      this.error(`Danish is missing ${missing.length} message(s): ${missing.join(', ')}. Add them to admin-ui/src/i18n/raDanish.ts or da.ts.`);
    }
  },
});

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), danishIsComplete()],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // Libraries change rarely and our code often: separate chunks keep browser caches warm and
        // no single file giant.
        codeSplitting: {
          groups: [
            { name: 'mui', test: /node_modules[\\/]@(mui|emotion)[\\/]/, priority: 3 },
            { name: 'react-admin', test: /node_modules[\\/](ra-[a-z-]+|react-admin|@tanstack|react-hook-form|react-router[a-z-]*)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
