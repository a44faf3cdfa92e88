/**
 * The demo as `npm start` runs it, for the end-to-end test: the widget, the demo apps and the
 * demo build of the extension built into a temporary folder (dist/ is left alone), the ledger
 * started as a real `node backend/bin.mjs serve` process in demo mode, and the real CLI run
 * beside it on the same data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Where the builds went. */
export interface DemoBuild {
  widgetDir: string;
  demoDir: string;
  /** The unpacked Chromium extension (the folder with manifest.json). */
  extensionDir: string;
}

/** The hosts `npm run build:demo-ext` grants the demo build at install, read from package.json. */
function demoExtensionHosts(): string {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const hosts = /CONSENTRY_EXT_HOSTS='([^']+)'/.exec(scripts['build:demo-ext'] ?? '')?.[1];
  if (!hosts) throw new Error('package.json: build:demo-ext sets no CONSENTRY_EXT_HOSTS');
  return hosts;
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/**
 * What `npm start`'s prestart builds (build:widget's script tag, build:demo, build:demo-ext), each
 * into a folder under `dir`.
 */
export async function buildDemo(dir: string): Promise<DemoBuild> {
  const widgetDir = join(dir, 'widget');
  const demoDir = join(dir, 'demo');
  const extensionOut = join(dir, 'extension');
  // The extension builds in a child process meanwhile (WXT runs its own Vite).
  const extension = run([join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], {
    ...process.env,
    CONSENTRY_EXT_HOSTS: demoExtensionHosts(),
    CONSENTRY_EXT_OUT: extensionOut,
    NODE_ENV: 'production',
  });
  const apps = (async () => {
    // Vitest sets NODE_ENV=test, which Vite would bake into the bundles: build what ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root: ROOT,
        configFile: join(ROOT, 'widget', 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: widgetDir },
      });
      await build({
        root: ROOT,
        configFile: join(ROOT, 'demo', 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: demoDir },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  })();
  // Both finish (or fail) before the caller may remove the folder.
  const failed = (await Promise.allSettled([extension, apps])).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { widgetDir, demoDir, extensionDir: join(extensionOut, 'chrome-mv3') };
}

/** Ports nobody listens on now (taken together, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(0, '127.0.0.1', done);
      });
      ports.push((server.address() as { port: number }).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
}

/** The environment of every command: the given settings, and no CONSENTRY_* from outside. */
export function commandEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !k.startsWith('CONSENTRY_') && k !== 'PORT' && k !== 'NODE_ENV',
      ),
    ),
    ...settings,
  };
}

/** What the start-up output of `serve` in demo mode tells the user. */
export interface DemoStartup {
  ledgerUrl: string;
  shopUrl: string;
  crmUrl: string;
  /** The folder the output says to load as an unpacked extension. */
  extensionDir: string;
  adminKey: string;
  siteKey: string;
  readerKey: string;
}

const field = (output: string, pattern: RegExp, what: string): string => {
  const value = pattern.exec(output)?.[1];
  if (!value) throw new Error(`the start-up output names no ${what}:\n${output}`);
  return value;
};

/** Reads the URLs, folder and keys from the start-up output. */
export function parseStartup(output: string): DemoStartup {
  return {
    ledgerUrl: field(output, /listening on (http\S+)/, 'ledger URL'),
    shopUrl: field(output, /The shop, as a visitor:\s+(http\S+)/, 'shop URL'),
    crmUrl: field(output, /The CRM, as a sales rep:\s+(http\S+)/, 'CRM URL'),
    extensionDir: field(output, /Load unpacked ->\s*\n\s*(\S+)/, 'extension folder'),
    adminKey: field(output, /admin key\s+\(everything else\):\s+(sk_\S+)/, 'admin key'),
    siteKey: field(output, /site key\s+\(public[^)]*\):\s+(pk_\S+)/, 'site key'),
    readerKey: field(output, /reader key \(look-ups[^)]*\):\s+(rk_\S+)/, 'reader key'),
  };
}

/** A running `consentry serve`. */
export interface DemoServer {
  startup: DemoStartup;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

/** Starts `node backend/bin.mjs serve` and resolves once it has printed the demo's keys. */
export function startDemoServer(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<DemoServer> {
  const child: ChildProcess = spawn(process.execPath, ['backend/bin.mjs', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`the server printed no demo keys within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      // The reader key is the last line of the demo instructions.
      if (!/reader key \(look-ups[^\n]*\n/.test(output)) return;
      clearTimeout(timer);
      try {
        done({ startup: parseStartup(output), output: () => output, stop });
      } catch (error) {
        void stop();
        fail(error as Error);
      }
    };
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      check();
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** One finished CLI command. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node backend/bin.mjs <args>` to completion (killed after `timeoutMs`). */
export function cli(env: NodeJS.ProcessEnv, args: string[], timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['backend/bin.mjs', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}
