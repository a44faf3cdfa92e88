/**
 * The `consentry` command: serve, sites, keys, verify, audit, export, erase, backup. Commands other
 * than serve open the same data folder directly (SQLite allows it beside a running server).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as valibot from 'valibot';
import { validateSiteConfig } from '../lib/site-config-rules';
import { generateKey } from './auth/api-keys';
import { loadConfig } from './config';
import type { Services } from './context';
import { BadPersonQuery, erasePerson, exportPerson, type PersonQuery } from './ledger/data-subject';
import { auditHtml } from './audit/audit-html';
import { auditOptions } from './audit/audit-options';
import { auditSite } from './audit/audit-report';
import { verifySite } from './ledger/verify';
import { OriginSchema } from './origin';
import { siteIdFor } from './site-id';
import { DEMO_SITE, seedDemo } from './seed';
import { startServer } from './server';
import { demoKeys, type DemoKeys } from './demo/demo-keys';
import { mountDemoShop, startDemo, type RunningDemo } from './demo/demo-mode';
import { closeServices, createServices } from './services';
import type { KeyScope } from './storage/storage';

const USAGE = `consentry <command> [options]

  serve                               start the ledger (default command)
  sites list
  sites create --name N --origin URL [--origin URL…] --config FILE [--id ID]
  keys list
  keys create --scope site|reader|admin [--site ID] [--label TEXT]
  keys revoke KEY_ID
  verify [--site ID]                  walk every chain and checkpoint; exit 1 on a bad one
  audit --site ID [--format json|html] [--turnover N] [--out FILE]
  export --site ID (--email E | --phone P [--region CC]) [--out FILE]
  erase --site ID (--email E | --phone P [--region CC]) --yes
  backup --out FILE                   online copy of the database

Configuration comes from CONSENTRY_* environment variables (see README).`;

class UsageError extends Error {}

const out = (text: string) => process.stdout.write(`${text}\n`);

function options(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      config: { type: 'string' },
      id: { type: 'string' },
      scope: { type: 'string' },
      site: { type: 'string' },
      label: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      region: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      turnover: { type: 'string' },
      yes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const personQuery = (v: ReturnType<typeof options>['values']): PersonQuery => {
  if (v.email && !v.phone) return { email: v.email };
  if (v.phone && !v.email) return { phone: v.phone, defaultRegion: v.region };
  throw new UsageError('give exactly one of --email or --phone');
};

/** A JSON file's content; a missing, unreadable or malformed file is a usage error naming it. */
function readJsonFile(file: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${flag} ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${flag} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

const required = (value: string | undefined, flag: string): string => {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
};

async function serveCommand(services: Services) {
  const { config } = services;
  const origin = `http://localhost:${config.port}`;
  const seeded = config.demo
    ? await seedDemo(services, [origin, `http://127.0.0.1:${config.port}`])
    : null;
  const keys = config.demo ? await demoKeys(services, seeded) : null;
  const running = await startServer(services, (app) => {
    if (keys) mountDemoShop(app, services, keys);
  });
  const demo = keys
    ? await startDemo(services, keys, Number(new URL(running.url).port)).catch(
        async (error: unknown) => {
          await running.stop();
          throw error;
        },
      )
    : null;
  out(
    `Consentry ledger listening on ${running.url} (data in ${config.dataDir}, SQLite, synchronous=${config.synchronous})`,
  );
  out(`  health:        ${running.url}/healthz`);
  out(`  metrics:       ${running.url}/metrics`);
  out(`  API reference: ${running.url}/docs`);
  out(`  verify key:    ${running.url}/v1/ledger-key`);
  if (seeded) {
    out(`\nDemo site "${DEMO_SITE}" created. The admin key is shown once; keep it:`);
    out(`  admin key  (everything else):             ${seeded.admin}`);
  }
  if (demo && keys) printDemo(demo, keys);
  const stop = async () => {
    await demo?.stop();
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** What to do with the demo, step by step. */
function printDemo(demo: RunningDemo, keys: DemoKeys) {
  out(`\nDemo mode (CONSENTRY_DEMO=false turns it off):`);
  out(`  1. The shop, as a visitor:   ${demo.shopUrl}   (German: ${demo.shopUrl}?lang=de)`);
  out(`     Choose in the consent banner, then sign up to the newsletter with an email address.`);
  out(`  2. The CRM, as a sales rep:  ${demo.crmUrl}`);
  if (demo.extensionDir) {
    out(`     Load the extension: chrome://extensions -> Developer mode -> Load unpacked ->`);
    out(`       ${demo.extensionDir}`);
    out(`     It is pre-configured for this ledger and this CRM; badges show who consented.`);
  } else {
    out(`     Build the extension first: npm run build:demo-ext (npm start does it for you),`);
    out(`     or load any build and enter this ledger's URL and the reader key in its options.`);
  }
  out(`  3. The audit, as the compliance officer:  npx consentry audit --site ${DEMO_SITE}`);
  out(`     and npx consentry verify --site ${DEMO_SITE}`);
  out(`  site key   (public, in the shop's page):  ${keys.site}`);
  out(`  reader key (look-ups, for the extension): ${keys.reader}`);
}

async function run(argv: string[]): Promise<number> {
  const [command = 'serve', sub, ...rest] = argv;
  const parsed = options(
    command === 'sites' || command === 'keys' ? rest : [sub ?? '', ...rest].filter(Boolean),
  );
  const v = parsed.values;
  if (v.help || command === 'help' || command === '--help') {
    out(USAGE);
    return 0;
  }
  const config = loadConfig(process.env);
  const services = createServices(config);
  if (command === 'serve') {
    await serveCommand(services);
    return -1; // keeps running
  }
  try {
    switch (`${command}${command === 'sites' || command === 'keys' ? ` ${sub ?? ''}` : ''}`) {
      case 'sites list':
        for (const s of await services.storage.listSites())
          out(`${s.id}\t${s.name}\tpolicy ${s.currentPolicy}\t${s.allowedOrigins.join(' ')}`);
        return 0;
      case 'sites create': {
        const file = required(v.config, '--config');
        const config = validateSiteConfig(readJsonFile(file, '--config'));
        if (!config.ok)
          throw new UsageError(
            `${file}:\n${config.error.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
          );
        const name = required(v.name, '--name');
        const badOrigin = (v.origin ?? []).find((o) => !valibot.is(OriginSchema, o));
        if (badOrigin)
          throw new UsageError(
            `--origin ${badOrigin}: must be an origin such as https://shop.example`,
          );
        const made = siteIdFor(v.id, name);
        if (!made.ok)
          throw new UsageError(`--id${v.id === undefined ? '' : ` ${v.id}`}: ${made.message}`);
        const { id } = made;
        if (await services.storage.getSite(id))
          throw new UsageError(`a site with id "${id}" exists (sites list shows them)`);
        const at = services.now();
        await services.storage.createSite(
          {
            id,
            name,
            allowedOrigins: v.origin ?? [],
            currentPolicy: config.value.policyVersion,
            createdAt: at,
          },
          {
            siteId: id,
            version: config.value.policyVersion,
            config: config.value,
            publishedAt: at,
          },
        );
        out(`created site ${id}`);
        return 0;
      }
      case 'keys list':
        for (const k of await services.storage.listKeys()) {
          out(
            `${k.id}\t${k.scope}\t${k.siteId ?? '(all sites)'}\t${k.revokedAt ? 'revoked' : 'active'}\t${k.label}`,
          );
        }
        return 0;
      case 'keys create': {
        const scope = required(v.scope, '--scope') as KeyScope;
        if (!['site', 'reader', 'admin'].includes(scope))
          throw new UsageError('--scope must be site, reader or admin');
        if (scope !== 'admin' && !v.site) throw new UsageError(`a ${scope} key needs --site`);
        if (v.site && !(await services.storage.getSite(v.site)))
          throw new UsageError(`no site ${v.site}`);
        const { key, id, hash } = generateKey(scope);
        await services.storage.insertKey({
          id,
          siteId: v.site ?? null,
          scope,
          hash,
          label: v.label ?? '',
          createdAt: services.now(),
          revokedAt: null,
        });
        out(`${id}\t${key}\n(the key is shown only now)`);
        return 0;
      }
      case 'keys revoke': {
        const id = required(parsed.positionals[0], 'KEY_ID');
        if (!(await services.storage.revokeKey(id, services.now())))
          throw new UsageError(`no active key ${id}`);
        out(`revoked ${id}`);
        return 0;
      }
      case 'verify': {
        const ids = v.site ? [v.site] : (await services.storage.listSites()).map((s) => s.id);
        let bad = 0;
        for (const id of ids) {
          const r = await verifySite(
            services.storage,
            id,
            new Map([[services.secrets.keyId, services.secrets.publicKey]]),
          );
          out(
            r.ok
              ? `${id}: ok (${r.entries} entries, ${r.checkpoints} checkpoints)`
              : `${id}: BAD at position ${r.firstBad!.position}: ${r.firstBad!.reason}`,
          );
          if (!r.ok) bad += 1;
        }
        return bad ? 1 : 0;
      }
      case 'audit': {
        const given = { format: v.format, turnover: v.turnover };
        const options = auditOptions(given.format, given.turnover);
        if (!options.ok)
          throw new UsageError(
            options.issues
              .map((i) => `--${i.path} ${given[i.path as keyof typeof given]}: ${i.message}`)
              .join('\n'),
          );
        const site = required(v.site, '--site');
        const { format, annualTurnover } = options.value;
        const report = await auditSite(services, site, { annualTurnover });
        if (!report) throw new UsageError(`no site ${site}`);
        const text = format === 'html' ? auditHtml(report) : JSON.stringify(report, null, 2);
        if (v.out) writeFileSync(v.out, text);
        else out(text);
        return report.integrity.ok ? 0 : 1;
      }
      case 'export': {
        const result = await exportPerson(
          services,
          required(v.site, '--site'),
          personQuery(v),
          'cli',
        );
        const json = JSON.stringify(result, null, 2);
        if (v.out) writeFileSync(v.out, json, { mode: 0o600 });
        else out(json);
        return 0;
      }
      case 'erase': {
        const site = required(v.site, '--site');
        if (!v.yes) throw new UsageError('erasure cannot be undone: add --yes');
        const result = await erasePerson(services, site, personQuery(v), 'cli');
        out(JSON.stringify(result));
        return 0;
      }
      case 'backup': {
        const path = required(v.out, '--out');
        await services.storage.backup(path);
        out(`backup written to ${path}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    }
  } finally {
    await closeServices(services);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof UsageError || error instanceof BadPersonQuery
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`consentry: ${message}\n`);
    process.exitCode = 2;
  },
);
