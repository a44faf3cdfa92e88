import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The folder boundaries are a lint rule; these cases prove the rule bites where it should.
const eslint = new ESLint({ cwd: process.cwd() });

const problems = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted'));
};

describe('layer boundaries', () => {
  it.each([
    ['lib/x.ts', "import { app } from '../backend/app';\nexport const y = app;"],
    ['lib/x.ts', "import { createHash } from 'node:crypto';\nexport const y = createHash;"],
    ['lib/x.ts', "import { Hono } from 'hono';\nexport const y = Hono;"],
    ['lib/x.ts', "import { browser } from 'wxt/browser';\nexport const y = browser;"],
    ['lib/x.ts', "import { h } from 'preact';\nexport const y = h;"],
    ['lib/x.ts', 'export const y = window.location.href;'],
    ['lib/x.ts', 'export const y = document.title;'],
    ['lib/x.ts', 'export const y = process.env.HOME;'],
    ['lib/x.ts', "export const y = localStorage.getItem('k');"],
    ['backend/x.ts', "import { mount } from '../widget/mount';\nexport const y = mount;"],
    ['widget/x.ts', "import { app } from '../backend/app';\nexport const y = app;"],
    ['widget/x.ts', "import { readFile } from 'node:fs/promises';\nexport const y = readFile;"],
    ['components/x.tsx', "import { browser } from 'wxt/browser';\nexport const y = browser;"],
    ['backend/x.ts', "import main from '../entrypoints/background';\nexport const y = main;"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await problems(file, code)).not.toHaveLength(0);
  });

  it.each([
    [
      'lib/x.ts',
      "import * as v from 'valibot';\nimport { PURPOSES } from './purposes';\nexport const y = [v, PURPOSES];",
    ],
    [
      'lib/x.ts',
      "import { parsePhoneNumberFromString } from 'libphonenumber-js/min';\nexport const y = parsePhoneNumberFromString;",
    ],
    [
      'backend/x.ts',
      "import { Hono } from 'hono';\nimport { decide } from '../lib/decide';\nexport const y = [Hono, decide];",
    ],
    ['widget/x.ts', "import { decide } from '../lib/decide';\nexport const y = decide;"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
