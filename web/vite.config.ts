import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Copies swagger-ui's own assets into the build, so /v1/docs loads them from our origin:
 * users on closed government networks cannot reach a CDN.
 */
function vendorSwaggerUi(): Plugin {
  return {
    name: 'xueshi-vendor-swagger-ui',
    apply: 'build',
    closeBundle() {
      const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
      const out = join(here, 'dist', 'vendor', 'swagger-ui');
      mkdirSync(out, { recursive: true });
      for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) cpSync(join(dist, file), join(out, file));
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [react(), vendorSwaggerUi()],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev:web` proxies the API of a running `npm start`.
    proxy: { '/v1': 'http://localhost:3000', '/config.json': 'http://localhost:3000' },
  },
});
