/** GET /v1/sites/:id/audit (admin): the audit report as JSON, or as an HTML page with ?format=html. */
import { Hono } from 'hono';
import { auditHtml } from '../audit/audit-html';
import { auditSite } from '../audit/audit-report';
import type { AppEnv } from '../context';
import { notFound, validationError } from '../errors';
import { siteForAdmin } from './admin-site';

export const auditRoute = new Hono<AppEnv>().get('/audit', async (c) => {
  const site = await siteForAdmin(c, c.req.param('id')!);
  const turnoverText = c.req.query('turnover');
  const annualTurnover = turnoverText === undefined ? undefined : Number(turnoverText);
  if (annualTurnover !== undefined && !(Number.isFinite(annualTurnover) && annualTurnover >= 0)) {
    throw validationError(
      [{ path: 'turnover', message: 'must be a non-negative number' }],
      'Bad query',
    );
  }
  const report = await auditSite(c.var.services, site.id, { annualTurnover });
  if (!report) throw notFound('site');
  if (c.req.query('format') === 'html') {
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(auditHtml(report));
  }
  return c.json(report);
});
