/**
 * Everything the content script runs on one CRM page, torn down as a whole: the adapter for the
 * page, the scanner, the overlay and the action guard. On SPA navigation the caller aborts the
 * signal and starts a new one.
 */
import type { Settings } from '../shared/settings';
import { installActionGuard } from './action-guard';
import { adapterFor } from './adapters/index';
import { ConsentOverlay, type Ask, type Identify } from './consent-overlay';
import { PageScanner } from './page-scanner';
import { watchRoot } from './root-watcher';

export interface CrmPage {
  adapterId: string;
  overlay: ConsentOverlay;
  scanner: PageScanner;
}

/**
 * Starts the content script's work on the page; `onViewChanged` is called when the CRM swaps the
 * live view for another (the caller then starts again, as on navigation).
 */
export function startCrmPage(
  doc: Document,
  settings: () => Settings,
  ask: Ask,
  identify: Identify,
  signal: AbortSignal,
  onViewChanged: () => void = () => {},
): CrmPage {
  const adapter = adapterFor(new URL(doc.location.href), doc);
  // The region national numbers are read in stays the one the page started with.
  const phoneRegion = settings().phoneRegion;
  const overlay = new ConsentOverlay(
    doc,
    ask,
    identify,
    () => settings().purposes,
    () => phoneRegion,
  );
  const scanner = new PageScanner(
    doc,
    adapter,
    (change) => overlay.update(change),
    (shadow) => overlay.watch(shadow),
  );
  installActionGuard(
    doc,
    {
      adapter,
      overlay,
      mode: () => settings().guard,
      purposes: () => settings().purposes,
      recordIdentifier: (kind) => {
        for (const f of scanner.found) {
          const key = f.kind === kind ? overlay.keyFor(f) : null;
          if (key) return key;
        }
        return null;
      },
    },
    signal,
  );
  scanner.start(signal);
  watchRoot(doc, adapter, adapter.root?.(doc) ?? null, onViewChanged, signal);
  // Ask again when the cached answers have aged, and when the rep comes back to the tab.
  const every = setInterval(() => void overlay.refresh(false), settings().cacheMinutes * 60_000);
  const onVisible = () => doc.visibilityState === 'visible' && void overlay.refresh(false);
  doc.addEventListener('visibilitychange', onVisible);
  signal.addEventListener('abort', () => {
    clearInterval(every);
    doc.removeEventListener('visibilitychange', onVisible);
    overlay.destroy();
  });
  return { adapterId: adapter.id, overlay, scanner };
}
