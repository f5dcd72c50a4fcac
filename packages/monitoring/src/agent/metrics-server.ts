import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobSearchError, errorMessage, type Logger } from '@jobsearchai/core';
import type { Registry } from 'prom-client';
import type { HealthSnapshot } from '../collect/types.js';
import { METRICS_CONTENT_TYPE, metricsText } from '../metrics/create-metrics.js';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  port: number;
  host: string;
  registry: Registry;
  /** The latest snapshot for `/health`: 200 when no alert fires, 503 otherwise or before the first tick. */
  health: () => HealthSnapshot | null;
  logger: Logger;
}

/** `/metrics` for Prometheus and `/health` for load balancers and humans; nothing else. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      metricsText(options.registry).then(
        (text) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
        (error: unknown) => {
          options.logger.error({ error: errorMessage(error) }, 'cannot render metrics');
          res.writeHead(500).end();
        },
      );
      return;
    }
    if (path === '/health') {
      const snapshot = options.health();
      res
        .writeHead(snapshot?.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(snapshot ?? { status: 'starting' }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try /metrics or /health\n');
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new JobSearchError(
          'INVALID_INPUT',
          `Cannot listen on ${options.host}:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}.`,
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
