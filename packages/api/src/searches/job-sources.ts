import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage, JobSearchError } from '@jobsearchai/core';
import { startDemoBoard, type DemoBoard } from '@jobsearchai/core/demo-board';
import {
  demoBoardSource,
  HtmlBoardSource,
  ostjobPreset,
  type HtmlBoardSourceOptions,
  type JobSource,
} from '@jobsearchai/core/sources';
import { z } from 'zod';
import type { SearchSourceName } from '../config.js';

/** The demo board is local: a short gap keeps runs quick while still exercising the throttle. */
const DEMO_DELAY_MS = 20;

/** Hands out a job source by name. */
export interface SourceResolver {
  get(name: string): Promise<JobSource>;
  /** Releases what the sources hold (a demo board this process started). */
  close?(): Promise<void>;
}

export interface DemoBoardHandle {
  url: string;
  /** Set when this process runs the board; undefined when another JobSearchAI process does. */
  board: DemoBoard | undefined;
}

/**
 * Starts the demo board on `port`, or joins the one another process (the API, a cron search)
 * already runs there. A fixed port keeps posting URLs — and so the dedup keys — the same from
 * one run to the next; port 0 gives a private board on a free port (tests).
 */
export async function startOrJoinDemoBoard(port: number): Promise<DemoBoardHandle> {
  const choose = 'choose another port with `serve --demo-port <port>` or DEMO_BOARD_PORT';
  try {
    const board = await startDemoBoard({ port });
    return { url: board.url, board };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') {
      throw new JobSearchError(
        'INVALID_INPUT',
        `The demo job board may not listen on port ${port} (ports below 1024 need privileges): ${choose}.`,
        { cause: error },
      );
    }
    if (code !== 'EADDRINUSE') throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  try {
    const probe = await fetch(`${url}/job/suche-IT-seite-1`, { signal: AbortSignal.timeout(2_000) });
    await probe.body?.cancel();
    if (probe.ok && (probe.headers.get('content-type') ?? '').startsWith('text/html')) return { url, board: undefined };
  } catch {
    // not a web server at all: reported below
  }
  throw new JobSearchError(
    'INVALID_INPUT',
    `The demo job board's port ${port} is taken by something that is not a JobSearchAI demo board: stop it, or ${choose}.`,
  );
}

/**
 * The job sources searches can use. The demo board is started on first use (or joined, or
 * handed in by `serve --demo`) and shared by every demo run of this process.
 */
export class JobSources implements SourceResolver {
  #demo: Promise<DemoBoardHandle> | undefined;
  readonly #port: number;

  constructor(options: { demoBoard?: DemoBoardHandle; demoBoardPort?: number } = {}) {
    this.#demo = options.demoBoard ? Promise.resolve({ ...options.demoBoard, board: undefined }) : undefined;
    this.#port = options.demoBoardPort ?? 0;
  }

  async get(name: SearchSourceName | (string & {})): Promise<JobSource> {
    if (name === 'ostjob') return new HtmlBoardSource(ostjobPreset());
    if (name === 'demo') return demoBoardSource((await this.demoBoard()).url, { delayMs: DEMO_DELAY_MS });
    throw new JobSearchError('INVALID_INPUT', `Unknown job source "${name}": use demo or ostjob.`);
  }

  demoBoard(): Promise<DemoBoardHandle> {
    this.#demo ??= startOrJoinDemoBoard(this.#port).catch((error: unknown) => {
      this.#demo = undefined;
      throw error;
    });
    return this.#demo;
  }

  /** Stops a demo board this object started (one handed in belongs to whoever started it). */
  async close(): Promise<void> {
    const demo = await this.#demo?.catch(() => undefined);
    this.#demo = undefined;
    await demo?.board?.close();
  }
}

const SelectorSchema = z.string().trim().min(1);

/** A board described in a JSON file for `search --source <file>`; `preset: "ostjob"` fills the rest. */
const SourceFileSchema = z.union([
  z.looseObject({
    preset: z.literal('ostjob'),
  }),
  z.looseObject({
    name: z.string().trim().min(1),
    baseUrl: z.url(),
    listUrlTemplate: z.string().includes('{term}').includes('{page}'),
    selectors: z.looseObject({
      card: SelectorSchema,
      title: SelectorSchema,
      link: SelectorSchema,
      detail: z.looseObject({ description: SelectorSchema }),
    }),
  }),
]);

export async function sourceFromFile(path: string, cwd: string): Promise<JobSource> {
  const file = resolve(cwd, path);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `Cannot read the source configuration ${file}: ${errorMessage(cause)}. Give demo, ostjob or a JSON file describing the board.`,
      { cause },
    );
  }
  const parsed = SourceFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `${file} does not describe a job board: give "preset": "ostjob" (with optional overrides), or name, baseUrl, listUrlTemplate (with {term} and {page}) and selectors (card, title, link, detail.description).`,
    );
  }
  const { preset, ...rest } = parsed.data as Record<string, unknown> & { preset?: string };
  const options = (preset === 'ostjob' ? ostjobPreset(rest) : rest) as unknown as HtmlBoardSourceOptions;
  return new HtmlBoardSource(options);
}
