/**
 * Summit CRM as a Hono sub-app: its built files under `/assets/` and the HTML shell for every other
 * GET path, so deep links such as `/contacts/42` load the app. It owns every path, so it runs on its
 * own origin (another port), like a real CRM apart from the ledger.
 */
import { Hono } from 'hono';
import { CRM_ASSETS, CRM_SHELL } from './crm-shell';
import { SAME_ORIGIN_CSP, builtFile, htmlPage, isBuilt, notBuilt } from './responses';

/** The CRM's policy: nothing inline, everything from its own origin. */
export const CRM_CSP = SAME_ORIGIN_CSP.join('; ');

/** The files `npm run build:demo` writes to `<distDir>/crm/`. */
export const CRM_FILES = ['crm.js', 'crm.css'] as const;

/** Options of crmApp. */
export interface CrmAppOptions {
  /** The demo build's folder (`dist/demo`). */
  distDir: string;
}

/** Builds Summit CRM's routes. */
export function crmApp({ distDir }: CrmAppOptions): Hono {
  const app = new Hono();
  const files = new Set<string>(CRM_FILES);
  app.get(`${CRM_ASSETS}:file`, function crmFileRoute(c) {
    const file = c.req.param('file');
    return files.has(file) ? builtFile(c, distDir, `crm/${file}`) : c.text('Not found\n', 404);
  });
  app.get(`${CRM_ASSETS}*`, (c) => c.text('Not found\n', 404));
  app.get('*', async function crmShellRoute(c) {
    if (!(await isBuilt(distDir, 'crm/crm.js'))) return notBuilt(c, 'crm/crm.js');
    return htmlPage(c, CRM_SHELL, CRM_CSP);
  });
  return app;
}
