/**
 * Server configuration: defaults, then an optional JSON file (CONSENTRY_CONFIG), then environment
 * variables, validated once at start with messages that name the setting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { toFieldIssues } from '../lib/field-issues';

const Port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535));
const HeaderName = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/i, 'must be an HTTP header name'));

const ConfigSchema = v.strictObject({
  port: v.optional(Port, 8787),
  host: v.optional(v.pipe(v.string(), v.minLength(1)), '127.0.0.1'),
  dataDir: v.optional(v.pipe(v.string(), v.minLength(1)), './data'),
  /** Header a trusted proxy sets with the visitor's ISO country (e.g. cf-ipcountry). Unset: not trusted. */
  countryHeader: v.optional(v.nullable(HeaderName), null),
  /** Header a trusted proxy sets with the visitor's ISO 3166-2 subdivision (e.g. x-region). */
  regionHeader: v.optional(v.nullable(HeaderName), null),
  synchronous: v.optional(v.picklist(['full', 'normal']), 'full'),
  /** Base64 or hex, 32 bytes; generated into the data folder when not given. */
  pepper: v.optional(v.string()),
  masterKey: v.optional(v.string()),
  /** Entries between signed checkpoints. */
  checkpointEvery: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1000),
  /** Requests per minute per key and client address. */
  rateLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 600),
  /** Public write requests per minute per client address (site keys are public). */
  publicRateLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 120),
  logLevel: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  /** Where the built widget is (npm run build:widget). */
  widgetDir: v.optional(
    v.pipe(v.string(), v.minLength(1)),
    join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'widget'),
  ),
  /**
   * Demo mode: seed a demo site and keys on first start, serve the demo shop at /demo/shop/ and
   * the demo CRM on its own port, and pre-configure the demo build of the extension.
   */
  demo: v.optional(v.boolean(), true),
  /** The demo CRM's port (demo mode). */
  demoCrmPort: v.optional(Port, 8788),
  /** Where the demo apps are built (npm run build:demo). */
  demoDir: v.optional(
    v.pipe(v.string(), v.minLength(1)),
    join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'demo'),
  ),
  /** The demo build of the extension (npm run build:demo-ext), pre-configured at start. */
  demoExtensionDir: v.optional(
    v.pipe(v.string(), v.minLength(1)),
    join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'extension', 'chrome-mv3'),
  ),
});

/** The validated configuration. */
export type ServerConfig = v.InferOutput<typeof ConfigSchema>;

const ENV: Record<string, keyof ServerConfig> = {
  CONSENTRY_PORT: 'port',
  PORT: 'port',
  CONSENTRY_HOST: 'host',
  CONSENTRY_DATA_DIR: 'dataDir',
  CONSENTRY_COUNTRY_HEADER: 'countryHeader',
  CONSENTRY_REGION_HEADER: 'regionHeader',
  CONSENTRY_SYNCHRONOUS: 'synchronous',
  CONSENTRY_PEPPER: 'pepper',
  CONSENTRY_MASTER_KEY: 'masterKey',
  CONSENTRY_CHECKPOINT_EVERY: 'checkpointEvery',
  CONSENTRY_RATE_LIMIT: 'rateLimit',
  CONSENTRY_PUBLIC_RATE_LIMIT: 'publicRateLimit',
  CONSENTRY_LOG_LEVEL: 'logLevel',
  CONSENTRY_DEMO: 'demo',
  CONSENTRY_WIDGET_DIR: 'widgetDir',
  CONSENTRY_DEMO_CRM_PORT: 'demoCrmPort',
  CONSENTRY_DEMO_DIR: 'demoDir',
  CONSENTRY_DEMO_EXTENSION_DIR: 'demoExtensionDir',
};

const NUMERIC = new Set<keyof ServerConfig>([
  'port',
  'demoCrmPort',
  'checkpointEvery',
  'rateLimit',
  'publicRateLimit',
]);

const fromEnv = (env: NodeJS.ProcessEnv): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '' || field in out) continue;
    if (NUMERIC.has(field)) out[field] = /^\d+$/.test(raw) ? Number(raw) : raw;
    else if (field === 'demo')
      out[field] =
        raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    else out[field] = raw;
  }
  return out;
};

/** Reads and validates the configuration; throws an Error listing every bad setting. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  let file: Record<string, unknown> = {};
  const path = env.CONSENTRY_CONFIG;
  if (path) {
    if (!existsSync(path)) throw new Error(`CONSENTRY_CONFIG: no such file: ${path}`);
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`CONSENTRY_CONFIG: ${path} is not valid JSON (${(error as Error).message})`);
    }
    if (typeof file !== 'object' || file === null || Array.isArray(file)) {
      throw new Error(`CONSENTRY_CONFIG: ${path} must hold a JSON object of settings`);
    }
  }
  const parsed = v.safeParse(ConfigSchema, { ...file, ...fromEnv(env), ...overrides });
  if (parsed.success) return parsed.output;
  const lines = toFieldIssues(parsed.issues).map((i) => `  ${i.path || '(config)'}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
