/**
 * The CRM extension in Chromium, built and loaded as a rep would, against a real ledger over
 * HTTP: configured through its options page, then on fixture pages of each supported CRM.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvent } from '../../backend/testing';
import { CRM_FIXTURES, type CrmFixture } from '../fixtures/crm/index';
import { extensionHarness, type ExtensionHarness } from './extension-harness';
import { openPopupFor } from './chromium';
import { emailKey, phoneKey } from './extension-page-helpers';

let h: ExtensionHarness;
const keyOf = emailKey;
/** On every fixture: the first person granted marketing email, the second refused it, the third withdrew it. */
const expected = new Map<string, string>();

async function post(choices: Record<string, boolean>, email: string, method = 'save') {
  // The test ledger's clock stands still unless moved: one minute between choices orders them.
  h.ledger.advanceDays(1 / 1440);
  const res = await h.ledger.postEvents(
    consentEvent({
      identifiers: { email: keyOf(email).slice('email:'.length) },
      choices,
      method: method as 'save',
    }),
    { origin: h.crmOrigin },
  );
  expect(res.status, await res.clone().text()).toBe(201);
}

beforeAll(async () => {
  h = await extensionHarness();
  for (const fixture of CRM_FIXTURES) {
    const emails = fixture.people.flatMap((p) => (p.email ? [p.email] : []));
    const [granted, refused, withdrawn] = emails;
    if (granted && !expected.has(keyOf(granted))) {
      await post({ marketing_email: true }, granted);
      expected.set(keyOf(granted), 'granted');
    }
    if (refused && !expected.has(keyOf(refused))) {
      await post({ marketing_email: false }, refused, 'reject_all');
      expected.set(keyOf(refused), 'lacking');
    }
    if (withdrawn && !expected.has(keyOf(withdrawn))) {
      await post({ marketing_email: true }, withdrawn);
      await post({ marketing_email: false }, withdrawn, 'withdrawal');
      expected.set(keyOf(withdrawn), 'withdrawn');
    }
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function open(fixture: CrmFixture, height = 2400): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 1280, height });
  await page.goto(h.page(fixture.path, fixture.html));
  return page;
}

const badge = (page: Page, key: string) =>
  page.locator(`consentry-overlay .badge[data-key="${key}"]`).first();

describe('CRM extension in Chromium', { timeout: 30_000 }, () => {
  it('refuses a wrong reader key with a clear message, and saves a good one', async () => {
    const bad = await h.configure({
      purposes: ['marketing_email'],
      readerKey: `rk_${'x'.repeat(40)}`,
    });
    expect(bad).toMatch(/Not saved.*refused the reader key/);
    const good = await h.configure({ purposes: ['marketing_email'] });
    expect(good).toMatch(/^Saved\. The ledger answered/);
  });

  it.each(CRM_FIXTURES.map((f) => [f.id, f] as const))(
    '%s: a badge per person, with the right verdict',
    async (_, fixture) => {
      const page = await open(fixture);
      try {
        const emails = fixture.people.flatMap((p) => (p.email ? [keyOf(p.email)] : []));
        if (process.env.DEBUG_EXT)
          console.log(
            fixture.id,
            await page
              .locator('consentry-overlay .badge')
              .evaluateAll((bs) =>
                bs.map((b) => `${b.getAttribute('data-key')} ${b.getAttribute('data-verdict')}`),
              ),
          );
        for (const key of emails.slice(0, 3)) {
          const b = badge(page, key);
          await b.scrollIntoViewIfNeeded().catch(() => undefined);
          await expect
            .poll(() => b.getAttribute('data-verdict'), { timeout: 10_000 })
            .toBe(expected.get(key) ?? 'unknown');
          // Never colour alone: the verdict is in the accessible name.
          expect(await b.getAttribute('aria-label')).toMatch(/Consent given|No consent|withdrawn/);
        }
        // The layer is in the top layer (a manual popover), above the CRM's own fixed headers.
        expect(
          await page.evaluate(() =>
            document.querySelector('consentry-overlay')!.matches(':popover-open'),
          ),
        ).toBe(true);
      } finally {
        await page.close();
      }
    },
  );

  it('shows each purpose in an accessible popover', async () => {
    const fixture = CRM_FIXTURES.find((f) => f.id === 'salesforce-record')!;
    const page = await open(fixture);
    const key = keyOf(fixture.people[1]!.email!);
    await expect
      .poll(() => badge(page, key).getAttribute('data-verdict'), { timeout: 10_000 })
      .toBe('lacking');
    await badge(page, key).scrollIntoViewIfNeeded();
    await badge(page, key).click({ timeout: 5000 });
    const dialog = page.locator('consentry-overlay [role="dialog"]');
    await expect
      .poll(() => dialog.textContent())
      .toMatch(/No consent.*Marketing email.*denied.*Identity not verified/s);
    expect(await badge(page, key).getAttribute('aria-expanded')).toBe('true');
    await dialog.getByRole('button', { name: 'Close' }).click({ timeout: 5000 });
    await expect.poll(() => dialog.count()).toBe(0);

    // From the keyboard: Enter on the badge opens it with focus inside, Tab reaches Close,
    // Escape closes it and gives focus back to the badge.
    const focused = () =>
      page.evaluate(() => {
        const active = document.querySelector('consentry-overlay')?.shadowRoot?.activeElement;
        return active
          ? `${active.getAttribute('role') ?? active.localName}:${active.className}`
          : null;
      });
    await badge(page, key).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await focused()).toBe('dialog:pop');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button:act');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focused()).toMatch(/^button:badge lacking/);
    // A press anywhere else on the page closes it too.
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(1);
    await page.mouse.click(5, 5);
    await expect.poll(() => dialog.count()).toBe(0);
    await page.close();
  });

  it('warns before emailing someone without consent, and lets a granted email through', async () => {
    const fixture = CRM_FIXTURES.find((f) => f.id === 'salesforce-record')!;
    const page = await open(fixture);
    const [granted, refused] = fixture.people.map((p) => p.email!);
    await expect
      .poll(() => badge(page, keyOf(refused!)).getAttribute('data-verdict'), { timeout: 10_000 })
      .toBe('lacking');
    await page.locator(`a[href^="mailto:${refused}" i]`).first().click();
    const guard = page.locator('consentry-overlay [role="alertdialog"]');
    await guard.waitFor();
    expect(await guard.textContent()).toMatch(
      /Check consent before you email.*Marketing email: Refused on/s,
    );
    await page.getByRole('button', { name: "Don't email" }).click();
    await guard.waitFor({ state: 'detached' });
    // A middle click opens the mail app as surely as a click: it is guarded too.
    await page.locator(`a[href^="mailto:${refused}" i]`).first().click({ button: 'middle' });
    await guard.waitFor();
    await page.getByRole('button', { name: "Don't email" }).click();
    await guard.waitFor({ state: 'detached' });
    await expect
      .poll(() => badge(page, keyOf(granted!)).getAttribute('data-verdict'), { timeout: 10_000 })
      .toBe('granted');
    await page.locator(`a[href^="mailto:${granted}" i]`).first().click();
    await page.waitForTimeout(200);
    expect(await guard.count()).toBe(0);
    await page.close();
  });

  it('reads only the CRM the rep chose: another port of the same host gets nothing', async () => {
    const fixture = CRM_FIXTURES.find((f) => f.id === 'salesforce-record')!;
    const refused = fixture.people[1]!.email!;
    // The same page on a server of its own, on another port of 127.0.0.1.
    const other = createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixture.html),
    );
    await new Promise<void>((ready) => other.listen(0, '127.0.0.1', ready));
    const port = (other.address() as AddressInfo).port;
    try {
      const chosen = await open(fixture);
      await expect
        .poll(() => badge(chosen, keyOf(refused)).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      const elsewhere = await h.context.newPage();
      await elsewhere.goto(`http://127.0.0.1:${port}${fixture.path}`);
      // The chosen page had its badges by now; give this one as long again, then some.
      await elsewhere.waitForTimeout(2_000);
      expect(await elsewhere.locator('consentry-overlay').count()).toBe(0);
      await elsewhere.locator(`a[href^="mailto:${refused}" i]`).first().click();
      await elsewhere.waitForTimeout(200);
      expect(await elsewhere.locator('[role="alertdialog"]').count()).toBe(0);
      await Promise.all([chosen.close(), elsewhere.close()]);
    } finally {
      other.close();
    }
  });

  it('keeps hostile page content inert and shows it only as text', async () => {
    const fixture = CRM_FIXTURES.find((f) => f.id === 'generic-hostile')!;
    const page = await open(fixture);
    const key = keyOf(fixture.people.find((p) => p.email)!.email!);
    await badge(page, key).waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('consentry-overlay img, consentry-overlay script').count()).toBe(0);
    await page.close();
  });

  it('shows saved answers marked stale, and tells the rep, when the ledger is down', async () => {
    const fixture = CRM_FIXTURES.find((f) => f.id === 'salesforce-record')!;
    const page = await open(fixture);
    const key = keyOf(fixture.people[0]!.email!);
    await expect
      .poll(() => badge(page, key).getAttribute('data-verdict'), { timeout: 10_000 })
      .toBe('granted');
    await h.ledgerDown();
    try {
      const popup = await openPopupFor(h, page);
      await popup.getByRole('button', { name: 'Refresh' }).click();
      await expect
        .poll(() => popup.locator('.notice').textContent(), { timeout: 10_000 })
        .toMatch(/cannot reach the consent ledger/);
      const notice = page.locator('consentry-overlay [role="status"]');
      expect(await notice.textContent()).toMatch(/cannot reach.*saved answers/);
      await popup.close();
      // The rep can put the notice away (it may sit over the CRM's own menu).
      await page.bringToFront();
      await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
      await expect.poll(() => notice.count()).toBe(0);
      // Saved answers keep their verdict and get the dashed "saved answer" border.
      await page.bringToFront();
      await expect
        .poll(() => badge(page, key).getAttribute('class'), { timeout: 10_000 })
        .toMatch(/granted stale/);
      expect(await badge(page, key).getAttribute('aria-label')).toMatch(/saved answer/);
    } finally {
      await h.ledgerUp();
    }
    await page.close();
  });

  it("puts a number's badge in the gutter after it, over neither its digits nor the next column", async () => {
    // A CRM list as the demo CRM draws it: 12 px of padding each side of a cell, so the phone
    // column is as wide as its longest number and 24 px separate that number from the city.
    // Beside it, the same list with lines between its columns: no badge may cross a line.
    const phones = ['+86 10 5555 0123', '+44 161 496 0999', '+1 415 555 0103', '+49 30 5550101'];
    const lined = ['+86 10 5555 0124', '+44 161 496 0998', '+1 415 555 0104', '+49 30 5550102'];
    const tel = (p: string) => `tel:${p.replace(/ /g, '')}`;
    const rows = (list: string[]) =>
      list
        .map((p) => `<tr><td><a href="${tel(p)}">${p}</a></td><td><span>Beijing</span></td></tr>`)
        .join('');
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.goto(
      h.page(
        '/gutter',
        `<!doctype html><meta charset="utf-8"><title>Contacts</title><style>body{font:14px sans-serif}` +
          `table{border-collapse:collapse;margin-bottom:20px}td{padding:10px 12px;white-space:nowrap}` +
          `tr:hover{background:#f7f9ff}.lined td{border-right:1px solid #ccc}</style>` +
          `<table>${rows(phones)}</table><table class="lined">${rows(lined)}</table>`,
      ),
    );
    const boxes = async (phone: string) => {
      const b = badge(page, phoneKey(phone));
      await b.waitFor({ timeout: 10_000 });
      const row = page.locator('tr', { has: page.locator(`a[href="${tel(phone)}"]`) });
      return {
        link: (await page.locator(`a[href="${tel(phone)}"]`).boundingBox())!,
        cell: (await row.locator('td').first().boundingBox())!,
        city: (await row.locator('span').boundingBox())!,
        badge: (await b.boundingBox())!,
      };
    };
    for (const phone of phones) {
      const { link, city, badge: box } = await boxes(phone);
      expect(box.x, `${phone}: badge over its digits`).toBeGreaterThanOrEqual(link.x + link.width);
      expect(box.x + box.width, `${phone}: badge over the city`).toBeLessThanOrEqual(city.x);
      expect(Math.abs(box.y + box.height / 2 - (link.y + link.height / 2))).toBeLessThanOrEqual(4);
    }
    for (const phone of lined) {
      const { cell, badge: box } = await boxes(phone);
      expect(box.x + box.width, `${phone}: badge across the column line`).toBeLessThanOrEqual(
        cell.x + cell.width,
      );
    }
    await page.close();
  });

  it('takes a screenshot of a CRM record with badges', async () => {
    const fixture = CRM_FIXTURES.find((f) => f.id === 'salesforce-record')!;
    const page = await open(fixture, 900);
    await expect
      .poll(() => badge(page, keyOf(fixture.people[0]!.email!)).getAttribute('data-verdict'), {
        timeout: 10_000,
      })
      .toBe('granted');
    const dir = process.env.SCREENSHOTS_DIR ?? join(h.ledger.dir, 'screenshots');
    mkdirSync(dir, { recursive: true });
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(dir, 'crm-record.png') });
    await page.close();
  });
});
