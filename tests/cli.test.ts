/**
 * The `consentry` command as a user runs it: `node backend/bin.mjs …` in child processes against
 * one data folder. A real server is started once to seed the folder (demo site, keys, a few
 * consents over HTTP) and stopped with SIGTERM; every other command then works on the folder
 * directly. The tests run in order and share that folder: later ones see what earlier ones did.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../backend/demo/demo-config';
import { consentEvent } from '../backend/testing';

const ROOT = resolve(import.meta.dirname, '..');
const EMAIL = 'grace.hopper@example.com';
/** Key material: a scope prefix and 32 base64url characters. */
const KEY_MATERIAL = /\b(pk|rk|sk)_[A-Za-z0-9_-]{32}/;
const COMMAND_TIMEOUT = 15_000;

const dir = mkdtempSync(join(tmpdir(), 'consentry-cli-'));
const dataDir = join(dir, 'data');
const children = new Set<ChildProcess>();

/** The environment of every command: this test's data folder, no CONSENTRY_* from outside. */
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('CONSENTRY_') && k !== 'PORT'),
  ),
  CONSENTRY_DATA_DIR: dataDir,
  CONSENTRY_LOG_LEVEL: 'silent',
  ...extra,
});

const start = (args: string[], extraEnv: Record<string, string> = {}) => {
  const child = spawn(process.execPath, ['backend/bin.mjs', ...args], {
    cwd: ROOT,
    env: env(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: COMMAND_TIMEOUT,
    killSignal: 'SIGKILL',
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command to completion. */
function cli(...args: string[]): Promise<Run> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

interface Seeded {
  keys: { site: string; reader: string; admin: string };
  events: number;
  serveStdout: string;
  serveExit: { code: number | null; signal: NodeJS.Signals | null };
}

/** Starts `serve`, reads the keys it prints, records consents over HTTP, stops it with SIGTERM. */
async function seed(): Promise<Seeded> {
  const port = await freePort();
  const server = start(['serve'], {
    CONSENTRY_PORT: String(port),
    CONSENTRY_DEMO_CRM_PORT: '0', // any free port: test files run side by side
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    server.once('exit', (code, signal) => done({ code, signal })),
  );
  let stdout = '';
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`serve printed no keys in time:\n${stdout}\n${stderr}`)),
      COMMAND_TIMEOUT,
    );
    server.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // The reader key is the last line of the start-up output.
      if (/reader key[^\n]*rk_[^\n]*\n/.test(stdout)) {
        clearTimeout(timer);
        ready();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`serve exited early:\n${stdout}\n${stderr}`));
    });
  });
  const key = (label: string, prefix: string) => {
    const match = new RegExp(`${label} key[^\\n]*?(${prefix}_[A-Za-z0-9_-]{32})`).exec(stdout);
    if (!match) throw new Error(`no ${label} key in:\n${stdout}`);
    return match[1]!;
  };
  const keys = { site: key('site', 'pk'), reader: key('reader', 'rk'), admin: key('admin', 'sk') };

  const origin = `http://127.0.0.1:${port}`;
  const send = async (body: unknown) => {
    const res = await fetch(`${origin}/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keys.site}`,
        origin,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  const event = (overrides: Parameters<typeof consentEvent>[0]) =>
    consentEvent({ pageUrl: `${origin}/shop`, ...overrides });
  await send(
    event({
      method: 'accept_all',
      choices: { analytics: true, advertising: true, marketing_email: true },
      identifiers: { email: EMAIL },
    }),
  );
  await send(
    event({
      method: 'reject_all',
      choices: { analytics: false, advertising: false, marketing_email: false },
    }),
  );
  await send({
    events: [
      event({ regime: 'ccpa', method: 'save', choices: { sale_sharing: false } }),
      event({ regime: 'pipl', method: 'save', choices: { cross_border_transfer: true } }),
    ],
  });
  server.kill('SIGTERM');
  return { keys, events: 4, serveStdout: stdout, serveExit: await exited };
}

/** Commands that change nothing, run together (a few at a time) right after seeding. */
const READS = {
  sitesList: ['sites', 'list'],
  keysList: ['keys', 'list'],
  verify: ['verify'],
  auditJson: ['audit', '--site', 'demo-shop'],
  auditHtml: ['audit', '--site', 'demo-shop', '--format', 'html', '--out', join(dir, 'audit.html')],
  export: ['export', '--site', 'demo-shop', '--email', EMAIL],
  eraseWithoutYes: ['erase', '--site', 'demo-shop', '--email', EMAIL],
  readerKeyWithoutSite: ['keys', 'create', '--scope', 'reader'],
  unknownCommand: ['frobnicate'],
  auditUnknownFormat: ['audit', '--site', 'demo-shop', '--format', 'pdf'],
  auditBadTurnover: ['audit', '--site', 'demo-shop', '--turnover', 'lots'],
} satisfies Record<string, string[]>;

/** Runs the commands, `width` at a time. */
async function runAll<K extends string>(
  commands: Record<K, string[]>,
  width: number,
): Promise<Record<K, Run>> {
  const queue = Object.entries(commands) as [K, string[]][];
  const results = {} as Record<K, Run>;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let next = queue.shift(); next; next = queue.shift())
        results[next[0]] = await cli(...next[1]);
    }),
  );
  return results;
}

let seeded: Seeded;
let reads: Record<keyof typeof READS, Run>;

beforeAll(async () => {
  seeded = await seed();
  reads = await runAll(READS, 3);
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('consentry serve', () => {
  it('printed the three demo keys once and stopped cleanly on SIGTERM', () => {
    expect(seeded.serveStdout).toMatch(/listening on http:\/\//);
    expect(seeded.serveStdout).toContain('demo-shop');
    expect(seeded.keys.site).toMatch(/^pk_/);
    expect(seeded.keys.reader).toMatch(/^rk_/);
    expect(seeded.keys.admin).toMatch(/^sk_/);
    expect(seeded.serveExit).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'consentry.sqlite'))).toBe(true);
  });
});

describe('read-only commands', () => {
  it('sites list shows the demo site', () => {
    const r = reads.sitesList;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^demo-shop\tAlpine Outfitters \(demo\)\tpolicy 2026-11\t/m);
  });

  it('keys list shows the keys but never their material', () => {
    const r = reads.keysList;
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const scope of ['site', 'reader', 'admin']) expect(r.stdout).toContain(`\t${scope}\t`);
    expect(r.stdout).not.toMatch(KEY_MATERIAL);
    for (const key of Object.values(seeded.keys)) expect(r.stdout).not.toContain(key.slice(3));
  });

  it('keys create --scope reader without --site exits 2 and says --site is needed', () => {
    const r = reads.readerKeyWithoutSite;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--site/);
    expect(r.stdout).not.toMatch(KEY_MATERIAL);
  });

  it('verify exits 0 and says ok', () => {
    const r = reads.verify;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`demo-shop: ok \\(${seeded.events} entries`));
  });

  it('audit prints the JSON report', () => {
    const r = reads.auditJson;
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      siteId: string;
      entries: number;
      people: number;
      integrity: { ok: boolean };
      coverage: { purpose: string; regime: string; decided: number; granted: number }[];
    };
    expect(report).toMatchObject({ siteId: 'demo-shop', entries: seeded.events, people: 4 });
    expect(report.integrity.ok).toBe(true);
    expect(report.coverage).toContainEqual(
      expect.objectContaining({ purpose: 'analytics', regime: 'gdpr', decided: 2, granted: 1 }),
    );
  });

  it('audit --format html --out writes the HTML page to the file', () => {
    const r = reads.auditHtml;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('<html');
    const page = readFileSync(READS.auditHtml.at(-1)!, 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain('<svg');
    expect(page).toContain('Alpine Outfitters (demo)');
  });

  it('audit refuses a format it does not make and a turnover that is no number, exit 2', () => {
    const format = reads.auditUnknownFormat;
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format pdf: must be json or html');
    expect(format.stdout).toBe('');
    const turnover = reads.auditBadTurnover;
    expect(turnover.code).toBe(2);
    expect(turnover.stderr).toContain('--turnover lots: must be a non-negative number');
  });

  it('export prints the JSON of the person, with their email', () => {
    const r = reads.export;
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      known: boolean;
      personalData: { identifiers?: { email?: string } }[];
    };
    expect(result.known).toBe(true);
    expect(result.personalData.map((p) => p.identifiers?.email)).toContain(EMAIL);
  });

  it('erase without --yes exits 2 and asks for --yes', () => {
    const r = reads.eraseWithoutYes;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
  });

  it('an unknown command exits 2 with the usage', () => {
    const r = reads.unknownCommand;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command: frobnicate/);
    expect(r.stderr).toContain('consentry <command>');
    expect(r.stderr).toMatch(/keys create --scope/);
  });
});

describe('commands that change the data folder (in order)', () => {
  it('keys create prints a new key once; keys revoke revokes it', async () => {
    const created = await cli('keys', 'create', '--scope', 'reader', '--site', 'demo-shop');
    expect(created.code, created.stderr).toBe(0);
    const match = /^(\S+)\t(rk_[A-Za-z0-9_-]{32})$/m.exec(created.stdout);
    expect(match, created.stdout).not.toBeNull();
    const [, id, key] = match!;
    expect(created.stdout).toMatch(/shown only now/);

    const revoked = await cli('keys', 'revoke', id!);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(id);

    const listed = await cli('keys', 'list');
    // The three demo keys and this one: the refused create above made none.
    expect(listed.stdout.trim().split('\n')).toHaveLength(4);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\treader\\tdemo-shop\\trevoked`, 'm'));
    expect(listed.stdout).not.toContain(key!);
    expect(listed.stdout).not.toMatch(KEY_MATERIAL);
  }, 20_000);

  it('erase --yes crypto-shreds the person: a second export holds no personal data; verify still ok', async () => {
    const r = await cli('erase', '--site', 'demo-shop', '--email', EMAIL, '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ erased: true });

    const [again, verify] = await Promise.all([
      cli('export', '--site', 'demo-shop', '--email', EMAIL),
      cli('verify'),
    ]);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout) as { personalData: unknown[] };
    expect(result.personalData).toEqual([]);
    expect(again.stdout).not.toContain(EMAIL);
    expect(verify.code, verify.stdout).toBe(0);
    // Exactly one erasure entry: the refused erase (without --yes) wrote none.
    expect(verify.stdout).toMatch(new RegExp(`demo-shop: ok \\(${seeded.events + 1} entries`));
  }, 20_000);

  it('backup writes a SQLite file with the same events', async () => {
    const out = join(dir, 'backup.sqlite');
    const r = await cli('backup', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
    const count = (path: string) => {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count(out)).toBe(seeded.events + 1);
    expect(count(out)).toBe(count(join(dataDir, 'consentry.sqlite')));
  }, 20_000);

  it('sites create takes a valid config and refuses a hidden reject-all, naming the field', async () => {
    const good = join(dir, 'second.json');
    const bad = join(dir, 'hidden-reject.json');
    writeFileSync(good, JSON.stringify(demoConfig()));
    writeFileSync(bad, JSON.stringify({ ...demoConfig(), ui: { rejectAll: 'hidden' } }));
    const create = (name: string, origin: string, config: string) =>
      cli('sites', 'create', '--name', name, '--origin', origin, '--config', config);

    const [created, refused] = await Promise.all([
      create('Second Shop', 'https://second.example', good),
      create('Dark Shop', 'https://dark.example', bad),
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/second-shop/);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('ui.rejectAll');

    const listed = await cli('sites', 'list');
    expect(listed.stdout).toMatch(
      /^second-shop\tSecond Shop\tpolicy 2026-11\thttps:\/\/second\.example$/m,
    );
    expect(listed.stdout).not.toContain('dark-shop');
  }, 20_000);

  it('sites create refuses a bad or taken id and a missing or malformed config file, saying which, and creates nothing', async () => {
    const good = join(dir, 'third.json');
    const broken = join(dir, 'broken.json');
    writeFileSync(good, JSON.stringify(demoConfig()));
    writeFileSync(broken, '{ "policyVersion": "2026-11", }');
    const before = (await cli('sites', 'list')).stdout;
    const create = (config: string, ...more: string[]) =>
      cli('sites', 'create', '--name', 'Third Shop', '--config', config, ...more);
    const [badId, takenId, missing, malformed] = await Promise.all([
      create(good, '--id', 'Bad ID/../x'),
      create(good, '--id', 'demo-shop'),
      create(join(dir, 'nowhere.json')),
      create(broken),
    ]);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('--id Bad ID/../x: must be 2-63 lower-case letters');
    expect(takenId.code).toBe(2);
    expect(takenId.stderr).toContain('a site with id "demo-shop" exists');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--config ${join(dir, 'nowhere.json')}: no such file`);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain(`--config ${broken}: not valid JSON`);
    expect((await cli('sites', 'list')).stdout).toBe(before);
  }, 20_000);
});
