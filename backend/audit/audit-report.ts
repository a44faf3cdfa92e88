/**
 * The compliance audit of one site: coverage and opt-in rates, withdrawals over time, expiring and
 * outdated consents, GPC share, chain integrity, data-subject requests served, and findings with
 * severity and the fine exposure the regime data gives. Reads the whole chain once.
 */
import { statusOf, type DecisionEvent } from '../../lib/consent-status';
import { maxFine, type FineExposure } from '../../lib/fines';
import { PURPOSES, type PurposeId } from '../../lib/purposes';
import { REGIME_LAW } from '../../lib/regime-law';
import { REGIMES, type RegimeId } from '../../lib/regimes';
import type { Services } from '../context';
import { decisionEventOf, type ConsentRecord } from '../ledger/person';
import { verifySite, type VerifyReport } from '../ledger/verify';

const DAY_MS = 86_400_000;
const PAGE = 5000;

/** One finding, worst first in the report. */
export interface Finding {
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  title: string;
  detail: string;
  regime: RegimeId | null;
  affected: number;
  exposure: FineExposure | null;
}

/** Per purpose and regime: people who decided and how many said yes (their latest decision). */
export interface CoverageRow {
  purpose: PurposeId;
  regime: RegimeId;
  decided: number;
  granted: number;
  optInRate: number;
}

/** The audit of one site. */
export interface AuditReport {
  siteId: string;
  siteName: string;
  generatedAt: string;
  policyVersion: string;
  entries: number;
  people: number;
  coverage: CoverageRow[];
  withdrawalsByMonth: { month: string; count: number }[];
  expiringIn30Days: number;
  outdatedPolicy: number;
  gpcShare: number;
  integrity: VerifyReport;
  dataSubjectRequests: { history: number; export: number; erase: number };
  findings: Finding[];
}

const SEVERITY = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Options: the annual turnover (in each regime's currency) used for fine exposure. */
export interface AuditOptions {
  annualTurnover?: number;
}

/** Builds the audit report of a site. */
export async function auditSite(
  services: Services,
  siteId: string,
  options: AuditOptions = {},
): Promise<AuditReport | null> {
  const { storage, secrets, now: clock } = services;
  const site = await storage.getSite(siteId);
  const policy = site && (await storage.getPolicy(siteId, site.currentPolicy));
  if (!site || !policy) return null;
  const now = clock();
  const lifetimeDays = policy.config.lifetimeDays;
  const byVisitor = new Map<
    string,
    { events: DecisionEvent[]; regime: RegimeId; granted: Set<string> }
  >();
  const withdrawals = new Map<string, number>();
  let consentEntries = 0;
  let gpcEntries = 0;
  // Per regime: GPC ignored where it binds, and separate consents bundled into "accept all".
  const ignoredGpc = new Map<RegimeId, number>();
  const bundledSeparate = new Map<RegimeId, number>();
  const bump = (map: Map<RegimeId, number>, regime: RegimeId) =>
    map.set(regime, (map.get(regime) ?? 0) + 1);
  let entries = 0;
  for (let from = 0; ; from += PAGE) {
    const page = await storage.readChain(siteId, from, PAGE);
    for (const row of page) {
      entries += 1;
      if (row.kind !== 'consent') continue;
      const record = JSON.parse(row.record) as ConsentRecord;
      consentEntries += 1;
      const gpc = record.gpc || record.gpcHeader;
      if (gpc) gpcEntries += 1;
      const regime = REGIMES[record.regime];
      const explicit = record.method === 'save' || record.method === 'api';
      if (
        gpc &&
        regime.gpc.binding &&
        !explicit &&
        regime.gpc.optsOut.some((p) => record.choices[p] === true)
      ) {
        bump(ignoredGpc, record.regime);
      }
      if (
        record.method === 'accept_all' &&
        regime.separateConsent.some((p) => record.choices[p] === true)
      ) {
        bump(bundledSeparate, record.regime);
      }
      const visitor = byVisitor.get(record.visitorRef) ?? {
        events: [],
        regime: record.regime,
        granted: new Set<string>(),
      };
      // A withdrawal is any refusal of a purpose this visitor had granted (as lib/'s status fold
      // reads it), whether made through "withdraw" or by turning a switch off and saving.
      const withdrew =
        record.method === 'withdrawal' ||
        Object.entries(record.choices).some(([p, on]) => on === false && visitor.granted.has(p));
      for (const [p, on] of Object.entries(record.choices))
        if (on === true) visitor.granted.add(p);
        else if (on === false) visitor.granted.delete(p);
      if (withdrew) {
        const month = new Date(row.receivedAt).toISOString().slice(0, 7);
        withdrawals.set(month, (withdrawals.get(month) ?? 0) + 1);
      }
      visitor.events.push(decisionEventOf(row, record));
      visitor.regime = record.regime;
      byVisitor.set(record.visitorRef, visitor);
    }
    if (page.length < PAGE) break;
  }

  const purposes = policy.config.purposes.map((p) => p.id).filter((p) => PURPOSES[p].optional);
  const coverage = new Map<string, CoverageRow>();
  let expiring = 0;
  let outdated = 0;
  for (const { events, regime } of byVisitor.values()) {
    for (const purpose of purposes) {
      const s = statusOf(events, purpose, { now, policyVersion: policy.version, lifetimeDays });
      if (s.status === 'unknown') continue;
      const id = `${purpose}|${regime}`;
      const row = coverage.get(id) ?? { purpose, regime, decided: 0, granted: 0, optInRate: 0 };
      row.decided += 1;
      if (s.status === 'granted') row.granted += 1;
      coverage.set(id, row);
      if (s.status === 'granted' && s.expiresAt !== null && s.expiresAt - now <= 30 * DAY_MS)
        expiring += 1;
      if (s.status === 'outdated_policy') outdated += 1;
    }
  }
  for (const row of coverage.values()) row.optInRate = row.decided ? row.granted / row.decided : 0;

  const integrity = await verifySite(
    storage,
    siteId,
    new Map([[secrets.keyId, secrets.publicKey]]),
  );
  const log = await storage.accessLog(siteId, 0);
  const dsr = { history: 0, export: 0, erase: 0 };
  for (const a of log) if (a.action !== 'lookup') dsr[a.action] += 1;

  const turnover = options.annualTurnover ?? 0;
  const exposure = (regime: RegimeId, violations: number) =>
    maxFine(REGIME_LAW[regime].maxFine, { annualTurnover: turnover, violations });
  const findings: Finding[] = [];
  if (!integrity.ok) {
    findings.push({
      severity: 'critical',
      title: 'Ledger integrity broken',
      detail: `First bad position ${integrity.firstBad!.position}: ${integrity.firstBad!.reason}. Proof of consent cannot be relied on.`,
      regime: null,
      affected: integrity.entries,
      exposure: exposure('gdpr', 1),
    });
  }
  const cite = (regime: RegimeId, topics: string[]) =>
    REGIME_LAW[regime].citations
      .filter((c) => topics.includes(c.topic))
      .map((c) => c.ref)
      .join('; ');
  for (const [regime, count] of ignoredGpc) {
    findings.push({
      severity: 'high',
      title: `Global Privacy Control not honoured (${REGIMES[regime].name})`,
      detail: `${count} entries grant sale/sharing or advertising from a browser that sent GPC, without an explicit per-purpose choice (${cite(regime, ['gpc'])}).`,
      regime,
      affected: count,
      exposure: exposure(regime, count),
    });
  }
  for (const [regime, count] of bundledSeparate) {
    findings.push({
      severity: 'high',
      title: `Separate consent obtained through "accept all" (${REGIMES[regime].name})`,
      detail: `${count} entries grant a purpose that needs separate consent by "accept all" (${cite(regime, ['sensitive', 'third_party', 'cross_border'])}).`,
      regime,
      affected: count,
      exposure: exposure(regime, count),
    });
  }
  if (outdated) {
    findings.push({
      severity: 'medium',
      title: 'Consents under an outdated policy',
      detail: `${outdated} person-purpose consents were given under an older policy than ${policy.version}; the widget re-asks these visitors, and CRM use should wait.`,
      regime: null,
      affected: outdated,
      exposure: null,
    });
  }
  if (expiring) {
    findings.push({
      severity: 'low',
      title: 'Consents expiring within 30 days',
      detail: `${expiring} person-purpose consents lapse within 30 days.`,
      regime: null,
      affected: expiring,
      exposure: null,
    });
  }
  if (consentEntries === 0) {
    findings.push({
      severity: 'info',
      title: 'No consents recorded yet',
      detail: 'Embed the widget to start recording proof of consent.',
      regime: null,
      affected: 0,
      exposure: null,
    });
  }
  findings.sort((a, b) => SEVERITY.indexOf(a.severity) - SEVERITY.indexOf(b.severity));

  return {
    siteId,
    siteName: site.name,
    generatedAt: new Date(now).toISOString(),
    policyVersion: policy.version,
    entries,
    people: byVisitor.size,
    coverage: [...coverage.values()].sort(
      (a, b) => a.purpose.localeCompare(b.purpose) || a.regime.localeCompare(b.regime),
    ),
    withdrawalsByMonth: [...withdrawals.entries()]
      .sort()
      .map(([month, count]) => ({ month, count })),
    expiringIn30Days: expiring,
    outdatedPolicy: outdated,
    gpcShare: consentEntries ? gpcEntries / consentEntries : 0,
    integrity,
    dataSubjectRequests: dsr,
    findings,
  };
}
