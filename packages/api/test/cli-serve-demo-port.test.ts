import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from './helpers/built-cli.js';

/** An HTTP server on a free loopback port that is not a demo board (it answers 404 to everything). */
async function otherProgram(): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(404).end('not here'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as AddressInfo).port, server };
}

describe("jobsearch-api serve --demo: the demo board's port (built CLI, real process)", () => {
  let cli: Awaited<ReturnType<typeof buildCli>>;
  let dir: string;
  beforeAll(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'jobsearch-demo-port-'));
  });
  afterAll(() => {
    cli?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says in --help that --demo binds a second port, 3001 by default, and how to choose it', async () => {
    const help = runCli(cli.path, ['serve', '--help'], {}, dir);
    expect((await help.exited).code).toBe(0);
    const text = help.stdout().replace(/\s+/g, ' ');
    expect(text).toMatch(/--demo .*demo job board on a second port, 127\.0\.0\.1:3001 unless --demo-port/);
    expect(text).toMatch(
      /--demo-port <port> the demo job board's port with --demo \(env DEMO_BOARD_PORT, default 3001\)/,
    );
  });

  it('exits 2 with one line when another program holds the demo port, and serves on a --demo-port that is free', async () => {
    const other = await otherProgram();
    try {
      const taken = runCli(
        cli.path,
        ['serve', '--demo', '--port', '0', '--demo-port', String(other.port), '--db', `file:${join(dir, 'taken.db')}`],
        { RATE_LIMIT: '0' },
        dir,
      );
      expect((await taken.exited).code).toBe(2);
      expect(taken.stderr().trimEnd().split('\n')).toEqual([
        `jobsearch-api: The demo job board's port ${other.port} is taken by something that is not a JobSearchAI demo board: stop it, or choose another port with \`serve --demo-port <port>\` or DEMO_BOARD_PORT.`,
      ]);
    } finally {
      await new Promise((resolve) => other.server.close(resolve));
    }

    // The port is free now: the board starts there and serves its listings.
    const served = runCli(
      cli.path,
      ['serve', '--demo', '--port', '0', '--demo-port', String(other.port), '--db', `file:${join(dir, 'free.db')}`],
      { RATE_LIMIT: '0' },
      dir,
    );
    try {
      await served.waitFor(new RegExp(`Demo job board at http://127\\.0\\.0\\.1:${other.port}`), 'stderr');
      await served.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
      const listing = await fetch(`http://127.0.0.1:${other.port}/job/suche-IT-seite-1`);
      expect(listing.status).toBe(200);
      expect(listing.headers.get('content-type')).toMatch(/^text\/html/);
    } finally {
      served.child.kill('SIGTERM');
      expect((await served.exited).code).toBe(0);
    }
  }, 60_000);

  it('refuses the same port for the API and the demo board, and a demo port that is not a port, with exit 2', async () => {
    const same = runCli(
      cli.path,
      ['serve', '--demo', '--port', '4555', '--demo-port', '4555', '--db', `file:${join(dir, 'same.db')}`],
      {},
      dir,
    );
    expect((await same.exited).code).toBe(2);
    expect(same.stderr().trimEnd().split('\n')).toEqual([
      'jobsearch-api: The API and the demo job board cannot share port 4555: give one of them another port (--port, --demo-port).',
    ]);
    const bad = runCli(cli.path, ['serve', '--demo', '--demo-port', '70000'], {}, dir);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toMatch(
      /option '--demo-port <port>' argument '70000' is invalid\. Expected a whole number from 0 to 65535\./,
    );
  });
});
