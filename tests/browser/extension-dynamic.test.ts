/**
 * The CRM extension in Chromium on pages that change without loading: single-page CRMs that switch
 * between a list and records with the History API (old views thrown away, or kept hidden as
 * Lightning keeps its pages), and a virtualised list whose row elements are reused for other
 * people as the rep scrolls. What is checked is what the rep sees: which badges are on screen,
 * for whom, with which verdict, beside which link, and whether the guard still warns.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_LEADS, LONG_ROW_PX, longLeads, longLeadsInShadow } from '../fixtures/crm/long-list';
import { salesforceSpa } from '../fixtures/crm/salesforce-spa';
import {
  SPA_CONTACTS,
  spaContact,
  spaCrmKeep,
  spaCrmReplace,
  spaShownOn,
} from '../fixtures/crm/spa-crm';
import {
  VIRTUAL_BODY_PX,
  VIRTUAL_LEADS,
  VIRTUAL_ROW_PX,
  VIRTUAL_SLOTS,
  virtualLeads,
} from '../fixtures/crm/virtual-list';
import { openPopupFor } from './chromium';
import { extensionHarness, type ExtensionHarness } from './extension-harness';
import {
  emailKey,
  guardDialog,
  openCrmPage,
  phoneKey,
  readBadges,
  seedEmailVerdict,
  type Shown,
} from './extension-page-helpers';

let h: ExtensionHarness;

/** Marketing-email verdicts of the SPA contacts (by contact key); the rest have no record. */
const SPA_EMAIL: Record<string, Shown> = {
  marcus: 'granted',
  priya: 'lacking',
  daniel: 'withdrawn',
  luis: 'granted',
  grace: 'lacking',
  tyler: 'granted',
  emilie: 'withdrawn',
  noah: 'lacking',
  oliver: 'granted',
  siobhan: 'withdrawn',
};

/** Leads of the virtual list with consents in the ledger: the windows the test scrolls to. */
const SEEDED_LEADS = [
  [0, 16],
  [996, 1021],
  [1984, 2000],
] as const;
const seededLead = (i: number) => SEEDED_LEADS.some(([from, to]) => i >= from && i < to);
const LEAD_EMAIL: Shown[] = ['granted', 'lacking', 'withdrawn', 'unknown'];
const leadVerdicts = (i: number): { email: Shown; personal: Shown } => ({
  email: seededLead(i) ? LEAD_EMAIL[i % 4]! : 'unknown',
  personal: seededLead(i) && i % 3 === 0 ? 'granted' : 'unknown',
});

beforeAll(async () => {
  h = await extensionHarness();
  for (const c of SPA_CONTACTS) await seedEmailVerdict(h, c.email, SPA_EMAIL[c.key] ?? 'unknown');
  for (const [from, to] of SEEDED_LEADS)
    for (let i = from; i < to; i++) {
      const lead = VIRTUAL_LEADS[i]!;
      const v = leadVerdicts(i);
      await seedEmailVerdict(h, lead.email, v.email);
      await seedEmailVerdict(h, lead.personal, v.personal);
    }
  const status = await h.configure({ purposes: ['marketing_email', 'marketing_phone'] });
  expect(status).toMatch(/^Saved\./);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** A badge the rep should see on a view, and the link it should sit beside. */
interface Want {
  key: string;
  verdict: Shown;
  anchor: (page: Page) => Locator;
}

/** The badges a view of the SPA fixtures should show: one per identifier on it. */
function wantedOn(view: 'list' | string): Want[] {
  const byEmail = new Map(SPA_CONTACTS.map((c) => [c.email, c.key]));
  return spaShownOn(view).flatMap((p) => {
    const key = byEmail.get(p.email!)!;
    const wants: Want[] = [
      {
        key: emailKey(p.email!),
        verdict: SPA_EMAIL[key] ?? 'unknown',
        anchor: (page) => page.locator(`a[href="mailto:${p.email}"]:visible`),
      },
    ];
    if (p.phone)
      wants.push({
        key: phoneKey(p.phone),
        verdict: 'unknown',
        anchor: (page) => page.locator('a[href^="tel:"]:visible', { hasText: p.phone! }),
      });
    return wants;
  });
}

const summary = (badges: { key: string; verdict: string }[]) =>
  badges.map((b) => `${b.key} ${b.verdict}`).sort();

/**
 * The badges of `view` that are not beside their own link (level with it, after its start), as
 * `<key>: badge at <y>, link at <y>`; empty when every badge is where the rep expects it.
 */
async function misplaced(page: Page, view: 'list' | string): Promise<string[]> {
  const seen = await readBadges(page);
  const out: string[] = [];
  for (const w of wantedOn(view)) {
    const box = await w.anchor(page).boundingBox();
    const badge = seen.find((b) => b.key === w.key);
    if (!box || !badge) out.push(`${w.key}: ${box ? 'no badge' : 'no visible link'}`);
    else if (Math.abs(badge.centre - (box.y + box.height / 2)) > 4 || badge.left < box.x)
      out.push(`${w.key}: badge at ${badge.centre}, link at ${box.y + box.height / 2}`);
  }
  return out;
}

/**
 * Waits until the overlay shows exactly the badges of `view` (no more, no fewer, each with its
 * verdict), then checks each sits beside its own link and that nothing else turns up after.
 */
async function expectBadgesOf(page: Page, view: 'list' | string) {
  const want = wantedOn(view);
  await expect
    .poll(async () => summary(await readBadges(page)), { timeout: 10_000 })
    .toEqual(summary(want));
  expect(await misplaced(page, view)).toEqual([]);
  // A late answer or a late scan of the view just left must not bring its badges back.
  await page.waitForTimeout(300);
  expect(summary(await readBadges(page))).toEqual(summary(want));
}

/** Clicks a person's name link on the current view, as the rep opens a record. */
async function openRecord(page: Page, key: string, url: string) {
  await page.getByRole('link', { name: spaContact(key).name, exact: true }).click();
  await page.waitForURL(url);
}

/** Clicks the visible mailto: link of a person who refused: the guard must warn, with the ledger's answer. */
async function expectGuardWarns(page: Page, key: string) {
  const c = spaContact(key);
  await page.locator(`a[href="mailto:${c.email}"]:visible`).click();
  const guard = guardDialog(page);
  await guard.waitFor({ timeout: 5000 });
  expect(await guard.textContent()).toMatch(
    new RegExp(
      `Check consent before you email.*${c.email.replace(/\./g, '\\.')}.*Marketing email: Refused on`,
      's',
    ),
  );
  await page.getByRole('button', { name: "Don't email" }).click();
  await guard.waitFor({ state: 'detached' });
}

/** Clicks the visible mailto: link of a person who said yes: no warning. */
async function expectGuardLetsThrough(page: Page, key: string) {
  await page.locator(`a[href="mailto:${spaContact(key).email}"]:visible`).click();
  await page.waitForTimeout(300);
  expect(await guardDialog(page).count()).toBe(0);
}

interface SpaUnderTest {
  path: string;
  html: string;
  recordPath: (key: string) => string;
}

/**
 * List -> Priya (no consent: the guard warns) -> Back -> list -> Marcus (consent: no warning) ->
 * his related contact Noah (record to record; no consent: the guard warns).
 */
async function walkTheSpa(page: Page, spa: SpaUnderTest) {
  const url = (path: string) => `${h.crmOrigin}${path}`;
  await expectBadgesOf(page, 'list');

  await openRecord(page, 'priya', url(spa.recordPath('priya')));
  await expectBadgesOf(page, 'priya');
  await expectGuardWarns(page, 'priya');

  await page.goBack();
  await page.waitForURL(url(spa.path));
  await expectBadgesOf(page, 'list');

  await openRecord(page, 'marcus', url(spa.recordPath('marcus')));
  await expectBadgesOf(page, 'marcus');
  await expectGuardLetsThrough(page, 'marcus');

  await openRecord(page, 'noah', url(spa.recordPath('noah')));
  await expectBadgesOf(page, 'noah');
  await expectGuardWarns(page, 'noah');
}

describe('CRM extension on pages that change without loading', { timeout: 60_000 }, () => {
  it('single-page CRM (old view replaced): the badges follow the rep from view to view', async () => {
    const page = await openCrmPage(h, spaCrmReplace.path, spaCrmReplace.html);
    try {
      await walkTheSpa(page, spaCrmReplace);
    } finally {
      await page.close();
    }
  });

  it('single-page CRM: a panel opened above the list moves the rows, and each badge moves with its link', async () => {
    const page = await openCrmPage(h, spaCrmReplace.path, spaCrmReplace.html);
    try {
      await expectBadgesOf(page, 'list');
      const table = page.locator('.lk-table');
      const before = (await table.boundingBox())!.y;
      // No scrolling, no new identifier: the rep opens the filters and the rows move down.
      await page.getByRole('button', { name: 'Filters' }).click();
      await page.locator('#lk-filters').waitFor();
      expect((await table.boundingBox())!.y - before).toBeGreaterThan(60);
      await expect.poll(() => misplaced(page, 'list'), { timeout: 5000 }).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('single-page CRM (old views kept hidden): a hidden view shows no badge, and gets them back when shown again', async () => {
    const page = await openCrmPage(h, spaCrmKeep.path, spaCrmKeep.html);
    try {
      await walkTheSpa(page, spaCrmKeep);
      // The list, Priya and Marcus are still in the DOM, hidden, with their links: no badge for them.
      expect(await page.locator('section.lk-view[hidden]').count()).toBe(3);
      const daniel = page.locator(`a[href="mailto:${spaContact('daniel').email}"]`);
      expect(await daniel.count()).toBe(1);
      expect(await daniel.isVisible()).toBe(false);
      // Back twice: Marcus's record, kept hidden until now, is shown again, with its badges.
      await page.goBack();
      await page.waitForURL(`${h.crmOrigin}${spaCrmKeep.recordPath('marcus')}`);
      await expectBadgesOf(page, 'marcus');
      await page.goBack();
      await page.waitForURL(`${h.crmOrigin}${spaCrmKeep.path}`);
      await expectBadgesOf(page, 'list');
      await expectGuardWarns(page, 'priya');
    } finally {
      await page.close();
    }
  });

  it.each(
    [spaCrmReplace, spaCrmKeep].map(
      (f) => [f.mode === 'keep' ? 'kept hidden' : 'replaced', f] as const,
    ),
  )(
    'single-page CRM (old view %s): the popup counts the people on the record the rep is looking at',
    async (_, spa) => {
      const page = await openCrmPage(h, spa.path, spa.html);
      try {
        await expectBadgesOf(page, 'list');
        await openRecord(page, 'priya', `${h.crmOrigin}${spa.recordPath('priya')}`);
        await expectBadgesOf(page, 'priya');
        const popup = await openPopupFor(h, page);
        // Priya's email and phone, Tyler and Émilie; all but Tyler lack consent.
        expect(await popup.getByTestId('popup-count').textContent()).toBe(
          '3 email addresses and 1 phone number found on this page; 3 without consent for your purposes.',
        );
        const lacking = await popup.getByTestId('popup-lacking').textContent();
        expect(lacking).not.toContain(spaContact('daniel').email);
        await popup.close();
      } finally {
        await page.close();
      }
    },
  );

  it('Salesforce Lightning SPA: only the active page gets badges, the record opened gets its own', async () => {
    const page = await openCrmPage(h, salesforceSpa.path, salesforceSpa.html);
    try {
      await walkTheSpa(page, salesforceSpa);
      // Lightning kept the pages the rep left, inactive and hidden: none of them has a badge.
      expect(await page.locator('div.windowViewMode-normal.oneContent:not(.active)').count()).toBe(
        3,
      );
      const daniel = page.locator(`a[href="mailto:${spaContact('daniel').email}"]`);
      expect(await daniel.count()).toBe(1);
      expect(await daniel.isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('long list shown all at once: rows far down get their badges when scrolled to, and the popup counts everyone', async () => {
    const page = await openCrmPage(h, longLeads.path, longLeads.html, 800);
    /** The badges the rows on screen should have (rows wholly on screen), and any wrong ones. */
    const check = async () => {
      const rows: number[] = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('tbody tr')]
          .filter((r) => {
            const box = r.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= innerHeight;
          })
          .map((r) => Number(r.dataset.index)),
      );
      const want = new Map<string, string>();
      for (const i of rows) {
        want.set(emailKey(LONG_LEADS[i]!.email), leadVerdicts(i).email);
        want.set(phoneKey(LONG_LEADS[i]!.phone), 'unknown');
      }
      const seen = new Map((await readBadges(page)).map((b) => [b.key, b.verdict]));
      const missing = [...want].filter(([key, verdict]) => seen.get(key) !== verdict);
      const wrong = [...seen].filter(
        ([key, verdict]) => want.has(key) && want.get(key) !== verdict,
      );
      return { rows: rows.length, missing: missing.length, wrong };
    };
    try {
      await expect.poll(check, { timeout: 10_000 }).toMatchObject({ missing: 0, wrong: [] });
      expect((await check()).rows, 'rows wholly on screen').toBeGreaterThan(20);
      // Scrolled to the end of the list, among leads with consents recorded: their verdicts.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(check, { timeout: 10_000 }).toMatchObject({ missing: 0, wrong: [] });
      expect((await check()).rows, 'rows wholly on screen').toBeGreaterThan(20);
      const seen = await readBadges(page);
      expect(
        seen.some((b) => b.key === emailKey(LONG_LEADS[1988]!.email) && b.verdict === 'granted'),
      ).toBe(true);
      // The popup asks for the whole page: every lead's email and phone, read or not.
      const emails = new Set(LONG_LEADS.map((l) => emailKey(l.email)));
      const phones = new Set(LONG_LEADS.map((l) => phoneKey(l.phone)));
      const people = new Set([...emails, ...phones]);
      const granted = LONG_LEADS.filter((_, i) => leadVerdicts(i).email === 'granted').length;
      const popup = await openPopupFor(h, page);
      await expect
        .poll(() => popup.getByTestId('popup-count').textContent(), { timeout: 20_000 })
        .toBe(
          `${emails.size} email addresses and ${phones.size} phone numbers found on this page; ${people.size - granted} without consent for your purposes.`,
        );
      await popup.close();
    } finally {
      await page.close();
    }
  });

  it('long list in a shadow root, in a panel scrolling on its own: badges move with their rows, rows far down get theirs', async () => {
    const page = await openCrmPage(h, longLeadsInShadow.path, longLeadsInShadow.html, 800);
    /**
     * The rows wholly inside the panel's box and the badges shown: the ones missing or wrong for
     * those rows, and any badge not level with its row's email link or outside the panel.
     */
    const check = async () => {
      const { rows, panel } = await page.evaluate(() => {
        const shadow = document.querySelector('lk-lead-table')!.shadowRoot!;
        const box = shadow.getElementById('lk-panel')!.getBoundingClientRect();
        const rows = [...shadow.querySelectorAll<HTMLElement>('tbody tr')]
          .filter((r) => {
            const b = r.getBoundingClientRect();
            return b.top >= box.top && b.bottom <= box.bottom;
          })
          .map((r) => {
            const link = r.querySelector('a[href^="mailto:"]')!.getBoundingClientRect();
            return { index: Number(r.dataset.index), centre: link.top + link.height / 2 };
          });
        return { rows, panel: { top: box.top, bottom: box.bottom } };
      });
      const seen = await readBadges(page);
      const missing: string[] = [];
      const misplaced: string[] = [];
      for (const { index, centre } of rows) {
        const lead = LONG_LEADS[index]!;
        const email = seen.find((b) => b.key === emailKey(lead.email));
        if (email?.verdict !== leadVerdicts(index).email) missing.push(`${index} email`);
        else if (Math.abs(email.centre - centre) > 4)
          misplaced.push(`${index}: badge at ${email.centre}, link at ${centre}`);
        if (!seen.some((b) => b.key === phoneKey(lead.phone))) missing.push(`${index} phone`);
      }
      // A row the panel's edge cuts through has badges only where they fit inside it: they never
      // hang past the edge (a badge is 18 px tall, centred on its row's link).
      const outside = seen.filter((b) => b.centre < panel.top + 9 || b.centre > panel.bottom - 9);
      return { rows: rows.length, missing, misplaced, outside: outside.map((b) => b.key) };
    };
    const scrollPanel = (top: number) =>
      page.evaluate((top) => {
        const panel = document
          .querySelector('lk-lead-table')!
          .shadowRoot!.getElementById('lk-panel')!;
        panel.scrollTop = top === -1 ? panel.scrollHeight : top;
      }, top);
    const settled = { missing: [], misplaced: [], outside: [] };
    try {
      await expect.poll(check, { timeout: 10_000 }).toMatchObject(settled);
      expect((await check()).rows, 'rows wholly in the panel').toBeGreaterThan(10);
      // The window does not scroll: only the panel, whose scroll events stay in the shadow root.
      // Rows cut by the panel's top and bottom edges too (+7 px, +20 px).
      for (const top of [40 * LONG_ROW_PX, 1000 * LONG_ROW_PX + 7, 1500 * LONG_ROW_PX + 20, -1]) {
        await scrollPanel(top);
        await expect.poll(check, { timeout: 10_000 }).toMatchObject(settled);
        expect((await check()).rows, 'rows wholly in the panel').toBeGreaterThan(10);
      }
      // At the end of the list, among leads with consents recorded.
      const seen = await readBadges(page);
      expect(
        seen.some((b) => b.key === emailKey(LONG_LEADS[1988]!.email) && b.verdict === 'granted'),
      ).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    } finally {
      await page.close();
    }
  });

  describe('virtualised list with recycled rows', () => {
    /** Scrolls the grid body to a row, in one jump or frame by frame (a fling). */
    const scrollToRow = (page: Page, row: number, frames = 1) =>
      page.evaluate(
        async ({ top, frames }) => {
          const body = document.getElementById('lk-grid-body')!;
          const from = body.scrollTop;
          for (let f = 1; f <= frames; f++) {
            body.scrollTop = Math.round(from + ((top - from) * f) / frames);
            await new Promise((r) => requestAnimationFrame(r));
          }
        },
        { top: row * VIRTUAL_ROW_PX, frames },
      );

    /** Row index (lead) under each badge, by position: `<row> <key> <verdict>`. */
    const badgesByRow = async (page: Page) => {
      const canvasTop = await page
        .locator('#lk-grid-canvas')
        .evaluate((c) => c.getBoundingClientRect().top);
      const badges = await readBadges(page);
      const top = await page
        .locator('#lk-grid-canvas')
        .evaluate((c) => c.getBoundingClientRect().top);
      if (top !== canvasTop) return ['(scrolled while reading)'];
      return badges
        .map((b) => `${Math.floor((b.centre - canvasTop) / VIRTUAL_ROW_PX)} ${b.key} ${b.verdict}`)
        .sort();
    };

    /** The badges of rows `first`..: three per lead (work email, phone, personal email). */
    const wantedRows = (first: number) => {
      const rows = VIRTUAL_BODY_PX / VIRTUAL_ROW_PX;
      const want: string[] = [];
      for (let i = first; i < first + rows; i++) {
        const lead = VIRTUAL_LEADS[i]!;
        const v = leadVerdicts(i);
        want.push(`${i} ${emailKey(lead.email)} ${v.email}`);
        want.push(`${i} ${phoneKey(lead.phone)} unknown`);
        want.push(`${i} ${emailKey(lead.personal)} ${v.personal}`);
      }
      return want.sort();
    };

    /**
     * Rows `first`.. fill the body (11 of them); 20 row elements are in the DOM, the others
     * clipped above and below it, so exactly 33 badges: the visible identifiers, no more.
     */
    const expectRows = async (page: Page, first: number) => {
      // The page itself: still 20 row elements, the first visible one showing lead `first`.
      expect(await page.locator('.lk-row').count()).toBe(VIRTUAL_SLOTS);
      const row = page.locator(`.lk-row[data-index="${first}"]`);
      expect(await row.getAttribute('data-slot')).toBe(String(first % VIRTUAL_SLOTS));
      expect(await row.locator('a.lk-email').textContent()).toBe(VIRTUAL_LEADS[first]!.email);
      await expect.poll(() => badgesByRow(page), { timeout: 10_000 }).toEqual(wantedRows(first));
    };

    it('each visible row has the badges of the lead now in it, after jumps, flings and scrolling back', async () => {
      const page = await openCrmPage(h, virtualLeads.path, virtualLeads.html, 800);
      try {
        await expectRows(page, 0);
        // Tag the element that shows lead 0, to see it come back with someone else in it.
        await page.locator('.lk-row[data-index="0"]').evaluate((row) => {
          (row as HTMLElement & { tagged?: boolean }).tagged = true;
        });

        // A jump: every row element now shows another lead.
        await scrollToRow(page, 1000);
        await expectRows(page, 1000);
        expect(
          await page
            .locator('.lk-row[data-index="1000"]')
            .evaluate((row) => (row as HTMLElement & { tagged?: boolean }).tagged),
          'lead 1000 is shown in the element that showed lead 0',
        ).toBe(true);

        // A small scroll: five elements are reused, the others keep their lead and badges.
        await scrollToRow(page, 1005);
        await expectRows(page, 1005);

        // A fling to the end, one scroll position per frame.
        await scrollToRow(page, 1989, 12);
        await expectRows(page, 1989);

        // And back to the top: the first leads' badges again, with their verdicts.
        await scrollToRow(page, 0, 6);
        await expectRows(page, 0);
      } finally {
        await page.close();
      }
    });
  });
});
