import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPage, pageFingerprint } from '../../src/dedup/page-guards.js';
import { startOfRun, type EarlyExitState } from '../../src/dedup/page-observation.js';

const urlsArb = fc.uniqueArray(fc.webUrl(), { minLength: 1, maxLength: 10 });
const stateArb: fc.Arbitrary<EarlyExitState> = fc.record({
  lastPage: fc.option(fc.string(), { nil: null }),
  allDuplicateStreak: fc.nat({ max: 5 }),
});

describe('page guards', () => {
  it('fails the run on a block page, naming the page, whatever the page holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.webUrl()), stateArb, (pageNumber, urls, state) => {
        const decision = checkPage({ pageNumber, status: 'blocked', urls }, state);
        expect(decision).toEqual({
          stop: true,
          reason: 'blocked',
          pageStatus: 'blocked',
          failure: `The job board answered page ${pageNumber} with a block page instead of results.`,
        });
      }),
    );
  });

  it('ends the results at a page without postings, whether the board says so or not', () => {
    const end = { stop: true, reason: 'end_of_results', pageStatus: 'empty' };
    expect(checkPage({ pageNumber: 3, status: 'empty', urls: [] }, startOfRun())).toEqual(end);
    expect(checkPage({ pageNumber: 3, status: 'ok', urls: [] }, startOfRun())).toEqual(end);
    expect(checkPage({ pageNumber: 3, status: 'empty', urls: ['https://x.ch/1'] }, startOfRun())).toEqual(end);
  });

  it('ends the run at a page identical to the previous one (a board clamping its page numbers)', () => {
    fc.assert(
      fc.property(urlsArb, stateArb, (urls, state) => {
        const first = checkPage({ pageNumber: 7, status: 'ok', urls }, state);
        if (first.stop) throw new Error('a new page must pass');
        const again = checkPage({ pageNumber: 8, status: 'ok', urls }, first.state);
        expect(again).toEqual({ stop: true, reason: 'repeated_page', pageStatus: 'repeated' });
      }),
    );
  });

  it('passes a page whose postings or order differ from the previous page, keeping the streak', () => {
    fc.assert(
      fc.property(urlsArb, urlsArb, stateArb, (previous, urls, state) => {
        fc.pre(pageFingerprint(previous) !== pageFingerprint(urls));
        const decision = checkPage(
          { pageNumber: 2, status: 'ok', urls },
          { ...state, lastPage: pageFingerprint(previous) },
        );
        expect(decision).toEqual({
          stop: false,
          state: { lastPage: pageFingerprint(urls), allDuplicateStreak: state.allDuplicateStreak },
        });
      }),
    );
    const reordered = checkPage(
      { pageNumber: 2, status: 'ok', urls: ['https://x.ch/2', 'https://x.ch/1'] },
      { lastPage: pageFingerprint(['https://x.ch/1', 'https://x.ch/2']), allDuplicateStreak: 0 },
    );
    expect(reordered.stop).toBe(false);
  });
});
