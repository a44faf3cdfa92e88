import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * One build of both demo apps into dist/demo/: `shop/shop.js` and `shop/shop.css` (the shop page's
 * script and styles), `shop/analytics-demo.js` and `shop/ads-demo.js` (the gated stand-in tags), and
 * `crm/crm.js` and `crm/crm.css` (Summit CRM). The entries share no module, so no extra chunk is
 * written and each file stands alone.
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../dist/demo'),
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    cssMinify: true,
    modulePreload: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        'shop/shop': here('shop/shop.ts'),
        'shop/analytics-demo': here('shop/analytics-demo.ts'),
        'shop/ads-demo': here('shop/ads-demo.ts'),
        'crm/crm': here('crm/main.tsx'),
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Each app's stylesheet goes beside its script (crm.css → crm/crm.css).
        assetFileNames: ({ names }) =>
          names[0] === 'crm.css' ? 'crm/[name][extname]' : 'shop/[name][extname]',
      },
    },
  },
});
