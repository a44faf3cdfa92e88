/** The CRMs the extension knows, with the origins their web apps run on. */
export const CRM_PRESETS = {
  salesforce: {
    label: 'Salesforce Lightning',
    origins: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  },
  hubspot: {
    label: 'HubSpot',
    origins: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  },
  dynamics: { label: 'Dynamics 365', origins: ['https://*.dynamics.com/*'] },
  zoho: { label: 'Zoho CRM', origins: ['https://crm.zoho.com/*', 'https://crm.zoho.eu/*'] },
  pipedrive: { label: 'Pipedrive', origins: ['https://*.pipedrive.com/*'] },
  twenty: { label: 'Twenty', origins: ['https://app.twenty.com/*'] },
} as const;

/** A preset CRM id. */
export type CrmPresetId = keyof typeof CRM_PRESETS;

export const CRM_PRESET_IDS = Object.keys(CRM_PRESETS) as CrmPresetId[];

/**
 * The match pattern for a custom origin typed by the user ("https://crm.example.com" or
 * "http://127.0.0.1:8787"), or null when it is not a plain http(s) origin. Firefox's match patterns
 * carry no port, so a pattern covers every port of the host: the content script checks the
 * page's own origin (chosen-crm.ts).
 */
export function originPattern(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) return null;
  if (url.search || url.hash) return null;
  return `${url.protocol}//${url.hostname}/*`;
}
