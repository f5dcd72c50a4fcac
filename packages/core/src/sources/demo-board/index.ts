// `@jobsearchai/core/demo-board`: the bundled demo job board, without the HTML scraper.
export {
  type DemoBoard,
  type DemoBoardFaults,
  type DemoBoardOptions,
  type DemoBoardStats,
  startDemoBoard,
} from './demo-board.js';
export { type DemoPosting, slugify } from './posting-generator.js';
// The board's word lists, for generators of realistic data elsewhere (the benchmarks' rows).
export { SKILLS as SKILLS_BY_ROLE_FAMILY } from './vocabulary.js';
