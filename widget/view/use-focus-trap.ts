import { useEffect, useRef } from 'preact/hooks';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * While `active`, moves focus into the element, keeps Tab and Shift+Tab inside it, closes on
 * Escape, and gives focus back to where it was when it closes.
 */
export function useFocusTrap<T extends HTMLElement>(active: boolean, onEscape: () => void) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const root = ref.current;
    if (!active || !root) return;
    const rootNode = root.getRootNode() as Document | ShadowRoot;
    const previous = (rootNode.activeElement ??
      root.ownerDocument.activeElement) as HTMLElement | null;
    const outside = root.ownerDocument.activeElement as HTMLElement | null;
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
      (previous ?? outside)?.focus?.();
    };
  }, [active]);
  return ref;
}
