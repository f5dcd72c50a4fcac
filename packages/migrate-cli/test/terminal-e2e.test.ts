import { spawn } from 'node:child_process';
import { openStore } from '@jobsearchai/core/store';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInstallation, legacyRecord, type Installation } from './helpers/installation.js';
import { assertBuiltCli, CLI, cliEnv, runCli } from './helpers/run-cli.js';

vi.setConfig({ testTimeout: 240_000 });

beforeAll(() => {
  assertBuiltCli();
});

/** Longer than any step takes even on a busy machine: a guard that turns a hang into a readable failure. */
const STALL_MS = 120_000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the terminal's escape sequences, which start with ESC.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r/g;

/**
 * The built CLI in a real pseudo-terminal (`script` from util-linux), answered the way a person
 * would: each answer is typed once its question is on the screen.
 */
function inTerminal(command: string, cwd: string) {
  // A wide terminal, so that no question wraps in the middle of what the test looks for.
  const child = spawn('script', ['-qfec', `stty cols 250 rows 50; exec ${command}`, '/dev/null'], {
    cwd,
    env: cliEnv({ TERM: 'xterm' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let waiting: { pattern: RegExp; from: number; resolve: () => void } | null = null;
  const check = () => {
    if (waiting?.pattern.test(screen.slice(waiting.from))) {
      const { resolve } = waiting;
      waiting = null;
      resolve();
    }
  };
  child.stdout.on('data', (chunk) => {
    screen += String(chunk).replace(ANSI, '');
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let read = 0;
  return {
    /** Resolves when `pattern` appears in output not seen by an earlier wait; fails, showing the screen, if the CLI exits or stalls first. */
    async waitFor(pattern: RegExp): Promise<void> {
      const from = read;
      let stalled: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((_, reject) => {
          stalled = setTimeout(() => reject(new Error(`no ${pattern} within ${STALL_MS} ms:\n${screen}`)), STALL_MS);
        }),
        new Promise<void>((resolve) => {
          waiting = { pattern, from, resolve };
          check();
        }),
        exited.then((code) => {
          if (waiting) throw new Error(`the CLI exited (${code}) before showing ${pattern}:\n${screen}`);
        }),
      ]).finally(() => clearTimeout(stalled));
      read = screen.length;
    },
    type(text: string) {
      child.stdin.write(text);
    },
    async exit(): Promise<{ code: number | null; screen: string }> {
      const code = await exited;
      return { code, screen };
    },
  };
}

describe('jobsearch-migrate in a terminal', () => {
  let install: Installation;
  beforeEach(async () => {
    install = await createInstallation('sqlite');
    expect((await runCli(['init', '--db', install.db], { cwd: install.dir })).code).toBe(0);
    await install.writeMatches('job_matches_20250101_080000.json', [legacyRecord(1), legacyRecord(2), legacyRecord(3)]);
    await install.writeMatches('job_matches_20250102_080000.json', [legacyRecord(4)]);
    await install.write('process_cv/cv-data/input/Lebenslauf.pdf', 'Lebenslauf Muster');
  });
  afterEach(async () => {
    await install.cleanup();
  });

  it("asks for each file, offers the CV from cv_path, then the previous file's answers on Enter, confirms and draws a progress bar", async () => {
    const term = inTerminal(`"${process.execPath}" "${CLI}" migrate --db "${install.db}"`, install.dir);
    await term.waitFor(/job_matches_20250101_080000\.json \(3 records\): search term/);
    term.type('IT\r');
    await term.waitFor(/CV file \(path\), or its cv_key \(.*process_cv\/cv-data\/input\/Lebenslauf\.pdf\)/);
    term.type('\r');
    await term.waitFor(/Same as the previous file \(search term IT, CV Lebenslauf\.pdf\)/);
    term.type('\r');
    await term.waitFor(/Import 2 file\(s\) into .*\? A backup is taken first\./);
    term.type('y\r');
    const { code, screen } = await term.exit();

    expect(code).toBe(0);
    expect(screen).toMatch(/Backup: .*jobsearchai_backup_\d{8}_\d{6}\.db/);
    expect(screen).toMatch(/2\/2 files \| 4 records/); // the progress bar's last state
    const store = await openStore({ url: install.db, create: false });
    expect(await store.tableCounts()).toMatchObject({ jobMatches: 4, cvVersions: 1, legacyImports: 2 });
    expect((await store.listLegacyImports()).map((row) => row.searchTerm)).toEqual(['IT', 'IT']);
    await store.close();
  });
});
