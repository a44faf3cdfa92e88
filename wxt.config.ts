import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * Hosts granted at install, for test and demo builds only (`CONSENTRY_EXT_HOSTS`, comma
 * separated match patterns). The store build asks for every host at run time instead.
 */
const presetHosts = (process.env.CONSENTRY_EXT_HOSTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

/** WXT build of the CRM extension (entry files in `entrypoints/`, code in `components/`). */
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.CONSENTRY_EXT_OUT ?? '.output',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Consentry for CRMs',
    description:
      'Warns sales reps inside their web CRM before they contact someone who did not consent.',
    // Least privilege: storage and the right to register the content script; every host (the
    // ledger, each CRM) is an optional permission the rep grants in the options page.
    permissions: ['storage', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(presetHosts.length ? { host_permissions: presetHosts } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'crm-extension@consentry.example', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
});
