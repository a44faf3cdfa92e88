/** Salesforce Lightning: record pages and list views; visited pages stay in the DOM, only the active one counts. */
import type { CrmAdapter } from '../adapter';

export const salesforce: CrmAdapter = {
  id: 'salesforce',
  label: 'Salesforce Lightning',
  matchesUrl: (url) =>
    /\.(lightning\.force|my\.salesforce)\.com$/.test(url.hostname) ||
    url.pathname.startsWith('/lightning/'),
  markers: ['records-record-layout-item', 'one-record-home-flexipage2', '.forceListViewManager'],
  root: (doc) =>
    doc.querySelector(
      '.oneConsoleTab .windowViewMode-maximized.active, div.windowViewMode-normal.active',
    ),
  actions: {
    email:
      'button[name="SendEmail"], button[name="Global.SendEmail"], [data-target-selection-name$=".SendEmail"] button',
    call: 'button[name="Call"], button[name="LogACall"], [data-target-selection-name$=".Call"] button',
  },
};
