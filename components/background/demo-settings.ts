/**
 * Demo builds of the extension carry `demo-settings.json`, written by the ledger when it starts in
 * demo mode (its URL, the demo reader key, the demo CRM's origin). It is adopted only while the
 * rep has configured nothing, and only if it passes the same validation as saved settings.
 */
import { readSettings, type Settings } from '../shared/settings';
import { saveSettings, SETTINGS_KEY, type StorageArea } from '../shared/settings-store';

/** Reads the file the demo start wrote; null when there is none (every store build). */
export type ReadDemoFile = () => Promise<unknown>;

/** Saves the demo settings when nothing is configured yet; returns the settings adopted, or null. */
export async function adoptDemoSettings(
  area: StorageArea,
  readFile: ReadDemoFile,
): Promise<Settings | null> {
  const stored = readSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]).settings;
  if (stored.backendUrl || stored.readerKey) return null;
  const file = await readFile().catch(() => null);
  if (file == null) return null;
  const { settings, problem } = readSettings(file);
  if (problem) {
    console.warn(`Consentry: demo-settings.json ignored (${problem})`);
    return null;
  }
  await saveSettings(area, settings);
  return settings;
}
