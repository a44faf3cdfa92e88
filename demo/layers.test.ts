import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// demo/'s import boundaries are lint rules (eslint.config.js); these cases prove they bite.
const eslint = new ESLint({ cwd: process.cwd() });

const problems = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted'));
};

describe('demo/ layer boundaries', () => {
  it.each([
    ['demo/x.ts', "import { createApp } from '../backend/app';\nexport const y = createApp;"],
    ['demo/x.ts', "import { boot } from '../widget/embed-boot';\nexport const y = boot;"],
    ['demo/x.ts', "import { Badge } from '../components/ui/badge';\nexport const y = Badge;"],
    ['demo/shop/x.ts', "import { readFile } from 'node:fs/promises';\nexport const y = readFile;"],
    ['demo/crm/x.tsx', "import { Hono } from 'hono';\nexport const y = Hono;"],
    [
      'demo/crm/x.tsx',
      "import { mountView } from '../../widget/view/mount-view';\nexport const y = 1;",
    ],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await problems(file, code)).not.toHaveLength(0);
  });

  it.each([
    [
      'demo/x.ts',
      "import { Hono } from 'hono';\nimport { join } from 'node:path';\nexport const y = [Hono, join];",
    ],
    ['demo/crm/x.tsx', "import { render } from 'preact';\nexport const y = render;"],
    [
      'demo/shop/x.ts',
      "import { normaliseEmail } from '../../lib/identifiers';\nexport const y = normaliseEmail;",
    ],
  ])('allows in %s: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
