import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver on loopback answering each POST with the next status of `statuses` (then 200). */
export interface WebhookReceiver {
  url: string;
  bodies: Record<string, unknown>[];
  statuses: number[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const bodies: Record<string, unknown>[] = [];
  const answered: number[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      const status = statuses.shift() ?? 200;
      answered.push(status);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    bodies,
    statuses: answered,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
