import { describe, expect, it } from 'vitest';
import { isChosenCrm } from './chosen-crm';
import type { CrmPresetId } from './crm-presets';

const custom = { crms: [], customOrigins: ['http://127.0.0.1:8788', 'https://crm.example.com'] };
const presets = { crms: ['salesforce', 'hubspot'] as CrmPresetId[], customOrigins: [] };

describe('isChosenCrm', () => {
  it.each([
    ['http://127.0.0.1:8788/contacts/2', true],
    ['http://127.0.0.1:8788/', true],
    ['https://crm.example.com/app#/people', true],
    ['https://crm.example.com:443/', true],
  ])('takes %s for a custom origin the rep chose', (href, chosen) => {
    expect(isChosenCrm(href, custom)).toBe(chosen);
  });

  it.each([
    ['another port of the same host', 'http://127.0.0.1:8787/demo/shop/'],
    ['the default port of that host', 'http://127.0.0.1/'],
    ['another scheme', 'http://crm.example.com/'],
    ['another port of a chosen https origin', 'https://crm.example.com:8443/'],
    ['a subdomain of a chosen origin', 'https://eu.crm.example.com/'],
    ['not a URL', 'nonsense'],
  ])('refuses %s', (_, href) => {
    expect(isChosenCrm(href, custom)).toBe(false);
  });

  it('matches a preset by its patterns: subdomains where the pattern says *., the host itself else', () => {
    expect(isChosenCrm('https://acme.lightning.force.com/lightning/r/Contact/1', presets)).toBe(
      true,
    );
    expect(isChosenCrm('https://app.hubspot.com/contacts/1', presets)).toBe(true);
    expect(isChosenCrm('https://evil.app.hubspot.com/', presets)).toBe(false);
    expect(isChosenCrm('https://lightning.force.com.evil.example/', presets)).toBe(false);
    expect(isChosenCrm('http://acme.lightning.force.com/', presets)).toBe(false);
    expect(isChosenCrm('https://acme.lightning.force.com:8443/', presets)).toBe(false);
    expect(isChosenCrm('https://acme.pipedrive.com/', presets)).toBe(false);
  });

  it('reads a custom origin written with *. as its match pattern does: the host and its subdomains', () => {
    const wild = {
      crms: [],
      customOrigins: ['https://*.crm.example.com', 'http://*.local.test:8080'],
    };
    expect(isChosenCrm('https://eu.crm.example.com/app', wild)).toBe(true);
    expect(isChosenCrm('https://crm.example.com/', wild)).toBe(true);
    expect(isChosenCrm('https://evilcrm.example.com/', wild)).toBe(false);
    expect(isChosenCrm('http://eu.crm.example.com/', wild)).toBe(false);
    expect(isChosenCrm('https://eu.crm.example.com:8443/', wild)).toBe(false);
    expect(isChosenCrm('http://a.local.test:8080/', wild)).toBe(true);
    expect(isChosenCrm('http://a.local.test:8081/', wild)).toBe(false);
    // Written with the scheme's own port, or in capitals: the same origin.
    const written = { crms: [], customOrigins: ['HTTPS://*.CRM.example.com:443'] };
    expect(isChosenCrm('https://eu.crm.example.com/', written)).toBe(true);
    expect(isChosenCrm('https://eu.crm.example.com:443/', written)).toBe(true);
  });
});
