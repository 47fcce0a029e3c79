import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The workspace's pure packages have no module side effects; saying so lets the bundler drop
// what the app does not use (the template parser's Ajv 2020 instance, lint rules …).
const PURE_PACKAGES = /[\\/]packages[\\/](schema|policy)[\\/]/;

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@veil/source'] },
  build: {
    outDir: 'dist',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !PURE_PACKAGES.test(id) },
    },
  },
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
});
