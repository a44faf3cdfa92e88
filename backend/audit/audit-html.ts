/** The audit report as one self-contained HTML page (inline SVG charts, no scripts, no external assets). */
import type { AuditReport } from './audit-report';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML; everything from data passes through here. */
export const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

function barChart(
  title: string,
  bars: { label: string; value: number; text: string }[],
  max: number,
): string {
  if (bars.length === 0) return `<p class="empty">${escapeHtml(title)}: no data yet.</p>`;
  const rowHeight = 26;
  const width = 640;
  const labelWidth = 220;
  const height = bars.length * rowHeight + 10;
  const rows = bars
    .map((b, i) => {
      const y = i * rowHeight + 5;
      const w = max > 0 ? Math.max(1, ((width - labelWidth - 70) * b.value) / max) : 1;
      return `<text x="0" y="${y + 16}">${escapeHtml(b.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="18" rx="3"/><text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${escapeHtml(b.text)}</text>`;
    })
    .join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows}</svg></figure>`;
}

/** Renders the report. */
export function auditHtml(report: AuditReport): string {
  const byPurpose = new Map<string, { decided: number; granted: number }>();
  for (const row of report.coverage) {
    const agg = byPurpose.get(row.purpose) ?? { decided: 0, granted: 0 };
    agg.decided += row.decided;
    agg.granted += row.granted;
    byPurpose.set(row.purpose, agg);
  }
  const optIn = barChart(
    'Opt-in rate per purpose (latest decision per visitor)',
    [...byPurpose].map(([purpose, a]) => ({
      label: purpose,
      value: a.decided ? a.granted / a.decided : 0,
      text: `${percent(a.decided ? a.granted / a.decided : 0)} of ${a.decided}`,
    })),
    1,
  );
  const withdrawals = barChart(
    'Withdrawals per month',
    report.withdrawalsByMonth.map((m) => ({
      label: m.month,
      value: m.count,
      text: String(m.count),
    })),
    Math.max(0, ...report.withdrawalsByMonth.map((m) => m.count)),
  );
  const findings = report.findings.length
    ? report.findings
        .map(
          (f) =>
            `<tr class="${f.severity}"><td><strong>${escapeHtml(f.severity)}</strong></td><td>${escapeHtml(f.title)}<br><small>${escapeHtml(f.detail)}</small></td><td>${escapeHtml(f.affected)}</td><td>${f.exposure ? `${escapeHtml(f.exposure.currency)} ${escapeHtml(f.exposure.amount.toLocaleString('en'))}<br><small>${escapeHtml(f.exposure.ref)}</small>` : '—'}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="4">No findings.</td></tr>';
  const coverage = report.coverage
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.purpose)}</td><td>${escapeHtml(r.regime)}</td><td>${r.decided}</td><td>${r.granted}</td><td>${percent(r.optInRate)}</td></tr>`,
    )
    .join('');
  const integrity = report.integrity.ok
    ? `<p class="ok">Chain intact: ${report.integrity.entries} entries, ${report.integrity.checkpoints} signed checkpoints verified.</p>`
    : `<p class="bad">Chain broken at position ${escapeHtml(report.integrity.firstBad!.position)}: ${escapeHtml(report.integrity.firstBad!.reason)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent audit — ${escapeHtml(report.siteName)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.75rem}.kpis div{border:1px solid #d0d7de;border-radius:6px;padding:.6rem}
.kpis b{display:block;font-size:1.4rem}svg text{font-size:13px;fill:#1b1f24}svg rect{fill:#0b5cad}
tr.critical td:first-child,tr.high td:first-child{color:#a40e26}tr.medium td:first-child{color:#7d4e00}
.ok{color:#116329}.bad{color:#a40e26;font-weight:bold}small{color:#57606a}
</style></head><body>
<h1>Consent audit — ${escapeHtml(report.siteName)}</h1>
<p>Site <code>${escapeHtml(report.siteId)}</code>, policy ${escapeHtml(report.policyVersion)}, generated ${escapeHtml(report.generatedAt)}.</p>
<div class="kpis">
<div><b>${report.entries}</b>ledger entries</div><div><b>${report.people}</b>visitors</div>
<div><b>${report.expiringIn30Days}</b>consents expiring in 30 days</div><div><b>${report.outdatedPolicy}</b>under outdated policies</div>
<div><b>${percent(report.gpcShare)}</b>of events with GPC</div>
<div><b>${report.dataSubjectRequests.export + report.dataSubjectRequests.erase}</b>access and erasure requests served</div>
</div>
<h2>Findings</h2>
<table><thead><tr><th>Severity</th><th>Finding</th><th>Affected</th><th>Maximum fine exposure</th></tr></thead><tbody>${findings}</tbody></table>
<h2>Chain integrity</h2>${integrity}
<h2>Consent coverage</h2>${optIn}
<table><thead><tr><th>Purpose</th><th>Regime</th><th>Decided</th><th>Granted</th><th>Opt-in rate</th></tr></thead><tbody>${coverage || '<tr><td colspan="5">No decisions yet.</td></tr>'}</tbody></table>
<h2>Withdrawals</h2>${withdrawals}
<h2>Data-subject requests</h2>
<p>History look-ups: ${report.dataSubjectRequests.history}; access exports: ${report.dataSubjectRequests.export}; erasures: ${report.dataSubjectRequests.erase}.</p>
</body></html>
`;
}
