import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CRM_FILES, crmApp } from './crm-app';

const built = mkdtempSync(join(tmpdir(), 'consentry-crm-'));
mkdirSync(join(built, 'crm'));
for (const file of CRM_FILES) writeFileSync(join(built, 'crm', file), `/* ${file} */`);
const empty = mkdtempSync(join(tmpdir(), 'consentry-crm-empty-'));
afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('crmApp', () => {
  const app = crmApp({ distDir: built });

  it.each(['/', '/contacts/1', '/contacts/42', '/anything/deep?q=x'])(
    'answers %s with the app shell under a strict policy',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const body = await res.text();
      expect(body).toContain('<script type="module" src="/assets/crm.js"></script>');
      expect(body).toContain('<link rel="stylesheet" href="/assets/crm.css">');
      expect(body).toContain('<div id="app">');
      expect(body).not.toMatch(/<style|\sstyle=|<script>/);
    },
  );

  it('serves the built script and stylesheet', async () => {
    const js = await app.request('/assets/crm.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('etag')).toMatch(/^"[0-9a-f]{16}"$/);
    expect(await js.text()).toBe('/* crm.js */');
    const css = await app.request('/assets/crm.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404, not the shell, for unknown files under /assets/', async () => {
    for (const path of ['/assets/other.js', '/assets/deep/crm.js']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('<html');
    }
  });

  it('says to run npm run build:demo when the build is missing', async () => {
    const unbuilt = crmApp({ distDir: empty });
    for (const path of ['/', '/contacts/1', '/assets/crm.js', '/assets/crm.css']) {
      const res = await unbuilt.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('npm run build:demo');
    }
  });
});
