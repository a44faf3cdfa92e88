/**
 * Keeps the CRM content script registered for exactly the CRM origins the rep chose and granted:
 * nothing runs on any other site.
 */
import { originsOf, type Settings } from '../shared/settings';

const SCRIPT_ID = 'consentry-crm';

/** The part of the extension API used here. */
export interface ScriptingApi {
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  scripting: {
    getRegisteredContentScripts(filter?: {
      ids?: string[];
    }): Promise<{ id: string; matches?: string[] }[]>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    registerContentScripts(
      scripts: {
        id: string;
        matches: string[];
        js: string[];
        runAt?: 'document_idle';
        allFrames?: boolean;
        persistAcrossSessions?: boolean;
      }[],
    ): Promise<void>;
  };
}

/** Registers the content script for the granted CRM origins (or unregisters it); returns them. */
export async function syncContentScripts(api: ScriptingApi, settings: Settings): Promise<string[]> {
  const granted: string[] = [];
  for (const origin of originsOf(settings).crm)
    if (await api.permissions.contains({ origins: [origin] })) granted.push(origin);
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  // Already right: touching it would leave a moment in which a loading page gets no script.
  const same = (a: readonly string[] = [], b: readonly string[]) =>
    a.length === b.length && [...a].sort().join() === [...b].sort().join();
  if (granted.length && existing.length === 1 && same(existing[0]!.matches, granted))
    return granted;
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length)
    await api.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: granted,
        js: ['content-scripts/crm.js'],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  return granted;
}
