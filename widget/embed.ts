/**
 * The default script-tag build (`consentry.js`): the configuration comes from the ledger, which
 * validated it when it was published. `consentry-inline.js` also accepts `data-config`.
 */
import { boot } from './embed-boot';

try {
  if (!window.consentry) boot();
} catch (error) {
  console.warn(`consentry: ${(error as Error).message}`);
}
