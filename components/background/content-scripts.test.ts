import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { syncContentScripts, type ScriptingApi } from './content-scripts';

type Script = Parameters<ScriptingApi['scripting']['registerContentScripts']>[0][number];

/** The extension API, with the origins the user granted and the scripts registered. */
function fakeApi(granted: string[], registered: Script[] = []) {
  const log: string[] = [];
  const asked: string[] = [];
  const api: ScriptingApi = {
    permissions: {
      contains: async ({ origins }) => {
        asked.push(...origins);
        return origins.every((o) => granted.includes(o));
      },
    },
    scripting: {
      getRegisteredContentScripts: async (filter) =>
        registered.filter((s) => !filter?.ids || filter.ids.includes(s.id)),
      unregisterContentScripts: async (filter) => {
        log.push(`unregister ${filter?.ids?.join(',')}`);
        registered = registered.filter((s) => filter?.ids && !filter.ids.includes(s.id));
      },
      registerContentScripts: async (scripts) => {
        log.push(`register ${scripts.map((s) => s.id).join(',')}`);
        registered = [...registered, ...scripts];
      },
    },
  };
  return { api, log, asked, registered: () => registered };
}

const settings = (over: Partial<Settings>): Settings => ({
  ...DEFAULT_SETTINGS,
  backendUrl: 'https://consent.example.com',
  readerKey: 'rk_abcdefghijklmnop1234',
  ...over,
});

describe('syncContentScripts', () => {
  it('runs the CRM script only on the chosen origins the user granted', async () => {
    const fake = fakeApi(['https://app.hubspot.com/*', 'https://crm.example.com/*']);
    const granted = await syncContentScripts(
      fake.api,
      settings({
        crms: ['hubspot'],
        customOrigins: ['https://crm.example.com', 'https://other.example'],
      }),
    );
    expect(granted).toEqual(['https://app.hubspot.com/*', 'https://crm.example.com/*']);
    expect(fake.registered()).toEqual([
      {
        id: 'consentry-crm',
        matches: ['https://app.hubspot.com/*', 'https://crm.example.com/*'],
        js: ['content-scripts/crm.js'],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  });

  it('never asks about or runs on the ledger origin', async () => {
    const fake = fakeApi(['https://consent.example.com/*', 'https://app.twenty.com/*']);
    await syncContentScripts(fake.api, settings({ crms: ['twenty'] }));
    expect(fake.asked).toEqual(['https://app.twenty.com/*']);
    expect(fake.registered()[0]!.matches).toEqual(['https://app.twenty.com/*']);
  });

  it('leaves a registration that is already right untouched', async () => {
    const current: Script = {
      id: 'consentry-crm',
      matches: ['https://app.twenty.com/*'],
      js: ['content-scripts/crm.js'],
    };
    const fake = fakeApi(['https://app.twenty.com/*'], [current]);
    await expect(syncContentScripts(fake.api, settings({ crms: ['twenty'] }))).resolves.toEqual([
      'https://app.twenty.com/*',
    ]);
    expect(fake.log).toEqual([]);
  });

  it('replaces an earlier registration rather than adding a second one', async () => {
    const old: Script = {
      id: 'consentry-crm',
      matches: ['https://crm.zoho.com/*'],
      js: ['content-scripts/crm.js'],
    };
    const fake = fakeApi(['https://app.twenty.com/*'], [old]);
    await syncContentScripts(fake.api, settings({ crms: ['twenty'] }));
    expect(fake.log).toEqual(['unregister consentry-crm', 'register consentry-crm']);
    expect(fake.registered()).toHaveLength(1);
    expect(fake.registered()[0]!.matches).toEqual(['https://app.twenty.com/*']);
  });

  it('unregisters the script when no chosen origin is granted any more', async () => {
    const old: Script = {
      id: 'consentry-crm',
      matches: ['https://crm.zoho.com/*'],
      js: ['content-scripts/crm.js'],
    };
    const fake = fakeApi([], [old]);
    await expect(syncContentScripts(fake.api, settings({ crms: ['zoho'] }))).resolves.toEqual([]);
    expect(fake.log).toEqual(['unregister consentry-crm']);
    expect(fake.registered()).toEqual([]);
  });

  it('does nothing when no CRM is chosen and nothing is registered', async () => {
    const fake = fakeApi(['https://app.hubspot.com/*']);
    await expect(syncContentScripts(fake.api, settings({}))).resolves.toEqual([]);
    expect(fake.log).toEqual([]);
  });

  it('leaves other extension scripts alone', async () => {
    const other: Script = { id: 'someone-else', matches: ['https://*/*'], js: ['x.js'] };
    const fake = fakeApi([], [other]);
    await syncContentScripts(fake.api, settings({ crms: ['zoho'] }));
    expect(fake.registered()).toEqual([other]);
  });
});
