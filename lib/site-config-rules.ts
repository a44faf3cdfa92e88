import { parseWith, type FieldIssue } from './field-issues';
import { PURPOSES } from './purposes';
import { REGIME_IDS, REGIMES, type RegimeId } from './regimes';
import type { Result } from './result';
import { SiteConfigSchema, type SiteConfig } from './site-config';

/** Regimes the site serves: those listed (or all), plus the fallback for visitors of unknown region. */
const servedRegimes = (config: SiteConfig): readonly RegimeId[] =>
  config.regimes ? [...new Set([...config.regimes, config.fallbackRegime])] : REGIME_IDS;

const optInRegimes = (config: SiteConfig): RegimeId[] =>
  servedRegimes(config).filter(
    (id) =>
      REGIMES[id].model === 'opt_in' ||
      (id === 'default' && config.defaultRegime?.model === 'opt_in'),
  );

const names = (ids: readonly RegimeId[]) => ids.map((id) => REGIMES[id].name).join(', ');

function rejectAllRules(config: SiteConfig): FieldIssue[] {
  const strict = optInRegimes(config);
  if (strict.length === 0) return [];
  const issues: FieldIssue[] = [];
  if (config.ui.rejectAll !== 'first_layer') {
    issues.push({
      path: 'ui.rejectAll',
      message: `"Reject all" must be on the first layer beside "Accept all" for opt-in regimes (${names(strict)}); "${config.ui.rejectAll}" hides it`,
    });
  }
  if (config.ui.rejectAllStyle !== 'equal') {
    issues.push({
      path: 'ui.rejectAllStyle',
      message: `"Reject all" must carry the same weight as "Accept all" for opt-in regimes (${names(strict)}); "${config.ui.rejectAllStyle}" down-weights it`,
    });
  }
  return issues;
}

function purposeRules(config: SiteConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const servesPipl = servedRegimes(config).includes('pipl');
  const seen = new Set<string>();
  config.purposes.forEach((purpose, index) => {
    const at = `purposes.${index}`;
    if (seen.has(purpose.id))
      issues.push({ path: `${at}.id`, message: `purpose "${purpose.id}" is declared twice` });
    seen.add(purpose.id);
    if (purpose.preTicked && PURPOSES[purpose.id].optional) {
      issues.push({
        path: `${at}.preTicked`,
        message: `optional purpose "${purpose.id}" must not be pre-ticked: silence or a pre-ticked box is not consent (GDPR Recital 32)`,
      });
    }
    if (servesPipl && PURPOSES[purpose.id].namesRecipients) {
      if (purpose.recipients.length === 0) {
        issues.push({
          path: `${at}.recipients`,
          message: `purpose "${purpose.id}" must name its recipients (name, contact, country) under PIPL (Art. 23 and 39)`,
        });
      }
      if (purpose.id === 'cross_border_transfer') {
        purpose.recipients.forEach((recipient, r) => {
          if (recipient.country === 'CN') {
            issues.push({
              path: `${at}.recipients.${r}.country`,
              message: `cross-border recipient "${recipient.name}" must be the overseas recipient, not one in CN (PIPL Art. 39)`,
            });
          }
        });
      }
    }
  });
  return issues;
}

function languageRules(config: SiteConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!config.languages.includes(config.defaultLanguage)) {
    issues.push({
      path: 'defaultLanguage',
      message: `default language "${config.defaultLanguage}" is not in languages`,
    });
  }
  if (new Set(config.languages).size !== config.languages.length) {
    issues.push({ path: 'languages', message: 'a language is declared twice' });
  }
  for (const language of config.languages) {
    const texts = config.texts[language];
    if (!texts) {
      issues.push({
        path: `texts.${language}`,
        message: `missing translation: language "${language}" is declared but has no texts`,
      });
      continue;
    }
    for (const purpose of config.purposes) {
      if (!texts.purposes[purpose.id]) {
        issues.push({
          path: `texts.${language}.purposes.${purpose.id}`,
          message: `missing translation: purpose "${purpose.id}" has no name and description in "${language}"`,
        });
      }
    }
  }
  for (const language of Object.keys(config.texts)) {
    if (!config.languages.includes(language)) {
      issues.push({
        path: `texts.${language}`,
        message: `texts given for "${language}", which is not in languages`,
      });
    }
  }
  return issues;
}

function consentModeRules(config: SiteConfig): FieldIssue[] {
  const declared = new Set(config.purposes.map((p) => p.id));
  return Object.entries(config.consentMode ?? {}).flatMap(([key, purposes]) =>
    purposes
      .filter((id) => !declared.has(id))
      .map((id) => ({
        path: `consentMode.${key}`,
        message: `maps to purpose "${id}", which the site does not declare`,
      })),
  );
}

/**
 * Validates a site configuration: its shape first, then the rules that refuse dark patterns
 * and legally incomplete notices. Never throws; every problem comes back with its field path.
 */
export const validateSiteConfig = (input: unknown): Result<SiteConfig, FieldIssue[]> => {
  const parsed = parseWith(SiteConfigSchema, input);
  if (!parsed.ok) return parsed;
  const config = parsed.value;
  const issues = [
    ...rejectAllRules(config),
    ...purposeRules(config),
    ...languageRules(config),
    ...consentModeRules(config),
  ];
  return issues.length ? { ok: false, error: issues } : parsed;
};
