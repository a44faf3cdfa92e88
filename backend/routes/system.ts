/** Health and metrics. */
import { Hono } from 'hono';
import { escapeHtml } from '../audit/audit-html';
import type { AppEnv } from '../context';
import { openApiDocument } from '../openapi';

/** GET /healthz and GET /metrics (Prometheus text format). */
export const systemRoute = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    const { storage } = c.var.services;
    await storage.listSites();
    return c.json({ status: 'ok', engine: storage.engine });
  })
  .get('/metrics', (c) =>
    c.text(c.var.services.metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' }),
  );

const DOCS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consentry API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem}code{background:#f3f4f6;padding:0 .2rem}li{margin:.3rem 0}</style>
</head><body><h1>Consentry ledger API</h1><p>The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p><ul id="paths"></ul>
<noscript>Open /openapi.json for the routes.</noscript></body></html>`;

/** GET /openapi.json and a human docs page listing every route from it. */
export const docsRoute = new Hono<AppEnv>()
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  .get('/docs', (c) => {
    const doc = openApiDocument();
    const items = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods as Record<string, { summary: string }>).map(
          ([method, op]) =>
            `<li><code>${method.toUpperCase()} ${escapeHtml(path)}</code> — ${escapeHtml(op.summary)}</li>`,
        ),
      )
      .join('');
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(DOCS.replace('<ul id="paths"></ul>', `<ul id="paths">${items}</ul>`));
  });
