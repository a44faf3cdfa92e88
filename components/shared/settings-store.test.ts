import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { SETTINGS_KEY, loadSettings, saveSettings, type StorageArea } from './settings-store';

/** An in-memory `storage.local`. */
function memoryArea(initial: Record<string, unknown> = {}): StorageArea & {
  items: Record<string, unknown>;
} {
  const items = { ...initial };
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (more) => void Object.assign(items, more),
  };
}

const saved: Settings = {
  ...DEFAULT_SETTINGS,
  backendUrl: 'https://consent.example.com',
  readerKey: 'rk_abcdefghijklmnop1234',
  crms: ['pipedrive'],
  guard: 'block',
};

afterEach(() => vi.restoreAllMocks());

describe('loadSettings', () => {
  it('gives the defaults on a fresh install without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(loadSettings(memoryArea())).resolves.toEqual(DEFAULT_SETTINGS);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads back what was saved', async () => {
    const area = memoryArea();
    await saveSettings(area, saved);
    expect(area.items[SETTINGS_KEY]).toEqual(saved);
    await expect(loadSettings(area)).resolves.toEqual(saved);
  });

  it('migrates settings saved by the first release', async () => {
    const area = memoryArea({
      [SETTINGS_KEY]: {
        version: 1,
        backendUrl: 'https://consent.example.com',
        readerKey: 'rk_abcdefghijklmnop1234',
        origins: ['https://*.pipedrive.com/*'],
        channels: ['email', 'phone'],
      },
    });
    const loaded = await loadSettings(area);
    expect(loaded.crms).toEqual(['pipedrive']);
    expect(loaded.purposes).toEqual(['marketing_email', 'marketing_phone']);
  });

  it('ignores a corrupt stored value, warning once with the reason', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const area = memoryArea({ [SETTINGS_KEY]: { ...saved, guard: 'shout' } });
    await expect(loadSettings(area)).resolves.toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toMatch(/stored settings ignored \(guard: /);
  });

  it('reads only its own key', async () => {
    const area = memoryArea({ other: saved });
    await expect(loadSettings(area)).resolves.toEqual(DEFAULT_SETTINGS);
  });
});
