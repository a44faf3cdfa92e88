/**
 * The widget's weight, measured on the built files the way the bench and the issue measure it:
 * everything a default embed downloads (the script carries its CSS), gzip -9.
 *
 * The ceilings sit just above today's sizes so any growth fails here first. They are not the
 * product's budget: issue 4 asks for at most 14,000 bytes (goal 12,000), which the widget does
 * not meet yet (see README, "Size"); lower these as the widget shrinks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWidget } from './browser/widget-harness';

const CEILINGS = { 'consentry.js': 17_200, 'consentry-inline.js': 20_900 };

describe('widget size (gzip -9)', () => {
  it.each(Object.entries(CEILINGS))(
    '%s is at most %i bytes',
    async (file, ceiling) => {
      const dir = await buildWidget();
      const bytes = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
      console.log(`${file}: ${bytes} bytes gzip -9 (ceiling ${ceiling})`);
      expect(bytes).toBeLessThanOrEqual(ceiling);
      // Nothing else is fetched by a default embed: no stylesheet, no second script.
      expect(readFileSync(join(dir, file), 'utf8')).not.toMatch(/import\(|\.css["'`]/);
    },
    120_000,
  );
});
