/**
 * npm run bench:backend — one run, 50 connections (autocannon), each figure next to a bare Hono
 * hello-world measured in the same run: durable consent writes, look-ups of 50 digests against 1M
 * events, and the same look-ups against 10k events; then two reference points on the same stack
 * (ceiling-server.ts): a bare server answering a real look-up's bytes, and a minimal durable
 * insert with group commit. Rounds are interleaved; medians are printed. Ends with one JSON line.
 * BENCH_SECONDS, BENCH_ROUNDS and BENCH_EVENTS shorten it.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identifierDigest } from '../../lib/digest';
import { newEventId } from '../../lib/event-id';
import { normaliseEmail } from '../../lib/identifiers';
import { benchEmail, preload } from './backend-preload';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIG = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SMALL = 10_000;
const PEOPLE_BIG = Math.max(1, Math.floor(BIG / 10));
const PEOPLE_SMALL = Math.max(1, Math.floor(SMALL / 10));
const CACHE = join(process.env.BENCH_DIR ?? join(tmpdir(), 'consentry-bench'));
const ORIGIN = 'http://bench.example';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function start(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (?:on )?(?:http:\/\/127\.0\.0\.1:)?(\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM')));

async function ledger(dir: string, port: number) {
  return start(['backend/bin.mjs', 'serve'], {
    CONSENTRY_DATA_DIR: dir,
    CONSENTRY_PORT: String(port),
    CONSENTRY_LOG_LEVEL: 'warn',
    CONSENTRY_DEMO: 'false',
    CONSENTRY_RATE_LIMIT: '1000000000',
    CONSENTRY_PUBLIC_RATE_LIMIT: '1000000000',
    CONSENTRY_SYNCHRONOUS: 'full',
  });
}

async function load(
  opts: autocannon.Options,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({ connections: 50, duration: SECONDS, ...opts });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function ensure(name: string, events: number, people: number) {
  const dir = join(CACHE, `${name}-${events}`);
  if (!existsSync(join(dir, 'keys.json'))) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`preloading ${events} events into ${dir}\n`);
    await preload(dir, events, people);
  }
  return {
    dir,
    keys: JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as {
      site: string;
      reader: string;
    },
  };
}

/**
 * Reads a database file once, so it is in the OS page cache as a running ledger's would be. On a
 * machine fresh from a restart the first round otherwise measures the disk (writes at 1M events:
 * 770 req/s cold, 1,147 warm in one check).
 */
async function warm(dir: string) {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(createReadStream(join(dir, 'consentry.sqlite')), sink);
}

async function lookupBodies(people: number) {
  const digests: string[] = [];
  for (let i = 0; i < Math.min(people, 5000); i++) {
    const e = normaliseEmail(benchEmail(Math.floor((i * 7919) % people)));
    if (e.ok) digests.push(await identifierDigest(e.value));
  }
  const unique = [...new Set(digests)];
  return Array.from({ length: 200 }, (_, k) =>
    JSON.stringify({
      digests: Array.from({ length: 50 }, (_, j) => unique[(k * 50 + j) % unique.length]),
    }),
  );
}

const eventBody = () =>
  JSON.stringify({
    eventId: newEventId(),
    siteId: 'demo-shop',
    visitorId: `bench-${randomUUID().slice(0, 8)}`,
    choices: { analytics: true, marketing_email: false, advertising: true },
    regime: 'gdpr',
    method: 'accept_all',
    policyVersion: '2026-11',
    noticeHash: 'c'.repeat(64),
    language: 'en',
    gpc: false,
    clientTime: new Date().toISOString(),
    pageUrl: 'http://bench.example/landing',
  });

async function main() {
  const big = await ensure('big', BIG, PEOPLE_BIG);
  const small = await ensure('small', SMALL, PEOPLE_SMALL);
  await warm(big.dir);
  await warm(small.dir);
  const bigBodies = await lookupBodies(PEOPLE_BIG);
  const smallBodies = await lookupBodies(PEOPLE_SMALL);
  const runs: Record<'baseline' | 'write' | 'lookup1m' | 'lookup10k' | 'lookupBytes' | 'insert', { rps: number; p50: number; p99: number; errors: number }[]> = {
    baseline: [], write: [], lookup1m: [], lookup10k: [], lookupBytes: [], insert: [],
  }; // prettier-ignore
  const scratch = mkdtempSync(join(tmpdir(), 'consentry-bench-ceiling-'));
  const lookupBytes = join(scratch, 'lookup-response.json');
  let responseSize = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`round ${round}/${ROUNDS}\n`);
    const hello = await start(['--import', 'tsx', 'tests/bench/hello-server.ts'], { PORT: '0' });
    runs.baseline.push(await load({ url: hello.url }));
    await stop(hello.child);

    const bigServer = await ledger(big.dir, 18787);
    runs.write.push(
      await load({
        url: `${bigServer.url}/v1/events`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${big.keys.site}`,
          origin: ORIGIN,
        },
        setupClient: (client) => client.setBody(eventBody()),
        requests: [{ setupRequest: (req) => ({ ...req, body: eventBody() }) }],
      }),
    );
    let k = 0;
    if (round === 1) {
      // One real answer to a look-up of 50 digests: the reference server answers these bytes.
      const response = await fetch(`${bigServer.url}/v1/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${big.keys.reader}` },
        body: bigBodies[0],
      });
      if (!response.ok) throw new Error(`look-up answered ${response.status}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      writeFileSync(lookupBytes, bytes);
      responseSize = bytes.length;
    }
    runs.lookup1m.push(
      await load({
        url: `${bigServer.url}/v1/lookup`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${big.keys.reader}` },
        requests: [
          { setupRequest: (req) => ({ ...req, body: bigBodies[k++ % bigBodies.length] }) },
        ],
      }),
    );
    await stop(bigServer.child);

    const smallServer = await ledger(small.dir, 18788);
    runs.lookup10k.push(
      await load({
        url: `${smallServer.url}/v1/lookup`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${small.keys.reader}`,
        },
        requests: [
          { setupRequest: (req) => ({ ...req, body: smallBodies[k++ % smallBodies.length] }) },
        ],
      }),
    );
    await stop(smallServer.child);

    const dataDir = mkdtempSync(join(scratch, 'db-'));
    const ceiling = await start(['--import', 'tsx', 'tests/bench/ceiling-server.ts'], {
      PORT: '0',
      LOOKUP_BODY: lookupBytes,
      DATA_DIR: dataDir,
    });
    runs.lookupBytes.push(
      await load({
        url: `${ceiling.url}/lookup`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          { setupRequest: (req) => ({ ...req, body: bigBodies[k++ % bigBodies.length] }) },
        ],
      }),
    );
    runs.insert.push(
      await load({
        url: `${ceiling.url}/insert`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: eventBody() }) }],
      }),
    );
    await stop(ceiling.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
  rmSync(scratch, { recursive: true, force: true });
  const m = Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      {
        rps: median(rs.map((r) => r.rps)),
        p50: median(rs.map((r) => r.p50)),
        p99: median(rs.map((r) => r.p99)),
        errors: rs.reduce((a, r) => a + r.errors, 0),
      },
    ]),
  ) as Record<keyof typeof runs, { rps: number; p50: number; p99: number; errors: number }>;
  const ratio = (x: number) => Math.round((x / m.baseline.rps) * 1000) / 1000;
  const line = (label: string, r: (typeof m)['baseline']) =>
    `${label.padEnd(44)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ${ratio(r.rps)}x baseline${r.errors ? `  (${r.errors} errors)` : ''}`;
  console.log(
    `\nConsentry backend bench: 50 connections, ${SECONDS} s x ${ROUNDS} rounds, medians (Node ${process.version})`,
  );
  console.log(line('baseline: bare Hono hello-world', m.baseline));
  console.log(line('consent writes (synchronous=FULL, durable)', m.write));
  console.log(line(`look-ups of 50 digests, ${BIG.toLocaleString('en')} events`, m.lookup1m));
  console.log(line(`look-ups of 50 digests, ${SMALL.toLocaleString('en')} events`, m.lookup10k));
  const size = (responseSize / 1024).toFixed(0);
  console.log('reference points on the same stack, same run (what the targets leave room for):');
  console.log(line(`  bare Hono answering a look-up's ${size} kB`, m.lookupBytes));
  console.log(line('  minimal durable insert, group commit', m.insert));
  const lookupScale = Math.round((m.lookup1m.p50 / Math.max(m.lookup10k.p50, 1)) * 100) / 100;
  const rpsScale = Math.round((m.lookup10k.rps / m.lookup1m.rps) * 100) / 100;
  console.log(
    `look-up latency 1M vs 10k (p50 ratio): ${lookupScale}x; throughput 10k/1M: ${rpsScale}x`,
  );
  console.log(
    JSON.stringify({
      bench: 'backend',
      node: process.version,
      seconds: SECONDS,
      rounds: ROUNDS,
      events: BIG,
      baselineRps: Math.round(m.baseline.rps),
      writeRps: Math.round(m.write.rps),
      writeRatio: ratio(m.write.rps),
      writeP99Ms: m.write.p99,
      lookupRps: Math.round(m.lookup1m.rps),
      lookupRatio: ratio(m.lookup1m.rps),
      lookupP99Ms: m.lookup1m.p99,
      lookup10kRps: Math.round(m.lookup10k.rps),
      lookup10kP99Ms: m.lookup10k.p99,
      lookup1mVs10kLatency: lookupScale,
      lookupBytesOnlyRps: Math.round(m.lookupBytes.rps),
      lookupBytesOnlyRatio: ratio(m.lookupBytes.rps),
      minimalInsertRps: Math.round(m.insert.rps),
      minimalInsertRatio: ratio(m.insert.rps),
      errors: Object.values(m).reduce((sum, r) => sum + r.errors, 0),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
