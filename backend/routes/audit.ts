/** GET /v1/sites/:id/audit (admin): the audit report as JSON, or as an HTML page with ?format=html. */
import { Hono } from 'hono';
import { auditHtml } from '../audit/audit-html';
import { auditOptions } from '../audit/audit-options';
import { auditSite } from '../audit/audit-report';
import type { AppEnv } from '../context';
import { notFound, validationError } from '../errors';
import { siteForAdmin } from './admin-site';

export const auditRoute = new Hono<AppEnv>().get('/audit', async (c) => {
  const site = await siteForAdmin(c, c.req.param('id')!);
  const options = auditOptions(c.req.query('format'), c.req.query('turnover'));
  if (!options.ok) throw validationError(options.issues, 'Bad query');
  const { format, annualTurnover } = options.value;
  const report = await auditSite(c.var.services, site.id, { annualTurnover });
  if (!report) throw notFound('site');
  if (format === 'html') {
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(auditHtml(report));
  }
  return c.json(report);
});
