import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web UI lives in src/web and is built to dist/web, which the Fastify server serves as static files
// (with an SPA fallback to index.html) under a strict Content-Security-Policy: no inline scripts or styles.
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // Inlined assets would become data: URLs; keep fonts and images as files so the CSP stays simple.
    assetsInlineLimit: 0,
    // The NL Design System component bundle is one module; the app is an internal tool behind a login.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
    },
  },
});
