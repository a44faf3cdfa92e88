/** Runs the ledger over HTTP: the only place besides the CLI that touches the process and the network. */
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import type { Hono } from 'hono';
import type { AppEnv, Services } from './context';
import { closeServices } from './services';

/** A running server. */
export interface RunningServer {
  url: string;
  server: ServerType;
  stop(): Promise<void>;
}

/**
 * Starts listening; resolves once the port is bound. Checkpoints every minute while entries arrive.
 * `extend` mounts more routes (the demo shop).
 */
export function startServer(
  services: Services,
  extend: (app: Hono<AppEnv>) => void = () => {},
): Promise<RunningServer> {
  const { config } = services;
  const app = createApp(services);
  extend(app);
  const timer = setInterval(() => {
    void services.storage
      .listSites()
      .then((sites) => Promise.all(sites.map((s) => services.checkpointer.checkpoint(s.id))));
  }, 60_000);
  timer.unref();
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      const url = `http://${host}:${info.port}`;
      resolve({
        url,
        server,
        async stop() {
          clearInterval(timer);
          await new Promise<void>((done) => server.close(() => done()));
          await closeServices(services);
        },
      });
    });
    server.once('error', reject);
  });
}
