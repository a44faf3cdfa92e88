/**
 * Small helpers for the extension's Chromium tests: identifier keys as the extension writes them,
 * consents seeded in the harness's ledger, and what the overlay shows on a page.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { consentEvent } from '../../backend/testing';
import { normaliseEmail, normalisePhone } from '../../lib/identifiers';
import type { PurposeId } from '../../lib/ids';
import type { ExtensionHarness } from './extension-harness';

/** The overlay's key for an email as a page shows it (`email:<normalised>`). */
export function emailKey(email: string): string {
  const n = normaliseEmail(email);
  if (!n.ok) throw new Error(`fixture email ${email} does not normalise`);
  return `email:${n.value.value}`;
}

/** The overlay's key for a phone number as a page shows it (`phone:<E.164>`). */
export function phoneKey(phone: string, region = 'US'): string {
  const n = normalisePhone(phone, region);
  if (!n.ok) throw new Error(`fixture phone ${phone} does not normalise`);
  return `phone:${n.value.value}`;
}

/** What a badge says once the ledger has answered. */
export type Shown = 'granted' | 'lacking' | 'withdrawn' | 'unknown';

/**
 * Records a person's choices in the ledger, as the consent widget on the company's site would.
 * The test ledger's clock stands still unless moved: one minute between events orders them.
 */
export async function recordChoices(
  h: ExtensionHarness,
  email: string,
  choices: Partial<Record<PurposeId, boolean>>,
  method: 'save' | 'reject_all' | 'withdrawal' = 'save',
): Promise<void> {
  h.ledger.advanceDays(1 / 1440);
  const identifiers = { email: emailKey(email).slice('email:'.length) };
  const res = await h.ledger.postEvents(consentEvent({ identifiers, choices, method }), {
    origin: h.crmOrigin,
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/**
 * Seeds marketing email for one address so that its badge shows `verdict`: granted (said yes),
 * lacking (said no), withdrawn (yes, then withdrew), unknown (nothing recorded). (The test
 * ledger's demo policy declares no phone purpose, so a phone number's badge is always unknown.)
 */
export async function seedEmailVerdict(
  h: ExtensionHarness,
  email: string,
  verdict: Shown,
): Promise<void> {
  if (verdict === 'unknown') return;
  if (verdict === 'lacking')
    return recordChoices(h, email, { marketing_email: false }, 'reject_all');
  await recordChoices(h, email, { marketing_email: true });
  if (verdict === 'withdrawn')
    await recordChoices(h, email, { marketing_email: false }, 'withdrawal');
}

/** One badge in the overlay, as the rep sees it. */
export interface BadgeSeen {
  key: string;
  verdict: string;
  /** Vertical centre of the badge in the viewport (it is centred on its anchor, give or take its border). */
  centre: number;
  left: number;
}

/** Every badge in the page's overlay layer (an open shadow root on `consentry-overlay`). */
export function readBadges(page: Page): Promise<BadgeSeen[]> {
  return page.evaluate(() => {
    const layer = document.querySelector('consentry-overlay')?.shadowRoot;
    return [...(layer?.querySelectorAll<HTMLElement>('.badge') ?? [])].map((b) => {
      const r = b.getBoundingClientRect();
      return {
        key: b.dataset.key ?? '',
        verdict: b.dataset.verdict ?? '',
        centre: r.top + r.height / 2,
        left: r.left,
      };
    });
  });
}

/** The overlay's guard dialog. */
export const guardDialog = (page: Page) => page.locator('consentry-overlay [role="alertdialog"]');

/** Opens `html` at `path` on the harness's CRM server in a new tab kept in front. */
export async function openCrmPage(
  h: ExtensionHarness,
  path: string,
  html: string,
  height = 1000,
): Promise<Page> {
  const page = await h.context.newPage();
  await page.setViewportSize({ width: 1280, height });
  await page.goto(h.page(path, html));
  // Badges are laid out in animation frames, which a tab in the background does not get.
  await page.bringToFront();
  return page;
}
