export { discoverLegacyJobDataFiles, discoverLegacyMatchFiles } from './discover-legacy-files.js';
export type {
  LegacyFileReadResult,
  LegacyJobPosting,
  LegacyMatchRecord,
  LegacyRejectedRecord,
} from './legacy-match-types.js';
export { parseLegacyJobDataJson, readLegacyJobDataFile } from './read-legacy-job-data.js';
export { parseLegacyMatchJson, readLegacyMatchFile } from './read-legacy-json.js';
export { type LegacyFileText, readLegacyFileText } from './read-legacy-file-text.js';
