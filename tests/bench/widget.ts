/**
 * npm run bench:widget — our widget next to vanilla-cookieconsent 3.1.0 (a dev dependency), in
 * one run: bytes a default embed downloads (JS + CSS, gzip -9), and in Chromium the time from
 * the widget's script starting to download to its first layer painted, and the layout shift,
 * on the same page, rounds interleaved, medians. Ours is measured twice: with its configuration
 * from the ledger (one more round trip, as deployed) and inline. Ends with one JSON line.
 * BENCH_ROUNDS shortens it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { launchChromium } from '../browser/chromium';
import { demoConfig } from '../../backend/demo/demo-config';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const root = join(import.meta.dirname, '..', '..');
const cc = join(root, 'node_modules', 'vanilla-cookieconsent', 'dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Paints: a frame loop that notes when the first layer is on screen, and the layout shift. */
const PROBE = (selector: string) => `<script>
  window.__cls = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  (function check() {
    const el = ${selector};
    if (el && el.getBoundingClientRect().height > 0) requestAnimationFrame(() => { window.__painted = performance.now(); });
    else requestAnimationFrame(check);
  })();
</script>`;

const OURS = `document.querySelector('#consentry-root')?.shadowRoot?.querySelector('[role=dialog]')`;
const THEIRS = `document.querySelector('#cc-main .cm')`;

const page = (head: string, probe: string, bodyEnd = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${PROBE(probe)}${head}</head>
<body><h1>Alpine Outfitters</h1><p>${'Boots, tents and jackets. '.repeat(40)}</p>${bodyEnd}</body></html>`;

// hideFromBots: false, or cookieconsent hides itself from the automated browser.
const ccConfig = JSON.stringify({
  hideFromBots: false,
  categories: { necessary: { readOnly: true, enabled: true }, analytics: {}, marketing: {} },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Your privacy',
          description: 'We use cookies.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Customise',
        },
        preferencesModal: {
          title: 'Preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save',
          sections: [],
        },
      },
    },
  },
});

async function startLedger(
  dir: string,
): Promise<{ url: string; keys: { site: string; admin: string }; stop(): void }> {
  const child = spawn(process.execPath, ['backend/bin.mjs', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      CONSENTRY_DATA_DIR: dir,
      CONSENTRY_PORT: '18795',
      CONSENTRY_DEMO_CRM_PORT: '0',
      CONSENTRY_LOG_LEVEL: 'warn',
      CONSENTRY_PUBLIC_RATE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      // The reader key is the last line of the start-up output.
      if (/reader key[^\n]*rk_[^\n]*\n/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`ledger exited ${code}: ${out}`)));
  });
  // "  admin key  (everything else):   sk_…", one line per key.
  const key = (prefix: string) => new RegExp(`key\\b[^\\n]*:\\s+(${prefix}_\\S+)`).exec(out)![1]!;
  return {
    url: 'http://127.0.0.1:18795',
    keys: { site: key('pk'), admin: key('sk') },
    stop: () => child.kill('SIGTERM'),
  };
}

async function main() {
  for (const mode of ['production', 'inline'])
    await build({
      root,
      configFile: join(root, 'widget', 'vite.config.ts'),
      mode,
      logLevel: 'warn',
    });
  const ours = { js: gz(join(root, 'dist', 'widget', 'consentry.js')), css: 0 };
  const oursInline = gz(join(root, 'dist', 'widget', 'consentry-inline.js'));
  const theirs = {
    js: gz(join(cc, 'cookieconsent.umd.js')),
    css: gz(join(cc, 'cookieconsent.css')),
  };

  const dir = mkdtempSync(join(tmpdir(), 'consentry-widget-bench-'));
  const ledger = await startLedger(dir);
  const pages = new Map<string, string>();
  const files: Record<string, [string, string]> = {
    '/cc.js': [join(cc, 'cookieconsent.umd.js'), 'text/javascript'],
    '/cc.css': [join(cc, 'cookieconsent.css'), 'text/css'],
  };
  const shop = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const file = files[path];
    if (file)
      return void res.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
    const html = pages.get(path);
    if (!html) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(html);
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', () => r()));
  const shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  const published = await fetch(`${ledger.url}/v1/sites/demo-shop/policies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ledger.keys.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      config: { ...demoConfig(), policyVersion: 'bench' },
      allowedOrigins: [shopOrigin],
    }),
  });
  if (published.status !== 201)
    throw new Error(`could not publish the bench policy: ${published.status}`);
  const inlineConfig = JSON.stringify({ ...demoConfig(), policyVersion: 'bench' })
    .replace(/&/g, '&amp;')
    .replace(/'/g, '&#39;');
  pages.set(
    '/ours',
    page(
      `<script src="${ledger.url}/consentry.js" data-site="${ledger.keys.site}" async></script>`,
      OURS,
    ),
  );
  pages.set(
    '/ours-inline',
    page(
      `<script src="${ledger.url}/consentry-inline.js" data-config='${inlineConfig}' data-site-id="bench" data-regime="gdpr" async></script>`,
      OURS,
    ),
  );
  // As cookieconsent's documentation places it: the CSS in the head, the script at the end of the body.
  pages.set(
    '/theirs',
    page(
      '<link rel="stylesheet" href="/cc.css">',
      THEIRS,
      `<script src="/cc.js"></script><script>CookieConsent.run(${ccConfig});</script>`,
    ),
  );

  const browser = await launchChromium();
  const times: Record<string, number[]> = { ours: [], oursInline: [], theirs: [] };
  const shifts: Record<string, number[]> = { ours: [], oursInline: [], theirs: [] };
  const scriptOf: Record<string, string> = {
    ours: 'consentry.js',
    oursInline: 'consentry-inline.js',
    theirs: 'cc.js',
  };
  const pathOf: Record<string, string> = {
    ours: '/ours',
    oursInline: '/ours-inline',
    theirs: '/theirs',
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of ['ours', 'oursInline', 'theirs']) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const tab = await context.newPage();
      const logs: string[] = [];
      tab.on('console', (m) => logs.push(m.text()));
      tab.on('pageerror', (e) => logs.push(e.message));
      await tab.goto(`${shopOrigin}${pathOf[name]}`);
      await tab
        .waitForFunction(
          () => typeof (window as { __painted?: number }).__painted === 'number',
          undefined,
          { timeout: 10_000 },
        )
        .catch((error: Error) => {
          throw new Error(
            `${name}: the first layer never painted (${error.message}); page said: ${logs.join(' | ')}`,
          );
        });
      await tab.waitForTimeout(100);
      const m = await tab.evaluate((script) => {
        const entry = performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith(script))!;
        return {
          painted: (window as unknown as { __painted: number }).__painted - entry.startTime,
          cls: (window as unknown as { __cls: number }).__cls,
        };
      }, scriptOf[name]!);
      times[name]!.push(m.painted);
      shifts[name]!.push(m.cls);
      await context.close();
    }
  }
  await browser.close();
  shop.close();
  ledger.stop();
  rmSync(dir, { recursive: true, force: true });

  const t = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]),
  ) as Record<string, number>;
  const cls = Object.fromEntries(
    Object.entries(shifts).map(([k, v]) => [k, Math.round(median(v) * 10000) / 10000]),
  ) as Record<string, number>;
  const oursBytes = ours.js + ours.css;
  const theirsBytes = theirs.js + theirs.css;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  console.log(
    `\nConsentry widget bench: ${ROUNDS} rounds, medians, Chromium headless (Node ${process.version})`,
  );
  console.log(`bytes a default embed downloads (JS + CSS, gzip -9):`);
  console.log(
    `  consentry.js                 ${oursBytes.toLocaleString('en')} B   (${ratio(oursBytes, theirsBytes)}x cookieconsent)`,
  );
  console.log(
    `  consentry-inline.js          ${oursInline.toLocaleString('en')} B   (${ratio(oursInline, theirsBytes)}x)`,
  );
  console.log(
    `  vanilla-cookieconsent 3.1.0  ${theirsBytes.toLocaleString('en')} B   (JS ${theirs.js} + CSS ${theirs.css})`,
  );
  console.log(`script start -> first layer painted:`);
  console.log(
    `  consentry.js (config from the ledger)  ${t.ours} ms   (${ratio(t.ours!, t.theirs!)}x cookieconsent)`,
  );
  console.log(
    `  consentry-inline.js (inline config)    ${t.oursInline} ms   (${ratio(t.oursInline!, t.theirs!)}x)`,
  );
  console.log(`  vanilla-cookieconsent                  ${t.theirs} ms`);
  console.log(
    `cumulative layout shift: consentry ${cls.ours}, inline ${cls.oursInline}, cookieconsent ${cls.theirs}`,
  );
  console.log(
    JSON.stringify({
      bench: 'widget',
      rounds: ROUNDS,
      bytes: {
        consentry: oursBytes,
        consentryInline: oursInline,
        cookieconsent: theirsBytes,
        ratio: ratio(oursBytes, theirsBytes),
      },
      paintMs: {
        consentry: t.ours,
        consentryInline: t.oursInline,
        cookieconsent: t.theirs,
        ratio: ratio(t.ours!, t.theirs!),
        inlineRatio: ratio(t.oursInline!, t.theirs!),
      },
      cls: { consentry: cls.ours, consentryInline: cls.oursInline, cookieconsent: cls.theirs },
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
