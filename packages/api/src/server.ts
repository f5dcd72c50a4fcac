import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage, JobSearchError, type Logger } from '@jobsearchai/core';
import type { ApiApp } from './app.js';
import { isLoopbackHost, type ApiConfig } from './config.js';

export interface RunningServer {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly server: Server;
  /**
   * Graceful stop: refuse new connections, let in-flight requests finish, interrupt running
   * searches (marked interrupted), within the grace period; idempotent.
   */
  close(): Promise<void>;
}

/**
 * Without an API token the API must not be reachable from other machines: writes are then
 * allowed from loopback clients only, and reads would expose the matches to the network.
 */
export function assertSafeBinding(config: Pick<ApiConfig, 'host' | 'apiToken'>): void {
  if (config.apiToken === undefined && !isLoopbackHost(config.host)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `Refusing to listen on ${config.host} without API_TOKEN: anyone on the network could start searches. Set API_TOKEN (e.g. \`export API_TOKEN=$(openssl rand -hex 32)\`) or listen on 127.0.0.1.`,
    );
  }
}

export async function startServer(app: ApiApp, config: ApiConfig, logger: Logger): Promise<RunningServer> {
  assertSafeBinding(config);
  let closing = false;
  const server = createServer(app);
  // Behind a load balancer idle keep-alive sockets must outlive the balancer's own timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;
  // During shutdown every response closes its connection, so keep-alive clients reconnect elsewhere.
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new JobSearchError(
              'INVALID_INPUT',
              `Port ${config.port} on ${config.host} is already in use: stop the other process or pass --port.`,
              { cause: error },
            )
          : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
            ? new JobSearchError('INVALID_INPUT', `Cannot listen on ${config.host}: no such address on this machine.`, {
                cause: error,
              })
            : error,
      );
    };
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (config.apiToken === undefined)
    logger.warn('API_TOKEN is not set: listening on loopback only; writes are accepted from this machine only.');
  logger.info(
    { url, dashboard: config.dashboardDir ?? null, database: app.context.store.info.location },
    'jobsearch-api listening',
  );

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const grace = config.shutdownGraceMs;
      logger.info(
        { graceMs: grace },
        'shutting down: no new connections; finishing requests and interrupting searches',
      );
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets that become idle after their last response are closed as they appear.
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      let forced = false;
      const deadline = setTimeout(() => {
        forced = true;
        server.closeAllConnections();
      }, grace);
      try {
        await Promise.all([
          serverClosed,
          app.context.searches
            .shutdown(grace)
            .catch((error: unknown) =>
              logger.error({ error: errorMessage(error) }, 'could not interrupt every search'),
            ),
        ]);
      } finally {
        clearInterval(idleSweep);
        clearTimeout(deadline);
      }
      if (forced) logger.warn({ graceMs: grace }, 'requests still running after the grace period were cut off');
      // A last try for failures the database did not take yet; what remains is logged as lost.
      await app.failures.flush();
      app.failures.close();
      logger.info('server stopped');
    })());
  return { url, server, close };
}
