import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { formValidators } from './vite.form-validators';

// The console is served by the API at /console (same origin); built into dist/web of the checkout.
export default defineConfig({
  root: __dirname,
  base: '/console/',
  publicDir: resolve(__dirname, 'public'),
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [formValidators()],
  build: {
    outDir: resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    // no inline scripts or data: modules: the CSP allows scripts from our origin only
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2500,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a client bundle has nothing to keep
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
