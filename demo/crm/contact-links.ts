/** A `tel:` address for a displayed number: "+49 30 5550101" → "tel:+49305550101". */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** A `mailto:` address for an email. */
export const mailtoHref = (email: string): string => `mailto:${email}`;
