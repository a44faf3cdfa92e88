const FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A YYYY-MM-DD day as the CRM shows it: "28 Nov 2026". */
export const formatDay = (day: string): string => FORMAT.format(new Date(`${day}T00:00:00Z`));
