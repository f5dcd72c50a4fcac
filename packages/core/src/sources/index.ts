export type {
  FetchOptions,
  JobPostingDetails,
  JobPostingSummary,
  JobSource,
  ResultsPage,
  ResultsPageStatus,
} from './types.js';
export type { BoardSelectors, DetailSelectors, PageMarker } from './board-selectors.js';
export { HtmlBoardSource, type HtmlBoardSourceOptions } from './html-board-source.js';
export { demoBoardSource, ostjobPreset, type HtmlBoardSourceOverrides } from './ostjob-preset.js';
export {
  startDemoBoard,
  type DemoBoard,
  type DemoBoardFaults,
  type DemoBoardOptions,
  type DemoBoardStats,
} from './demo-board/demo-board.js';
export type { DemoPosting } from './demo-board/posting-generator.js';
