/**
 * Crash test (issue 3, "Durability and speed"): a real `consentry serve` process under a stream of
 * consent writes is killed with SIGKILL; after a restart on the same data folder every write it
 * acknowledged (201) is still there with the very same receipt, and the chain verifies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../lib/consent-event';
import { consentEvent } from '../backend/testing';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SITE = 'demo-shop';
const WRITERS = 20;
/** Write for at least this long, and until at least MIN_ACKED writes were acknowledged. */
const WRITE_MS = 1500;
const MIN_ACKED = 300;
const MAX_WRITE_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;

interface Keys {
  site: string;
  reader: string;
  admin: string;
}

interface Server {
  child: ChildProcess;
  url: string;
  keys: Keys | null;
  output: () => string;
}

interface Sent {
  body: string;
  event: ConsentEvent;
}

interface Acked extends Sent {
  /** The receipt exactly as the server sent it. */
  receiptText: string;
  receipt: { eventId: string; position: number; hash: string; signature: string };
}

const children = new Set<ChildProcess>();
const dirs: string[] = [];

/** A port nothing listens on right now: bind to 0, read the port, let it go. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/** Starts `node backend/bin.mjs serve`; resolves once it listens (and, first time, printed keys). */
function serve(dataDir: string, port: number, expectKeys: boolean): Promise<Server> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('CONSENTRY_') && name !== 'PORT') env[name] = value;
  Object.assign(env, {
    CONSENTRY_DATA_DIR: dataDir,
    CONSENTRY_PORT: String(port),
    CONSENTRY_DEMO_CRM_PORT: '0', // any free port: test files run side by side
    CONSENTRY_LOG_LEVEL: 'warn',
    CONSENTRY_PUBLIC_RATE_LIMIT: '100000000',
    CONSENTRY_RATE_LIMIT: '100000000',
    // Signed checkpoints every 100 entries, so verification after the crash covers them too.
    CONSENTRY_CHECKPOINT_EVERY: '100',
  });
  const child = spawn(process.execPath, ['backend/bin.mjs', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stdout = '';
  let stderr = '';
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 30 s\n${output()}`));
    }, 30_000);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code ?? signal})\n${output()}`));
    };
    child.once('exit', onExit);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      const key = (label: string) =>
        new RegExp(`${label} key\\s+\\([^)]*\\):\\s+(\\S+)`).exec(stdout)?.[1];
      const keys = { site: key('site'), reader: key('reader'), admin: key('admin') };
      if (expectKeys && !(keys.site && keys.reader && keys.admin)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ child, url, keys: expectKeys ? (keys as Keys) : null, output });
    });
  });
}

/** SIGKILL, and wait until the process is really gone. */
const killHard = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** Runs `task` over `items` with `width` concurrent workers. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

afterAll(async () => {
  await Promise.all([...children].map(killHard));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('crash durability', () => {
  it('keeps every acknowledged consent across a SIGKILL, and the chain verifies', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'consentry-crash-'));
    dirs.push(dataDir);
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;

    // 1. First start on an empty folder: the demo site and its keys are seeded and printed.
    const first = await serve(dataDir, port, true);
    const keys = first.keys!;
    expect(first.url).toBe(`http://127.0.0.1:${port}`);

    const post = (url: string, body: string, signal?: AbortSignal) =>
      fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${keys.site}`,
          'content-type': 'application/json',
          origin,
        },
        body,
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)])
          : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });

    let serial = 0;
    const makeEvent = (): Sent => {
      const n = serial++;
      const event = consentEvent({
        clientTime: new Date().toISOString(),
        choices: { analytics: n % 2 === 0, advertising: n % 3 === 0, marketing_email: true },
        ...(n % 3 === 0
          ? { identifiers: { email: `person-${n % 97}@example.com` } }
          : n % 7 === 1
            ? { identifiers: { email: `buyer-${n}@example.org`, phone: '+4930123456' } }
            : {}),
      });
      return { event, body: JSON.stringify(event) };
    };

    // 2. The write stream: WRITERS loops posting until the server is killed under them.
    const acked: Acked[] = [];
    const unacked: Sent[] = [];
    const unexpected: string[] = [];
    let inFlight = 0;
    let killed = false;
    const stopWriting = new AbortController();
    const writer = async () => {
      while (!killed) {
        const sent = makeEvent();
        inFlight += 1;
        try {
          const response = await post(first.url, sent.body, stopWriting.signal);
          const text = await response.text();
          if (response.status === 201) {
            acked.push({
              ...sent,
              receiptText: text,
              receipt: JSON.parse(text) as Acked['receipt'],
            });
          } else {
            unacked.push(sent);
            if (!killed) unexpected.push(`${response.status} ${text}`);
          }
        } catch {
          // Refused, reset or aborted: never acknowledged. Before the kill, that is a failure.
          unacked.push(sent);
          if (!killed) unexpected.push('request failed before the kill');
        } finally {
          inFlight -= 1;
        }
      }
    };
    const writeStart = performance.now();
    const writers = Array.from({ length: WRITERS }, writer);
    while (
      performance.now() - writeStart < WRITE_MS ||
      (acked.length < MIN_ACKED && performance.now() - writeStart < MAX_WRITE_MS)
    ) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const inFlightAtKill = inFlight;
    const ackedBeforeKill = acked.length;
    killed = true;
    await killHard(first.child);
    const writeMs = performance.now() - writeStart;
    // Anything still waiting will never be answered by the dead process.
    setTimeout(() => stopWriting.abort(), 2000).unref();
    await Promise.all(writers);
    console.info(
      `crash test: ${acked.length} acknowledged in ${Math.round(writeMs)} ms ` +
        `(${ackedBeforeKill} before SIGKILL, ${inFlightAtKill} requests in flight at the kill, ` +
        `${unacked.length} not acknowledged)`,
    );
    expect(unexpected.slice(0, 5)).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(MIN_ACKED);
    expect(inFlightAtKill).toBeGreaterThan(0);
    // Receipts handed out before the crash hold distinct positions.
    expect(new Set(acked.map((a) => a.receipt.position)).size).toBe(acked.length);

    // 3. Restart on the same folder: nothing is seeded again, the old keys still work.
    const second = await serve(dataDir, port, false);
    expect(second.output()).not.toMatch(/Demo site/);

    // 4a. Every acknowledged event is there: its retry is a 200 with the byte-identical receipt.
    const lost: { eventId: string; position: number; status: number; body: string }[] = [];
    await pool(acked, WRITERS, async (a) => {
      const response = await post(second.url, a.body);
      const text = await response.text();
      if (response.status !== 200 || text !== a.receiptText)
        lost.push({
          eventId: a.event.eventId,
          position: a.receipt.position,
          status: response.status,
          body: text,
        });
    });
    expect(
      lost.length,
      `acknowledged events lost or changed: ${JSON.stringify(lost.slice(0, 5))}`,
    ).toBe(0);

    // 4b. The chain verifies and holds at least every acknowledged entry.
    const verify = async () => {
      const response = await fetch(`${second.url}/v1/sites/${SITE}/verify`, {
        headers: { authorization: `Bearer ${keys.admin}` },
      });
      return {
        status: response.status,
        report: (await response.json()) as Record<string, unknown>,
      };
    };
    const afterCrash = await verify();
    expect(afterCrash.status, JSON.stringify(afterCrash.report)).toBe(200);
    expect(afterCrash.report).toMatchObject({ siteId: SITE, ok: true, firstBad: null });
    const entries = afterCrash.report.entries as number;
    expect(afterCrash.report.checkpoints).toBeGreaterThan(0);
    expect(entries).toBeGreaterThanOrEqual(acked.length);
    expect(Math.max(...acked.map((a) => a.receipt.position))).toBeLessThan(entries);

    // 4c. New writes after the restart take the next positions, and the chain still verifies.
    const fresh = Array.from({ length: WRITERS }, makeEvent);
    const positions: number[] = [];
    await Promise.all(
      fresh.map(async (sent) => {
        const response = await post(second.url, sent.body);
        expect(response.status).toBe(201);
        positions.push(((await response.json()) as Acked['receipt']).position);
      }),
    );
    expect(positions.sort((a, b) => a - b)).toEqual(
      Array.from({ length: fresh.length }, (_, i) => entries + i),
    );

    // Writes cut off by the crash may have been stored or not, but retrying them is never a conflict.
    const retried = { stored: 0, retry: 0 };
    await pool(unacked, WRITERS, async (sent) => {
      const response = await post(second.url, sent.body);
      await response.arrayBuffer();
      expect([200, 201]).toContain(response.status);
      if (response.status === 201) retried.stored += 1;
      else retried.retry += 1;
    });

    const final = await verify();
    expect(final.status, JSON.stringify(final.report)).toBe(200);
    expect(final.report).toMatchObject({
      ok: true,
      entries: entries + fresh.length + retried.stored,
    });
    console.info(
      `crash test: after restart ${entries} entries verified (${entries - acked.length} stored but ` +
        `unanswered at the crash); ${fresh.length} new writes at ${positions[0]}..${positions.at(-1)}; ` +
        `${retried.retry} cut-off writes were already stored, ${retried.stored} stored on retry; ` +
        `final chain ${final.report.entries} entries, ${final.report.checkpoints} checkpoints`,
    );

    await killHard(second.child);
  }, 60_000);
});
