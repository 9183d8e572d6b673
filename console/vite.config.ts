import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by Roster at /console (src/edge/console); `npm run dev -w console` proxies the API to a local Roster.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
  server: { proxy: { '/admin/v1': process.env.ROSTER_URL ?? 'http://127.0.0.1:8080' } },
});
