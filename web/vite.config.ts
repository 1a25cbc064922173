// SPDX-License-Identifier: MIT
// The build: hashed file names under /assets/, no inline scripts or styles (the server's CSP
// allows none), and a manifest. The C build embeds build/web/dist in the rubric binary.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: '../build/web/dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/readyz': 'http://127.0.0.1:8080' },
  },
});
