import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../shared/settings';
import { SETTINGS_KEY, type StorageArea } from '../shared/settings-store';
import { adoptDemoSettings } from './demo-settings';

const area = (initial: Record<string, unknown> = {}) => {
  const data = { ...initial };
  return {
    data,
    get: async (key: string) => (key in data ? { [key]: data[key] } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
  } satisfies StorageArea & { data: Record<string, unknown> };
};

const demo: Settings = {
  ...DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  backendUrl: 'http://localhost:8787',
  readerKey: 'rk_demo_0123456789abcdef0123456789abcdef',
  customOrigins: ['http://localhost:8788'],
};

describe('adoptDemoSettings', () => {
  it('saves the demo settings when nothing is configured', async () => {
    const storage = area();
    expect(await adoptDemoSettings(storage, async () => demo)).toEqual(demo);
    expect(storage.data[SETTINGS_KEY]).toEqual(demo);
  });

  it('leaves settings the rep saved alone, without reading the file', async () => {
    const mine = { ...demo, backendUrl: 'https://ledger.example' };
    const storage = area({ [SETTINGS_KEY]: mine });
    const read = vi.fn(async () => demo);
    expect(await adoptDemoSettings(storage, read)).toBeNull();
    expect(read).not.toHaveBeenCalled();
    expect(storage.data[SETTINGS_KEY]).toEqual(mine);
  });

  it('does nothing in a store build, where there is no file', async () => {
    const storage = area();
    expect(
      await adoptDemoSettings(storage, async () => Promise.reject(new Error('404'))),
    ).toBeNull();
    expect(await adoptDemoSettings(storage, async () => null)).toBeNull();
    expect(storage.data).toEqual({});
  });

  it('refuses a file that is not valid settings, and saves nothing', async () => {
    const storage = area();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bad = { ...demo, backendUrl: 'javascript:alert(1)' };
    expect(await adoptDemoSettings(storage, async () => bad)).toBeNull();
    expect(storage.data).toEqual({});
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
