import type { ComponentChildren } from 'preact';
import { AppLink } from './app-link';
import { Avatar } from './avatar';
import { Icon, type IconName } from './icons';

/** One step of the top bar's breadcrumb; the last has no link. */
export interface Crumb {
  label: string;
  href?: string;
}

const LATER: [IconName, string][] = [
  ['companies', 'Companies'],
  ['deals', 'Deals'],
  ['tasks', 'Tasks'],
  ['reports', 'Reports'],
];

/** Summit CRM's frame: the sidebar, the top bar with the breadcrumb and the signed-in rep. */
export function CrmLayout({ crumbs, children }: { crumbs: Crumb[]; children: ComponentChildren }) {
  return (
    <div class="crm">
      <aside class="sidebar">
        <AppLink href="/" class="brand">
          <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <path d="M2 27 12 9l6 10 3-5 9 13z" />
          </svg>
          Summit CRM
        </AppLink>
        <nav aria-label="Main">
          <ul class="nav">
            <li>
              <AppLink href="/" class="nav-item active" aria-current="page">
                <Icon name="contacts" />
                Contacts
              </AppLink>
            </li>
            {LATER.map(([icon, label]) => (
              <li key={label}>
                <span class="nav-item disabled" aria-disabled="true" title="Not part of this demo">
                  <Icon name={icon} />
                  {label}
                </span>
              </li>
            ))}
          </ul>
        </nav>
        <p class="sidebar-note">Demo workspace · all people are fictional</p>
      </aside>
      <div class="workspace">
        <header class="topbar">
          <nav aria-label="Breadcrumb">
            <ol class="crumbs">
              {crumbs.map((crumb) => (
                <li key={crumb.label}>
                  {crumb.href ? <AppLink href={crumb.href}>{crumb.label}</AppLink> : crumb.label}
                </li>
              ))}
            </ol>
          </nav>
          <div class="user">
            <Avatar name="Maya Lindqvist" />
            <span>Maya Lindqvist</span>
          </div>
        </header>
        <main class="content">{children}</main>
      </div>
    </div>
  );
}
