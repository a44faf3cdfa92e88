/**
 * Headless Chromium for browser tests: Debian's build (CHROMIUM_PATH), never a downloaded one,
 * plain or with an unpacked extension loaded, and the extension's popup opened for a tab.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Worker,
} from 'playwright-core';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags this closed network needs. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: EXECUTABLE, headless: true, args: FLAGS });
}

/** Chromium with an unpacked extension loaded, as "Load unpacked" does. */
export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's service worker. */
  worker: Worker;
  extensionId: string;
}

/** Launches Chromium with the unpacked extension in `extensionDir`, on a profile in `profileDir`. */
export async function launchWithExtension(
  extensionDir: string,
  profileDir: string,
): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: EXECUTABLE,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...FLAGS,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, extensionId: worker.url().split('/')[2]! };
}

/**
 * Opens the extension's popup for the tab showing `page`, as the rep clicks the toolbar icon
 * (`viewport`: the popup's size, for a screenshot).
 */
export async function openPopupFor(
  b: ExtensionBrowser,
  page: Page,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const [tabId] = await b.worker.evaluate(async (url) => {
    const api = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } };
      }
    ).chrome;
    return (await api.tabs.query({ url })).map((t) => t.id);
  }, page.url());
  const popup = await b.context.newPage();
  if (viewport) await popup.setViewportSize(viewport);
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByTestId('popup-count').waitFor();
  return popup;
}
