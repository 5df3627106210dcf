import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** This folder, as a file path (written without node:url so the browser tsconfig can check it). */
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);
const root = here('.');

/**
 * The operations console. `npm run build:ui` writes admin-ui/dist, which the API serves at `/`;
 * `npm run dev:ui` serves it with hot reload and forwards `/api` to a running API on port 3000.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
