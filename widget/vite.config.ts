import { defineConfig } from 'vite';

const ENTRIES: Record<string, { entry: string; fileName: string; format: 'iife' | 'es' }> = {
  production: { entry: 'widget/embed.ts', fileName: 'consentry.js', format: 'iife' },
  inline: { entry: 'widget/embed-inline.ts', fileName: 'consentry-inline.js', format: 'iife' },
  esm: { entry: 'widget/index.ts', fileName: 'consentry.mjs', format: 'es' },
};

/**
 * Three builds into dist/widget/: `consentry.js`, the default script-tag IIFE (default mode);
 * `consentry-inline.js`, the same with inline configurations (`--mode inline`); and
 * `consentry.mjs`, the ES module for bundlers (`--mode esm`, `createConsentry`).
 */
export default defineConfig(({ mode }) => {
  const { entry, fileName, format } = ENTRIES[mode] ?? ENTRIES.production!;
  return {
    publicDir: false,
    build: {
      outDir: 'dist/widget',
      emptyOutDir: mode === 'production',
      target: 'es2020',
      sourcemap: true,
      lib: { entry, formats: [format], fileName: () => fileName, name: 'consentryWidget' },
    },
  };
});
