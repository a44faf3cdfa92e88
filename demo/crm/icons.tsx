/** Small line icons for the CRM's navigation, buttons and timeline (decorative: hidden from AT). */
const PATHS = {
  contacts:
    'M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7M21 19v-1a4 4 0 0 0-3-3.9M15.5 3.1a3.5 3.5 0 0 1 0 6.8',
  companies: 'M4 21V5l8-2v18M12 8h8v13M4 21h17M7.5 8h1M7.5 12h1M7.5 16h1M15.5 12h1M15.5 16h1',
  deals:
    'M3 12l8.5-8.5H19a2 2 0 0 1 2 2v7.5L12.5 21.5a1.5 1.5 0 0 1-2.1 0L3 14.1a1.5 1.5 0 0 1 0-2.1M16 8h.01',
  tasks: 'M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9',
  reports: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  email: 'M3 6h18v12H3zM3 7l9 6 9-6',
  call: 'M21 16.5v3a2 2 0 0 1-2.2 2A19 19 0 0 1 2.5 5.2 2 2 0 0 1 4.5 3h3a2 2 0 0 1 2 1.7l.5 3a2 2 0 0 1-.6 1.8L8 10.9a16 16 0 0 0 5.1 5.1l1.4-1.4a2 2 0 0 1 1.8-.6l3 .5a2 2 0 0 1 1.7 2',
  meeting: 'M4 5h16v16H4zM4 10h16M9 3v4M15 3v4',
  note: 'M5 3h10l4 4v14H5zM9 12h6M9 16h6',
  deal: 'M12 3v18M17 7.5c0-1.9-2.2-3-5-3s-5 1.1-5 3 2 2.7 5 3.5 5 1.6 5 3.5-2.2 3-5 3-5-1.1-5-3',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14M21 21l-5-5',
} as const;

/** The name of an icon. */
export type IconName = keyof typeof PATHS;

/** One icon, drawn with the current text colour. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
