// `@jobsearchai/core/demo-board`: the bundled demo job board, without the HTML scraper.
export {
  type DemoBoard,
  type DemoBoardFaults,
  type DemoBoardOptions,
  type DemoBoardStats,
  startDemoBoard,
} from './demo-board.js';
export type { DemoPosting } from './posting-generator.js';
