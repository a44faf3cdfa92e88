import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgersClosedAfterEach } from '../testing';

const ledger = ledgersClosedAfterEach();

function builtWidget(contents: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'consentry-widget-')), 'widget');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'consentry.js'), contents);
  return dir;
}

describe('serving the widget', () => {
  it('serves /consentry.js as JavaScript with revalidation, and a hashed copy cached for a year', async () => {
    const l = await ledger({ config: { widgetDir: builtWidget('window.__widget = 1;') } });
    const res = await l.call('GET', '/consentry.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('max-age=3600');
    expect(await res.text()).toBe('window.__widget = 1;');
    const again = await l.call('GET', '/consentry.js', {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    const pinned = res.headers.get('x-consentry-widget')!;
    const immutable = await l.call('GET', pinned);
    expect(immutable.status).toBe(200);
    expect(immutable.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await l.call('GET', '/widget/consentry.0000000000000000.js')).status).toBe(404);
  });

  it('says how to build the widget when it is not built', async () => {
    const l = await ledger({ config: { widgetDir: join(tmpdir(), 'consentry-no-such-dir') } });
    const res = await l.call('GET', '/consentry.js');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'npm run build:widget',
    );
  });
});
