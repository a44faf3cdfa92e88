/** HubSpot: React pages with hashed class names; `data-test-id` and `data-selenium-test` are the stable hooks. */
import type { CrmAdapter } from '../adapter';

export const hubspot: CrmAdapter = {
  id: 'hubspot',
  label: 'HubSpot',
  matchesUrl: (url) =>
    /^app(-[a-z0-9]+)?\.hubspot\.com$/.test(url.hostname) ||
    /^\/contacts\/\d+\/(record|objects)\//.test(url.pathname),
  markers: ['[data-test-id="left-sidebar"]'],
  actions: {
    email:
      '[data-test-id="email-button"], [data-selenium-test="email-button"], button[data-test-id="record-email-action"]',
    call: '[data-test-id="call-button"], [data-selenium-test="call-button"], button[data-test-id="record-call-action"]',
  },
};
