import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideEarlyExit, earlyExitAfter } from '../../src/dedup/early-exit.js';
import { checkPage } from '../../src/dedup/page-guards.js';
import { startOfRun, type DedupStopReason, type PageObservation } from '../../src/dedup/page-observation.js';

/** A page as a run sees it, with how many of its postings the dedup check found new. */
interface SeenPage extends PageObservation {
  fresh: number;
}

type RunOutcome = { stoppedAt: number; reason: DedupStopReason } | { stoppedAt: null };

/** The pipeline's order: guards, then (after the dedup check) the early-exit rule. */
function playRun(pages: readonly SeenPage[], afterPages: number): RunOutcome {
  let state = startOfRun();
  for (const [index, page] of pages.entries()) {
    const guard = checkPage(page, state);
    if (guard.stop) return { stoppedAt: index, reason: guard.reason };
    const decision = decideEarlyExit(guard.state, { found: page.urls.length, fresh: page.fresh }, afterPages);
    if (decision.stop) return { stoppedAt: index, reason: decision.reason };
    state = decision.state;
  }
  return { stoppedAt: null };
}

// A small pool of URLs so that pages often repeat, as a clamping board's do.
const urlsArb = fc.uniqueArray(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'), { maxLength: 4 });
const statusArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant('ok' as const) },
  { weight: 1, arbitrary: fc.constant('empty' as const) },
  { weight: 1, arbitrary: fc.constant('blocked' as const) },
);
const pageArb = fc
  .tuple(statusArb, urlsArb)
  .chain(([status, urls]) => fc.integer({ min: 0, max: urls.length }).map((fresh) => ({ status, urls, fresh })));
const runArb = fc
  .array(pageArb, { maxLength: 12 })
  .map((pages) => pages.map((page, i) => ({ ...page, pageNumber: i + 1 })));
const afterPagesArb = fc.integer({ min: 1, max: 4 });

const allDuplicates = (page: SeenPage) => page.urls.length > 0 && page.fresh === 0;
const sameUrls = (a: SeenPage, b: SeenPage) => a.urls.join('\n') === b.urls.join('\n');

describe('early exit', () => {
  it('stops at the first page with postings and none new (the legacy rule, K = 1)', () => {
    const pages: SeenPage[] = [
      { pageNumber: 1, status: 'ok', urls: ['a', 'b'], fresh: 2 },
      { pageNumber: 2, status: 'ok', urls: ['c', 'd'], fresh: 1 },
      { pageNumber: 3, status: 'ok', urls: ['e', 'f'], fresh: 0 },
      { pageNumber: 4, status: 'ok', urls: ['g', 'h'], fresh: 2 },
    ];
    expect(playRun(pages, 1)).toEqual({ stoppedAt: 2, reason: 'early_exit' });
  });

  it('waits for K all-duplicate pages in a row, so an unsorted listing can show new postings after one', () => {
    const pages: SeenPage[] = [
      { pageNumber: 1, status: 'ok', urls: ['a', 'b'], fresh: 0 },
      { pageNumber: 2, status: 'ok', urls: ['c', 'd'], fresh: 1 },
      { pageNumber: 3, status: 'ok', urls: ['e', 'f'], fresh: 0 },
      { pageNumber: 4, status: 'ok', urls: ['g', 'h'], fresh: 0 },
    ];
    expect(playRun(pages, 2)).toEqual({ stoppedAt: 3, reason: 'early_exit' });
    expect(playRun(pages, 3)).toEqual({ stoppedAt: null });
  });

  it('reports how many all-duplicate pages ended the run', () => {
    const twice = decideEarlyExit({ lastPage: 'x', allDuplicateStreak: 1 }, { found: 3, fresh: 0 }, 2);
    expect(twice).toEqual({ stop: true, reason: 'early_exit', allDuplicatePages: 2 });
  });

  it('reads a threshold below 1, or none, as the legacy rule', () => {
    expect(earlyExitAfter(undefined)).toBe(1);
    expect(earlyExitAfter(0)).toBe(1);
    expect(earlyExitAfter(-3)).toBe(1);
    expect(earlyExitAfter(3)).toBe(3);
  });

  it('stops exactly at the first page that meets a stop condition, for any run and threshold', () => {
    fc.assert(
      fc.property(runArb, afterPagesArb, (pages, afterPages) => {
        const outcome = playRun(pages, afterPages);
        const end = outcome.stoppedAt ?? pages.length;
        // Every page before the stop is a fresh list of postings that did not end a K-streak.
        let streak = 0;
        for (let i = 0; i < end; i++) {
          const page = pages[i]!;
          expect(page.status).toBe('ok');
          expect(page.urls.length).toBeGreaterThan(0);
          if (i > 0) expect(sameUrls(page, pages[i - 1]!)).toBe(false);
          streak = allDuplicates(page) ? streak + 1 : 0;
          expect(streak).toBeLessThan(afterPages);
        }
        if (outcome.stoppedAt === null) return;
        const page = pages[outcome.stoppedAt]!;
        const reason = (() => {
          if (page.status === 'blocked') return 'blocked';
          if (page.status === 'empty' || page.urls.length === 0) return 'end_of_results';
          if (outcome.stoppedAt > 0 && sameUrls(page, pages[outcome.stoppedAt - 1]!)) return 'repeated_page';
          return 'early_exit';
        })();
        expect(outcome.reason).toBe(reason);
        if (reason === 'early_exit') {
          expect(allDuplicates(page)).toBe(true);
          expect(streak + 1).toBe(afterPages);
        }
      }),
    );
  });

  it('never exits early at a page with a new posting', () => {
    fc.assert(
      fc.property(runArb, afterPagesArb, (pages, afterPages) => {
        const outcome = playRun(pages, afterPages);
        if (outcome.stoppedAt !== null && outcome.reason === 'early_exit') {
          expect(pages[outcome.stoppedAt]!.fresh).toBe(0);
        }
      }),
    );
  });

  it('runs to the page limit while every page has something new and differs from the one before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), afterPagesArb, (count, afterPages) => {
        const pages: SeenPage[] = Array.from({ length: count }, (_, i) => ({
          pageNumber: i + 1,
          status: 'ok',
          urls: [`p${i}-a`, `p${i}-b`],
          fresh: 1,
        }));
        expect(playRun(pages, afterPages)).toEqual({ stoppedAt: null });
      }),
    );
  });

  it('never reads a block page or a repeated page as duplicates, whatever the threshold', () => {
    fc.assert(
      fc.property(runArb, urlsArb, afterPagesArb, (prefix, urls, afterPages) => {
        const pages = [...prefix, { pageNumber: prefix.length + 1, status: 'blocked' as const, urls, fresh: 0 }];
        const outcome = playRun(pages, afterPages);
        expect(outcome.stoppedAt).not.toBeNull();
        if (outcome.stoppedAt === prefix.length) expect(outcome).toMatchObject({ reason: 'blocked' });

        const last = prefix.at(-1);
        if (!last) return;
        const repeated = [...prefix, { ...last, pageNumber: prefix.length + 1 }];
        const repeatOutcome = playRun(repeated, afterPages);
        expect(repeatOutcome.stoppedAt).not.toBeNull();
        // Reaching the copy means the original passed every rule: the copy is a clamped page.
        if (repeatOutcome.stoppedAt === prefix.length) expect(repeatOutcome).toMatchObject({ reason: 'repeated_page' });
      }),
    );
  });
});
