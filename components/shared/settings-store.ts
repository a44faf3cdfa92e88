/** Reading and writing the settings in an extension storage area (always `storage.local`). */
import { readSettings, type Settings } from './settings';

export const SETTINGS_KEY = 'consentry:settings';

/** The part of `browser.storage.local` used here. */
export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The stored settings, migrated and validated; bad values give the defaults (reported once). */
export async function loadSettings(area: StorageArea): Promise<Settings> {
  const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings, problem } = readSettings(stored);
  if (problem) console.warn(`Consentry: stored settings ignored (${problem})`);
  return settings;
}

export async function saveSettings(area: StorageArea, settings: Settings): Promise<void> {
  await area.set({ [SETTINGS_KEY]: settings });
}
