/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console only ever calls the gateway at its own origin (`/graphql`). In production the gateway serves
// `dist/` itself; in `vite dev` and `vite preview` this proxy stands in for that.
const gatewayProxy = {
  '/graphql': { target: 'http://127.0.0.1:4000', changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy: gatewayProxy },
  preview: { proxy: gatewayProxy },
  build: {
    outDir: 'dist',
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.mjs'],
    environment: 'node',
  },
});
