/**
 * The widget's weight, measured on the built files the way the bench and the issue measure it:
 * everything a default embed downloads (the script carries its CSS), gzip -9.
 *
 * `consentry.js` is held to the product's budget, enforced here: issue 4 allows at most 14,000
 * bytes (goal 12,000) for everything a default embed downloads (see README, "Size").
 * `consentry-inline.js` has no budget of its own; its ceiling sits just above today's size so
 * any growth fails here first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWidget } from './browser/widget-harness';

const CEILINGS = { 'consentry.js': 14_000, 'consentry-inline.js': 15_300 };

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
