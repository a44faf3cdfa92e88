const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus into `root`, keeps Tab and Shift+Tab inside it and calls `onEscape` on Escape,
 * until the returned function releases it: focus then goes back to where it was.
 */
export function trapFocus(root: HTMLElement, onEscape: () => void): () => void {
  const previous = ((root.getRootNode() as Document | ShadowRoot).activeElement ??
    root.ownerDocument.activeElement) as HTMLElement | null;
  const items = () => Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
  items()[0]?.focus();
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const list = items();
    const first = list[0];
    const last = list[list.length - 1];
    const current = (root.getRootNode() as ShadowRoot | Document).activeElement;
    if (event.shiftKey && current === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && current === last) {
      event.preventDefault();
      first?.focus();
    }
  };
  root.addEventListener('keydown', onKey);
  return () => {
    root.removeEventListener('keydown', onKey);
    previous?.focus?.();
  };
}
