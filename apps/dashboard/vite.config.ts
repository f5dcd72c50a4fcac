import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite` (dev server) forwards API calls to a local `jobsearch-api serve` on port 3000.
const apiTarget = process.env.DASHBOARD_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': apiTarget, '/metrics': apiTarget },
  },
});
