import type { BoardSelectors, DetailSelectors } from './board-selectors.js';
import { HtmlBoardSource, type HtmlBoardSourceOptions } from './html-board-source.js';
import { OSTJOB_CAPTCHA_TEXT, OSTJOB_CLASSES as C, OSTJOB_NO_RESULTS_TEXT } from './ostjob-markup.js';

export type HtmlBoardSourceOverrides = Partial<Omit<HtmlBoardSourceOptions, 'selectors'>> & {
  selectors?: Partial<Omit<BoardSelectors, 'detail'>> & { detail?: Partial<DetailSelectors> };
};

const OSTJOB_SELECTORS: BoardSelectors = {
  card: `.${C.card}`,
  title: `.${C.title}`,
  link: `a.${C.link}`,
  company: `.${C.company}`,
  location: `.${C.location}`,
  postingDate: `.${C.date}`,
  salaryRange: `.${C.workload}`,
  snippet: `.${C.snippet}`,
  detail: {
    title: `.${C.detailTitle}`,
    company: `.${C.detailCompany}`,
    location: `.${C.detailLocation}`,
    description: `.${C.detailDescription}`,
    skills: `.${C.detailSkills} li`,
    salaryRange: `.${C.detailWorkload}`,
    postingDate: `.${C.detailDate}`,
  },
  emptyMarker: { selector: `.${C.noResults}`, text: OSTJOB_NO_RESULTS_TEXT },
  blockPage: { selector: `.${C.captcha}`, text: OSTJOB_CAPTCHA_TEXT },
};

/**
 * Options for the legacy board, ostjob.ch: its results URL pattern and selectors for the
 * ostjob-style markup that the demo board serves. The live site's markup is not checked here;
 * if it differs, the source fails with a "selectors no longer match" error and the selectors
 * are overridden.
 */
export function ostjobPreset(overrides: HtmlBoardSourceOverrides = {}): HtmlBoardSourceOptions {
  const { selectors, ...rest } = overrides;
  return {
    name: 'ostjob',
    baseUrl: 'https://www.ostjob.ch',
    listUrlTemplate: '/job/suche-{term}-seite-{page}',
    ...rest,
    selectors: {
      ...OSTJOB_SELECTORS,
      ...selectors,
      detail: { ...OSTJOB_SELECTORS.detail, ...selectors?.detail },
    },
  };
}

/** The source that scrapes a demo board at `baseUrl` (see `startDemoBoard`). */
export function demoBoardSource(baseUrl: string, overrides: HtmlBoardSourceOverrides = {}): HtmlBoardSource {
  // The demo board runs on this machine: no need for the polite delay a real board deserves.
  return new HtmlBoardSource(ostjobPreset({ name: 'demo-board', delayMs: 0, ...overrides, baseUrl }));
}
