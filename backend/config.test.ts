import { fileURLToPath } from 'node:url';
/** Server configuration: defaults, a JSON file named by CONSENTRY_CONFIG, environment on top. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const dir = mkdtempSync(join(tmpdir(), 'consentry-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes a config file and returns its path. */
const file = (text: string): string => {
  const path = join(dir, `config-${(files += 1)}.json`);
  writeFileSync(path, text);
  return path;
};

/** The message loadConfig throws for this environment (fails the test when it does not throw). */
const errorOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
};

describe('loadConfig: defaults', () => {
  it('gives the documented defaults with an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './data',
      countryHeader: null,
      regionHeader: null,
      synchronous: 'full',
      checkpointEvery: 1000,
      rateLimit: 600,
      publicRateLimit: 120,
      logLevel: 'info',
      demo: true,
      widgetDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
      demoCrmPort: 8788,
      demoDir: fileURLToPath(new URL('../dist/demo', import.meta.url)),
      demoExtensionDir: fileURLToPath(new URL('../dist/extension/chrome-mv3', import.meta.url)),
    });
  });

  it('has no pepper or master key unless given (they are generated into the data folder)', () => {
    const config = loadConfig({});
    expect(config.pepper).toBeUndefined();
    expect(config.masterKey).toBeUndefined();
  });

  it('ignores empty environment variables', () => {
    expect(loadConfig({ CONSENTRY_PORT: '', CONSENTRY_SYNCHRONOUS: '' })).toMatchObject({
      port: 8787,
      synchronous: 'full',
    });
  });
});

describe('loadConfig: environment variables', () => {
  it('reads port, synchronous mode, demo switch and the trusted country header', () => {
    const config = loadConfig({
      CONSENTRY_PORT: '9123',
      CONSENTRY_SYNCHRONOUS: 'normal',
      CONSENTRY_DEMO: 'false',
      CONSENTRY_COUNTRY_HEADER: 'cf-ipcountry',
    });
    expect(config).toMatchObject({
      port: 9123,
      synchronous: 'normal',
      demo: false,
      countryHeader: 'cf-ipcountry',
    });
    // Everything not set keeps its default.
    expect(config).toMatchObject({ host: '127.0.0.1', dataDir: './data', regionHeader: null });
  });

  it('reads the other settings too', () => {
    expect(
      loadConfig({
        CONSENTRY_HOST: '0.0.0.0',
        CONSENTRY_DATA_DIR: '/var/lib/consentry',
        CONSENTRY_REGION_HEADER: 'x-region',
        CONSENTRY_CHECKPOINT_EVERY: '50',
        CONSENTRY_RATE_LIMIT: '10',
        CONSENTRY_PUBLIC_RATE_LIMIT: '5',
        CONSENTRY_LOG_LEVEL: 'silent',
        CONSENTRY_DEMO: '1',
      }),
    ).toMatchObject({
      host: '0.0.0.0',
      dataDir: '/var/lib/consentry',
      regionHeader: 'x-region',
      checkpointEvery: 50,
      rateLimit: 10,
      publicRateLimit: 5,
      logLevel: 'silent',
      demo: true,
    });
    expect(loadConfig({ CONSENTRY_DEMO: '0' }).demo).toBe(false);
  });

  it('takes PORT when CONSENTRY_PORT is unset, and CONSENTRY_PORT over PORT', () => {
    expect(loadConfig({ PORT: '5000' }).port).toBe(5000);
    expect(loadConfig({ PORT: '5000', CONSENTRY_PORT: '6000' }).port).toBe(6000);
  });

  it('lets explicit overrides win over the environment', () => {
    expect(loadConfig({ CONSENTRY_PORT: '9123' }, { port: 1234 }).port).toBe(1234);
  });
});

describe('loadConfig: a JSON config file (CONSENTRY_CONFIG)', () => {
  it('reads the settings from the file', () => {
    const path = file(
      JSON.stringify({
        port: 9000,
        synchronous: 'normal',
        countryHeader: 'cf-ipcountry',
        demo: false,
        checkpointEvery: 250,
      }),
    );
    expect(loadConfig({ CONSENTRY_CONFIG: path })).toMatchObject({
      port: 9000,
      synchronous: 'normal',
      countryHeader: 'cf-ipcountry',
      demo: false,
      checkpointEvery: 250,
      host: '127.0.0.1',
    });
  });

  it('lets environment variables take precedence over the file', () => {
    const path = file(JSON.stringify({ port: 9000, synchronous: 'normal', demo: false }));
    const config = loadConfig({
      CONSENTRY_CONFIG: path,
      CONSENTRY_PORT: '9100',
      CONSENTRY_DEMO: 'true',
    });
    expect(config.port).toBe(9100);
    expect(config.demo).toBe(true);
    // Not overridden: still from the file.
    expect(config.synchronous).toBe('normal');
  });
});

describe('loadConfig: clear errors that name the culprit', () => {
  it('refuses a non-numeric port, naming the port and the value', () => {
    const message = errorOf({ CONSENTRY_PORT: 'eighty' });
    expect(message).toMatch(/\bport\b|CONSENTRY_PORT/i);
    expect(message).toContain('eighty');
  });

  it('refuses port 70000, naming the port and the limit', () => {
    const message = errorOf({ CONSENTRY_PORT: '70000' });
    expect(message).toMatch(/\bport\b|CONSENTRY_PORT/i);
    expect(message).toMatch(/65535|70000/);
  });

  it('refuses a port out of range given in the file as well', () => {
    const message = errorOf({ CONSENTRY_CONFIG: file(JSON.stringify({ port: 70000 })) });
    expect(message).toMatch(/\bport\b/i);
    expect(message).toMatch(/65535|70000/);
  });

  it('refuses synchronous=maybe, naming the setting and the value', () => {
    const message = errorOf({ CONSENTRY_SYNCHRONOUS: 'maybe' });
    expect(message).toMatch(/synchronous/i);
    expect(message).toContain('maybe');
  });

  it('refuses a demo switch that is not a boolean', () => {
    expect(errorOf({ CONSENTRY_DEMO: 'perhaps' })).toMatch(/demo/i);
  });

  it('refuses a country header that is not a header name', () => {
    expect(errorOf({ CONSENTRY_COUNTRY_HEADER: 'cf ip country' })).toMatch(/countryHeader/);
  });

  it('refuses an unknown key in the file, naming the key', () => {
    const message = errorOf({
      CONSENTRY_CONFIG: file(JSON.stringify({ port: 9000, prot: 9001 })),
    });
    expect(message).toContain('prot');
  });

  it('refuses a missing file, naming CONSENTRY_CONFIG and the path', () => {
    const path = join(dir, 'does-not-exist.json');
    const message = errorOf({ CONSENTRY_CONFIG: path });
    expect(message).toContain('CONSENTRY_CONFIG');
    expect(message).toContain(path);
  });

  it('refuses a file that is not JSON, naming CONSENTRY_CONFIG and the path', () => {
    const path = file('port = 9000\n');
    const message = errorOf({ CONSENTRY_CONFIG: path });
    expect(message).toContain('CONSENTRY_CONFIG');
    expect(message).toContain(path);
    expect(message).toMatch(/JSON/);
  });

  it('lists every bad setting at once', () => {
    const message = errorOf({ CONSENTRY_PORT: 'x', CONSENTRY_SYNCHRONOUS: 'maybe' });
    expect(message).toMatch(/\bport\b/);
    expect(message).toMatch(/synchronous/);
  });
});
