/**
 * What an audit is asked for, as text (a query string, command-line flags): the format of the
 * report and the annual turnover its fine exposure is computed from. Shared by the route and
 * the CLI, so both refuse the same things.
 */
import type { FieldIssue } from '../../lib/field-issues';

export interface AuditOptions {
  format: 'json' | 'html';
  annualTurnover: number | undefined;
}

/** The options, or what is wrong with them (paths `format`, `turnover`). */
export function auditOptions(
  format: string | undefined,
  turnover: string | undefined,
): { ok: true; value: AuditOptions } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (format !== undefined && format !== 'json' && format !== 'html')
    issues.push({ path: 'format', message: 'must be json or html' });
  const annualTurnover = turnover === undefined ? undefined : Number(turnover);
  if (
    annualTurnover !== undefined &&
    (turnover!.trim() === '' || !Number.isFinite(annualTurnover) || annualTurnover < 0)
  )
    issues.push({ path: 'turnover', message: 'must be a non-negative number' });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { format: format === 'html' ? 'html' : 'json', annualTurnover } };
}
