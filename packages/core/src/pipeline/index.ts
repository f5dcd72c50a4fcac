export { runSearch, startSearch } from './run-search.js';
export { toPostingForMatch } from './evaluate-posting.js';
export { prepareCv, type PrepareCvOptions } from './prepare-cv.js';
export type * from './types.js';
// The dedup rules the pipeline runs on, for tools that apply or explain them.
export * from '../dedup/index.js';
