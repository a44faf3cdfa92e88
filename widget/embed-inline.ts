/**
 * The script-tag build that also accepts an inline configuration (`consentry-inline.js`, with
 * `data-config`, `data-site-id` and optional `data-regime`), validated in the browser by lib/.
 */
import { inlineSetup } from './core/inline-setup';
import { boot } from './embed-boot';

try {
  if (!window.consentry) boot(inlineSetup);
} catch (error) {
  console.warn(`consentry: ${(error as Error).message}`);
}
