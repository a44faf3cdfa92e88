/**
 * The whole loop of issue 6, as a new user meets it: the demo that `npm start` serves, with real
 * processes, real HTTP and real Chromium. Visitors from Germany, California and China choose on
 * the demo shop and sign up for its newsletter; a sales rep sees their consent in Summit CRM
 * through the demo build of the extension (pre-configured by the ledger's demo start); one
 * visitor withdraws, the admin erases another with the CLI, and the audit tells the story.
 * Every step checks what these people see, never internal state. The steps run in order and
 * share one ledger.
 *
 * SCREENSHOTS_DIR=tests/browser/screenshots writes the README's loop-*.png along the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPopupFor } from '../browser/chromium';
import {
  badgeSays,
  contentScriptRegistered,
  expectBadge,
  launchRepBrowser,
  launchVisitorsBrowser,
  nextDelivery,
  readPopover,
  screenshot,
  until,
  visitorContext,
  widget,
  type PurposeRow,
  type RepBrowser,
} from './demo-browsers';
import {
  buildDemo,
  cli,
  commandEnv,
  freePorts,
  startDemoServer,
  type DemoBuild,
  type DemoServer,
} from './demo-process';

/** The popup's size in the screenshots. */
const POPUP = { width: 420, height: 260 };

const SITE = 'demo-shop';
const ANNA = 'anna.schmidt@example.de';
const LUKAS = 'lukas.weber@example.de';
const OLIVIA = 'olivia.parker@example.com';
const LI_WEI = 'li.wei@example.cn';
/** What the shop's demo configuration calls its policy (backend/demo/demo-config.ts). */
const POLICY = '2026-11';
/** The purposes the demo start pre-configures in the extension. */
const DEMO_TEAM_PURPOSES = ['marketing_email', 'marketing_phone'];

const GPC_HONOURED =
  "Your browser's Global Privacy Control signal is honoured: sale, sharing and targeted advertising stay off.";
const RECEIPT = /Your choices were saved\. Receipt [0-9a-f-]{36}, recorded \d{4}-\d{2}-\d{2}\./;

let dir: string;
let built: DemoBuild;
let ports: { ledger: number; crm: number };
let env: NodeJS.ProcessEnv;
let server: DemoServer | null = null;
let visitors: Browser | null = null;
let rep: RepBrowser | null = null;
/** Anna's device: she comes back with it in step 3. */
let annaDevice: BrowserContext;
let crmList: Page;

/**
 * The UTC days the loop has run on so far, as a pattern: a run that starts before midnight and
 * asserts after it must accept the day each decision was actually made (CI once saw "Refused on
 * 2026-11-29" asserted against the 30th).
 */
const suiteStart = new Date();
const runDays = (length = 10) => {
  const days = new Set([suiteStart, new Date()].map((d) => d.toISOString().slice(0, length)));
  return `(?:${[...days].join('|')})`;
};
const onRunDay = (before = '') => expect.stringMatching(new RegExp(`^${before}${runDays()}$`));
const emailKey = (email: string) => `email:${email}`;
const startup = () => server!.startup;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consentry-e2e-'));
  built = await buildDemo(dir);
  const [ledger, crm] = await freePorts(2);
  ports = { ledger: ledger!, crm: crm! };
  env = commandEnv({
    CONSENTRY_DATA_DIR: join(dir, 'data'),
    CONSENTRY_HOST: '127.0.0.1',
    CONSENTRY_PORT: String(ports.ledger),
    CONSENTRY_DEMO_CRM_PORT: String(ports.crm),
    CONSENTRY_WIDGET_DIR: built.widgetDir,
    CONSENTRY_DEMO_DIR: built.demoDir,
    CONSENTRY_DEMO_EXTENSION_DIR: built.extensionDir,
    CONSENTRY_COUNTRY_HEADER: 'x-test-country',
    CONSENTRY_REGION_HEADER: 'x-test-region',
    CONSENTRY_LOG_LEVEL: 'warn',
  });
  server = await startDemoServer(env);
  // The demo start has written demo-settings.json into the extension folder: load it now, as
  // the start-up output tells the user to.
  [visitors, rep] = await Promise.all([
    launchVisitorsBrowser(),
    launchRepBrowser(startup().extensionDir, join(dir, 'profile')),
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([rep?.context.close(), visitors?.close()]);
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Signs up for the newsletter and waits for the thank-you and for the ledger to have it. */
async function signUp(page: Page, email: string, options: { offers?: boolean } = {}) {
  await page.getByTestId('newsletter-email').fill(email);
  if (options.offers) await page.getByTestId('newsletter-offers').check();
  const delivered = nextDelivery(page, (body) => body.includes(`"email":"${email}"`));
  await page.getByTestId('newsletter-submit').click();
  await expect
    .poll(() => page.getByTestId('newsletter-thanks').textContent())
    .toBe(`Thanks for subscribing! Our next newsletter goes to ${email}.`);
  expect((await delivered).ok()).toBe(true);
}

/** Opens the shop as a visitor and waits for the widget's first layer. */
async function openShop(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(startup().shopUrl);
  await widget(page).getByRole('dialog').waitFor();
  return page;
}

/** The state of each switch in the preferences layer, by purpose name. */
const switches = (page: Page) =>
  widget(page)
    .getByRole('switch')
    .evaluateAll((inputs) =>
      Object.fromEntries(
        inputs.map((i) => [
          (i as HTMLInputElement).labels?.[0]?.textContent ?? '',
          (i as HTMLInputElement).checked,
        ]),
      ),
    );

/** Opens the CRM at `path` in the rep's browser, in front (badges are laid out in frames). */
async function openCrm(path = ''): Promise<Page> {
  const page = await rep!.context.newPage();
  await page.goto(`${startup().crmUrl}${path}`);
  await page.bringToFront();
  return page;
}

/** Fills in and saves the extension's real options page with these purposes; returns its status. */
async function saveTeamPurposes(purposes: string[]): Promise<string> {
  const options = await rep!.context.newPage();
  await options.goto(`chrome-extension://${rep!.extensionId}/options.html`);
  for (const box of await options.locator('input[name^="purpose-"]').all()) {
    const name = (await box.getAttribute('name'))!.slice('purpose-'.length);
    await box.setChecked(purposes.includes(name));
  }
  await options.click('button[type="submit"]');
  const status = options.getByTestId('options-status');
  await status.waitFor();
  const text = (await status.textContent()) ?? '';
  await options.close();
  return text;
}

/** Clicks the popup's Refresh until `check` accepts what the popup says (or the deadline passes). */
async function refreshUntil(popup: Page, what: string, check: (text: string) => boolean) {
  return until(
    what,
    async () => {
      await popup.getByRole('button', { name: 'Refresh', exact: true }).click();
      // While it asks, the button says "Refreshing…"; the answer is shown once it says "Refresh".
      await popup.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
      const text = ((await popup.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
      if (check(text)) return text;
      throw new Error(`the popup says: ${text}`);
    },
    20_000,
    500,
  );
}

describe('the whole loop: shop, ledger, CRM extension, audit', { timeout: 240_000 }, () => {
  it('0. starts as `npm start` does and prints every URL, the extension folder and the keys', () => {
    const s = startup();
    expect(s.ledgerUrl).toBe(`http://127.0.0.1:${ports.ledger}`);
    expect(s.shopUrl).toBe(`http://127.0.0.1:${ports.ledger}/demo/shop/`);
    expect(s.crmUrl).toBe(`http://127.0.0.1:${ports.crm}/`);
    expect(s.extensionDir).toBe(built.extensionDir);
    expect(server!.output()).toMatch(/It is pre-configured for this ledger and this CRM/);
    expect(server!.output()).toMatch(/consentry audit --site demo-shop/);
  });

  it('1. visitors from Germany, California and China see their notice, choose and sign up', async () => {
    // Anna, in Berlin: the GDPR opt-in dialog; she customises and turns on the newsletter.
    annaDevice = await visitorContext(visitors!, { country: 'DE' });
    const anna = await openShop(annaDevice);
    const banner = widget(anna).getByRole('dialog');
    expect(await banner.getAttribute('aria-modal')).toBe('true');
    expect(await banner.getByRole('heading').textContent()).toBe(
      'Your privacy at Alpine Outfitters',
    );
    expect(await banner.getByRole('button').allInnerTexts()).toEqual([
      'Accept all',
      'Reject all',
      'Customise',
    ]);
    await screenshot(anna, 'loop-banner.png');
    await banner.getByRole('button', { name: 'Customise' }).click();
    const prefs = widget(anna).getByRole('dialog', { name: 'Privacy preferences' });
    await prefs.waitFor();
    // Opt-in: nothing optional is on before she says so.
    expect(await switches(anna)).toEqual({
      Analytics: false,
      Advertising: false,
      'Newsletter and offers': false,
      'Sale or sharing': false,
      'Transfer abroad': false,
    });
    await prefs.getByRole('switch', { name: 'Newsletter and offers' }).check();
    await prefs.getByRole('switch', { name: 'Analytics' }).check();
    await screenshot(anna, 'loop-preferences.png');
    const saved = nextDelivery(anna, (body) => body.includes('"method":"save"'));
    await prefs.getByRole('button', { name: 'Save choices' }).click();
    expect((await saved).status()).toBe(201);
    await expect.poll(() => prefs.textContent()).toMatch(RECEIPT);
    await prefs.getByRole('button', { name: 'Close' }).click();
    await prefs.waitFor({ state: 'detached' });
    // The analytics tag runs now; advertising stays off.
    await expect
      .poll(() => anna.getByTestId('analytics-status').textContent())
      .toBe('Analytics on');
    expect(await anna.getByTestId('advertising-status').textContent()).toBe('Advertising off');
    await signUp(anna, ANNA);

    // Lukas, in Munich: the same dialog; he rejects all.
    const lukas = await openShop(await visitorContext(visitors!, { country: 'DE' }));
    expect(await widget(lukas).getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    await widget(lukas).getByRole('button', { name: 'Reject all' }).click();
    await widget(lukas).getByRole('dialog').waitFor({ state: 'detached' });
    await widget(lukas).getByRole('button', { name: 'Privacy settings' }).waitFor();
    expect(await lukas.getByTestId('analytics-status').textContent()).toBe('Analytics off');
    await signUp(lukas, LUKAS);

    // Olivia, in San Francisco with Global Privacy Control: the CCPA opt-out notice, not a
    // dialog that blocks the page, saying GPC is honoured and that she is opted out of sale.
    const olivia = await openShop(
      await visitorContext(visitors!, { country: 'US', region: 'US-CA', gpc: true }),
    );
    const notice = widget(olivia).getByRole('dialog');
    expect(await notice.getAttribute('aria-modal')).toBeNull();
    const noticeText = (await notice.textContent()) ?? '';
    expect(noticeText).toContain(GPC_HONOURED);
    expect(noticeText).toContain(
      'You have opted out of the sale and sharing of your personal information.',
    );
    expect(await notice.getByRole('button').allInnerTexts()).toEqual(['Customise', 'Close']);
    // Opt-out model: analytics runs, advertising does not (GPC).
    await expect
      .poll(() => olivia.getByTestId('analytics-status').textContent())
      .toBe('Analytics on');
    expect(await olivia.getByTestId('advertising-status').textContent()).toBe('Advertising off');
    await notice.getByRole('button', { name: 'Close' }).click();
    await notice.waitFor({ state: 'detached' });
    // She asks for the offers too, which is her consent to marketing email.
    await signUp(olivia, OLIVIA, { offers: true });

    // Li Wei, in Beijing: the PIPL opt-in dialog; "Accept all" grants everything but the
    // cross-border transfer, which needs its own, separate consent.
    const li = await openShop(await visitorContext(visitors!, { country: 'CN' }));
    expect(await widget(li).getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    expect(await widget(li).getByRole('button').allInnerTexts()).toEqual([
      'Accept all',
      'Reject all',
      'Customise',
    ]);
    await widget(li).getByRole('button', { name: 'Accept all' }).click();
    await widget(li).getByRole('dialog').waitFor({ state: 'detached' });
    await widget(li).getByRole('button', { name: 'Privacy settings' }).click();
    const liPrefs = widget(li).getByRole('dialog', { name: 'Privacy preferences' });
    await liPrefs.waitFor();
    expect(await switches(li)).toEqual({
      Analytics: true,
      Advertising: true,
      'Newsletter and offers': true,
      'Sale or sharing': true,
      'Transfer abroad': false,
    });
    const transfer = liPrefs.locator('section', {
      has: li.getByRole('switch', { name: 'Transfer abroad' }),
    });
    expect(await transfer.textContent()).toMatch(
      /Needs your separate consent.*Alpine Outfitters Inc\. \(US\)/s,
    );
    await liPrefs.getByRole('button', { name: 'Close' }).click();
    await liPrefs.waitFor({ state: 'detached' });
    await signUp(li, LI_WEI);
    for (const page of [lukas, olivia, li]) await page.context().close();
    await anna.close();
  });

  it('2. the extension on the demo CRM shows each person’s consent and warns before emailing Lukas', async () => {
    // The extension configured itself from the demo start: its options page shows the ledger,
    // the reader key and the CRM the start-up output printed.
    const options = await rep!.context.newPage();
    await until('the options page to show the demo settings', async () => {
      await options.goto(`chrome-extension://${rep!.extensionId}/options.html`);
      return (await options.locator('input[name="backendUrl"]').inputValue()) !== '';
    });
    expect(await options.locator('input[name="backendUrl"]').inputValue()).toBe(
      startup().ledgerUrl,
    );
    expect(await options.locator('input[name="readerKey"]').inputValue()).toBe(startup().readerKey);
    expect(await options.locator('textarea[name="customOrigins"]').inputValue()).toBe(
      startup().crmUrl.replace(/\/$/, ''),
    );
    const ticked = await options
      .locator('input[name^="purpose-"]:checked')
      .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('name')!.slice('purpose-'.length)));
    expect(ticked.sort()).toEqual(DEMO_TEAM_PURPOSES);
    await options.close();
    // Saving the settings registers the content script; a page opened before would miss it.
    await until('the CRM content script to be registered', () => contentScriptRegistered(rep!));

    // The contact list: the four people are the first rows, each with a badge.
    crmList = await openCrm();
    await expectBadge(crmList, emailKey(ANNA), `Consent given: ${ANNA}`);
    await expectBadge(crmList, emailKey(LUKAS), `No consent: ${LUKAS}`);
    await expectBadge(crmList, emailKey(OLIVIA), `Consent given: ${OLIVIA}`);
    await expectBadge(crmList, emailKey(LI_WEI), `Consent given: ${LI_WEI}`);
    // Nobody was asked about phone calls on the shop.
    await expectBadge(crmList, 'phone:+49305550101', 'No consent on record: +49305550101');
    await screenshot(crmList, 'loop-crm-badges.png');

    // Lukas's record: "Send email" is stopped by a warning.
    const lukas = await openCrm('contacts/2');
    await expectBadge(lukas, emailKey(LUKAS), `No consent: ${LUKAS}`);
    const sendEmail = lukas.locator('a[data-action="send-email"]');
    // The rep clicks the middle of the button: no badge may sit on it (badges of fields with a
    // neighbour beside them shrink to a symbol at the field's own end).
    const middleFree = await sendEmail.click({ trial: true, timeout: 3000 }).then(
      () => true,
      () => false,
    );
    expect(middleFree, 'a badge covers the middle of the "Send email" button').toBe(true);
    await sendEmail.click();
    const guard = lukas.locator('consentry-overlay [role="alertdialog"]');
    await guard.waitFor();
    expect(await guard.getByRole('heading').textContent()).toBe('Check consent before you email');
    expect(await guard.locator('p').first().textContent()).toBe(LUKAS);
    expect(await guard.getByRole('listitem').allInnerTexts()).toEqual([
      onRunDay('Marketing email: Refused on '),
    ]);
    expect(await guard.getByRole('button').allInnerTexts()).toEqual([
      "Don't email",
      'Email anyway',
    ]);
    await screenshot(lukas, 'loop-guard.png');
    await guard.getByRole('button', { name: "Don't email" }).click();
    await guard.waitFor({ state: 'detached' });
    expect(lukas.url()).toBe(`${startup().crmUrl}contacts/2`);
    await lukas.close();

    // The team also cares about analytics, advertising, sale/sharing and transfers abroad: the
    // rep ticks them in the options, and each badge's popover lists every purpose.
    expect(
      await saveTeamPurposes([
        ...DEMO_TEAM_PURPOSES,
        'analytics',
        'advertising',
        'sale_sharing',
        'cross_border_transfer',
      ]),
    ).toMatch(/^Saved\./);
    await crmList.reload();
    await crmList.bringToFront();
    const row = (status: string, regime: string): PurposeRow => ({
      status,
      since: onRunDay(),
      policy: POLICY,
      regime,
    });
    const expected: Record<string, { heading: string; rows: Record<string, PurposeRow> }> = {
      [ANNA]: {
        heading: '✕ No consent',
        rows: {
          'Marketing email': row('granted', 'GDPR'),
          Analytics: row('granted', 'GDPR'),
          Advertising: row('denied', 'GDPR'),
          'Sale sharing': row('denied', 'GDPR'),
          'Cross border transfer': row('denied', 'GDPR'),
        },
      },
      [LUKAS]: {
        heading: '✕ No consent',
        rows: {
          'Marketing email': row('denied', 'GDPR'),
          Analytics: row('denied', 'GDPR'),
          Advertising: row('denied', 'GDPR'),
          'Sale sharing': row('denied', 'GDPR'),
          'Cross border transfer': row('denied', 'GDPR'),
        },
      },
      [OLIVIA]: {
        heading: '✕ No consent',
        rows: {
          'Marketing email': row('granted', 'CCPA'),
          Analytics: row('granted', 'CCPA'),
          Advertising: row('denied', 'CCPA'),
          'Sale sharing': row('denied', 'CCPA'),
          'Cross border transfer': row('granted', 'CCPA'),
        },
      },
      [LI_WEI]: {
        heading: '✕ No consent',
        rows: {
          'Marketing email': row('granted', 'PIPL'),
          Analytics: row('granted', 'PIPL'),
          Advertising: row('granted', 'PIPL'),
          'Sale sharing': row('granted', 'PIPL'),
          'Cross border transfer': row('denied', 'PIPL'),
        },
      },
    };
    const offScreen: string[] = [];
    for (const [email, want] of Object.entries(expected)) {
      await expectBadge(crmList, emailKey(email), `No consent: ${email}`);
      const popover = await readPopover(crmList, emailKey(email));
      expect({ email, heading: popover.heading, rows: popover.purposes }).toEqual({
        email,
        heading: want.heading,
        rows: want.rows,
      });
      expect(popover.text).toContain('Identity not verified (claimed on the website)');
      if (email === OLIVIA)
        expect(popover.text).toContain('The browser sent Global Privacy Control');
      if (!popover.fitsInWindow) offScreen.push(email);
      await popover.close();
    }
    // A popover opened low in the window goes above its badge, its Close button in reach.
    expect(
      offScreen,
      'popovers that run off the bottom of the window (Close out of reach)',
    ).toEqual([]);
    // Back to the demo's purposes (marketing email and phone) for the rest of the story.
    expect(await saveTeamPurposes(DEMO_TEAM_PURPOSES)).toMatch(/^Saved\./);
    await crmList.reload();
  });

  it('3. Anna comes back and withdraws marketing email; after a refresh the extension shows "withdrawn"', async () => {
    // Same device: no banner, her choice is remembered.
    const anna = await annaDevice.newPage();
    await anna.goto(startup().shopUrl);
    await widget(anna).getByRole('button', { name: 'Privacy settings' }).waitFor();
    expect(await widget(anna).getByRole('dialog').count()).toBe(0);
    await anna.getByTestId('privacy-choices').click();
    const prefs = widget(anna).getByRole('dialog', { name: 'Privacy preferences' });
    await prefs.waitFor();
    expect(await switches(anna)).toMatchObject({ 'Newsletter and offers': true, Analytics: true });
    await prefs.getByRole('switch', { name: 'Newsletter and offers' }).uncheck();
    const saved = nextDelivery(anna, (body) => body.includes('"marketing_email":false'));
    await prefs.getByRole('button', { name: 'Save choices' }).click();
    expect((await saved).status()).toBe(201);
    await expect.poll(() => prefs.textContent()).toMatch(RECEIPT);
    await prefs.getByRole('button', { name: 'Close' }).click();
    await annaDevice.close();

    // The rep opens Anna's record and refreshes from the popup (answers are cached a minute).
    const record = await openCrm('contacts/1');
    await until('Anna’s badge', () => badgeSays(record, emailKey(ANNA)));
    const popup = await openPopupFor(rep!, record, POPUP);
    const said = await refreshUntil(popup, 'the popup to list Anna as withdrawn', (text) =>
      text.includes(`⊘ Withdrawn ${ANNA}`),
    );
    expect(said).toMatch(
      /\d+ email address(es)? and \d+ phone numbers? found on this page; \d+ without consent/,
    );
    await screenshot(popup, 'loop-popup.png');
    await popup.close();
    await record.bringToFront();
    await expectBadge(record, emailKey(ANNA), `Consent withdrawn: ${ANNA}`);
    const popover = await readPopover(record, emailKey(ANNA));
    expect(popover.heading).toBe('⊘ Consent withdrawn');
    expect(popover.purposes['Marketing email']).toEqual({
      status: 'withdrawn',
      since: onRunDay(),
      policy: POLICY,
      regime: 'GDPR',
    });
    await popover.close();
    await record.close();
  });

  it('4. the admin erases Olivia with the CLI: the extension shows "unknown", verify passes, the audit tells it all', async () => {
    const erase = await cli(env, ['erase', '--site', SITE, '--email', OLIVIA, '--yes']);
    expect(erase.stderr).toBe('');
    expect(erase.code).toBe(0);
    expect(JSON.parse(erase.stdout)).toMatchObject({ erased: true, entriesAffected: 2 });

    const record = await openCrm('contacts/3');
    await until('Olivia’s badge', () => badgeSays(record, emailKey(OLIVIA)));
    const popup = await openPopupFor(rep!, record, POPUP);
    // The server learns of an erasure made by another process within 5 seconds.
    await refreshUntil(popup, 'the popup to list Olivia as unknown', (text) =>
      text.includes(`? Unknown ${OLIVIA}`),
    );
    await popup.close();
    await record.bringToFront();
    await expectBadge(record, emailKey(OLIVIA), `No consent on record: ${OLIVIA}`);
    const popover = await readPopover(record, emailKey(OLIVIA));
    expect(popover.purposes['Marketing email']?.status).toBe('unknown');
    expect(popover.text).toMatch(new RegExp(`Erased on request on ${runDays()}`));
    await popover.close();
    // The others are as they were.
    await crmList.bringToFront();
    await crmList.reload();
    await expectBadge(crmList, emailKey(LUKAS), `No consent: ${LUKAS}`);
    await expectBadge(crmList, emailKey(LI_WEI), `Consent given: ${LI_WEI}`);

    // Nine consent entries (Anna 3, Lukas 2, Olivia 2, Li Wei 2) and the erasure entry.
    const verify = await cli(env, ['verify', '--site', SITE]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^demo-shop: ok \(10 entries, \d+ checkpoints\)\n$/);

    const json = await cli(env, ['audit', '--site', SITE, '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      entries: number;
      people: number;
      coverage: { purpose: string; regime: string; decided: number; granted: number }[];
      withdrawalsByMonth: { month: string; count: number }[];
      gpcShare: number;
      integrity: { ok: boolean; entries: number };
      dataSubjectRequests: { history: number; export: number; erase: number };
      findings: { severity: string; title: string }[];
    };
    expect(report.integrity).toMatchObject({ ok: true, entries: 10 });
    expect(report.entries).toBe(10);
    expect(report.people).toBe(4);
    const coverage = Object.fromEntries(
      report.coverage.map((r) => [`${r.purpose} ${r.regime}`, `${r.granted}/${r.decided}`]),
    );
    expect(coverage).toMatchObject({
      // Anna withdrew and Lukas refused; Olivia and Li Wei said yes.
      'marketing_email gdpr': '0/2',
      'marketing_email ccpa': '1/1',
      'marketing_email pipl': '1/1',
      'analytics gdpr': '1/2',
      'sale_sharing ccpa': '0/1',
      'cross_border_transfer pipl': '0/1',
    });
    // Olivia's two events came from a GPC browser.
    expect(report.gpcShare).toBeCloseTo(2 / 9, 5);
    expect(report.dataSubjectRequests).toEqual({ history: 0, export: 0, erase: 1 });
    // "Accept all" did not take the separate PIPL consent, and GPC was honoured.
    expect(report.findings.map((f) => f.title).join('\n')).not.toMatch(
      /Separate consent obtained|Global Privacy Control not honoured/,
    );
    // Anna withdrew marketing email this month.
    expect(report.withdrawalsByMonth, 'the withdrawal Anna made in the preferences layer').toEqual([
      { month: expect.stringMatching(new RegExp(`^${runDays(7)}$`)), count: 1 },
    ]);

    const htmlFile = join(dir, 'audit.html');
    const html = await cli(env, ['audit', '--site', SITE, '--format', 'html', '--out', htmlFile]);
    expect(html.code).toBe(0);
    const auditPage = await visitors!.newPage({ viewport: { width: 1100, height: 1400 } });
    await auditPage.goto(pathToFileURL(htmlFile).href);
    const text = ((await auditPage.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(await auditPage.locator('h1').textContent()).toMatch(/^Consent audit — /);
    expect(text).toContain('Chain intact: 10 entries');
    expect(text).toMatch(/10 ?ledger entries/);
    expect(text).toMatch(/4 ?visitors/);
    expect(text).toContain('erasures: 1');
    const rows = await auditPage
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim()).join(' | ')),
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        'marketing_email | gdpr | 2 | 0 | 0%',
        'marketing_email | pipl | 1 | 1 | 100%',
        'cross_border_transfer | pipl | 1 | 0 | 0%',
      ]),
    );
    expect(text, 'the withdrawals chart').not.toContain('Withdrawals per month: no data yet.');
    await screenshot(auditPage, 'loop-audit.png', { fullPage: true });
    await auditPage.close();
  });
});
