import { defineConfig } from 'vite';

/**
 * Two builds into dist/widget/: `consentry.js`, the script-tag IIFE (default mode), and
 * `consentry.mjs`, the ES module for bundlers (`--mode esm`, `createConsentry`).
 */
export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    publicDir: false,
    build: {
      outDir: 'dist/widget',
      emptyOutDir: !esm,
      target: 'es2020',
      sourcemap: true,
      lib: esm
        ? { entry: 'widget/index.ts', formats: ['es'], fileName: () => 'consentry.mjs' }
        : {
            entry: 'widget/embed.ts',
            name: 'consentryWidget',
            formats: ['iife'],
            fileName: () => 'consentry.js',
          },
    },
  };
});
