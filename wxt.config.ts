import { defineConfig } from 'wxt';

/** WXT build configuration for the CRM extension (entry files live in `entrypoints/`). */
export default defineConfig({
  manifest: {
    name: 'Consentry for CRMs',
    description:
      'Warns sales reps inside their web CRM before they contact someone who did not consent.',
  },
});
