export {
  DEFAULT_JOB_URL_BASE,
  normalizeJobUrl,
  tryNormalizeJobUrl,
  type NormalizeJobUrlOptions,
} from './normalize-job-url.js';
