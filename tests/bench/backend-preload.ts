/** Fills a bench data folder with N consent events through the real writer (in process, no HTTP). */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../backend/config';
import { consentDraft } from '../../backend/ledger/consent-draft';
import { seedDemo } from '../../backend/seed';
import { closeServices, createServices } from '../../backend/services';
import type { ConsentEvent } from '../../lib/consent-event';

/** Emails used by the bench: person i is `person{i}@bench.example`. */
export const benchEmail = (i: number) => `person${i}@bench.example`;

/** Creates `dir` with the demo site, its keys (saved in keys.json) and `events` events over `people` people. */
export async function preload(dir: string, events: number, people: number): Promise<void> {
  const config = loadConfig(
    {},
    { dataDir: dir, logLevel: 'silent', synchronous: 'normal', checkpointEvery: 100_000 },
  );
  const services = createServices(config);
  const keys = await seedDemo(services, ['http://bench.example']);
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(keys));
  const started = Date.now();
  const batch = 2000;
  for (let i = 0; i < events; i += batch) {
    const writes = [];
    for (let j = i; j < Math.min(events, i + batch); j++) {
      const person = j % people;
      const event: ConsentEvent = {
        eventId: randomUUID(),
        siteId: 'demo-shop',
        visitorId: `visitor-${person}`,
        identifiers: j < people ? { email: benchEmail(person) } : undefined,
        choices: { analytics: j % 3 !== 0, marketing_email: j % 5 !== 0, advertising: j % 2 === 0 },
        regime: 'gdpr',
        method: 'save',
        policyVersion: '2026-11',
        noticeHash: 'b'.repeat(64),
        language: 'en',
        gpc: false,
        clientTime: new Date().toISOString(),
        pageUrl: 'http://bench.example/',
      };
      const draft = await consentDraft(
        event,
        {
          receivedAt: Date.now(),
          country: 'DE',
          subdivision: null,
          gpcHeader: false,
          keyId: 'bench',
        },
        services.secrets.pepper,
      );
      writes.push(services.writer.write(draft));
    }
    await Promise.all(writes);
    if ((i / batch) % 50 === 0)
      process.stderr.write(
        `  preload ${i + batch}/${events} (${Math.round((Date.now() - started) / 1000)} s)\n`,
      );
  }
  await services.checkpointer.checkpoint('demo-shop');
  await closeServices(services);
}
