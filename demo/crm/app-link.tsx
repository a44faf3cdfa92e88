import type { ComponentChildren } from 'preact';
import { navigate } from './router';

/** Props of AppLink. */
export interface AppLinkProps {
  href: string;
  class?: string;
  'aria-current'?: 'page';
  children: ComponentChildren;
}

/**
 * A link inside the app: a plain click navigates without a page load; a modified or middle click
 * (new tab, new window) is left to the browser, as is any link an earlier handler claimed.
 */
export function AppLink({ href, children, ...rest }: AppLinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} {...rest} onClick={onClick}>
      {children}
    </a>
  );
}
