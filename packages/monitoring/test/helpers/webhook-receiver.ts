import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverMode = { status: number } | 'drop' | 'hang';

export interface ReceivedHook {
  contentType: string | undefined;
  body: { text: string; alert: { kind: string; key: string; severity: string; attempts: number; message: string } };
}

/** A local webhook endpoint (Slack-style): records every POST and answers as told. */
export async function startWebhookReceiver(mode: ReceiverMode = { status: 200 }) {
  const received: ReceivedHook[] = [];
  let current = mode;
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedHook['body'],
      });
      if (current === 'drop') req.socket.destroy();
      else if (current === 'hang') hanging.push(res);
      else res.writeHead(current.status, { 'content-type': 'text/plain' }).end(current.status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    received,
    setMode(next: ReceiverMode) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
