/** Any other page (EspoCRM, SuiteCRM, Odoo, in-house CRMs): the generic rules over the whole body. */
import type { CrmAdapter } from '../adapter';

export const generic: CrmAdapter = {
  id: 'generic',
  label: 'Any web CRM',
  actions: {
    // EspoCRM renders "send email" as a button carrying the address; Odoo as a mailto: link.
    email: '[data-action="mailTo"]',
    call: '[data-action="dial"]',
  },
};
