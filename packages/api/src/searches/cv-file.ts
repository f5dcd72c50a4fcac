import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { JobSearchError } from '@jobsearchai/core';

const MAX_CV_BYTES = 20 * 1024 * 1024;

/**
 * The CV file a client names for a run, which must lie inside the server's CV directory (after
 * following links): the API never reads arbitrary files. Messages do not reveal server paths.
 */
export async function resolveCvFile(cvDir: string, requested: string): Promise<string> {
  let dir: string;
  try {
    dir = await realpath(cvDir);
  } catch {
    throw new JobSearchError(
      'INVALID_INPUT',
      'cv_path cannot be used: the server has no CV directory (CV_DIR). Register the CV with the CLI and pass cv_key instead.',
    );
  }
  let file: string;
  try {
    file = await realpath(isAbsolute(requested) ? requested : resolve(dir, requested));
  } catch {
    throw new JobSearchError('INVALID_INPUT', `cv_path "${requested}" does not exist in the server's CV directory.`);
  }
  if (!file.startsWith(dir + sep)) {
    throw new JobSearchError(
      'INVALID_INPUT',
      `cv_path "${requested}" is outside the server's CV directory; only files in CV_DIR can be used.`,
    );
  }
  const info = await stat(file);
  if (!info.isFile()) throw new JobSearchError('INVALID_INPUT', `cv_path "${requested}" is not a file.`);
  if (info.size > MAX_CV_BYTES)
    throw new JobSearchError('INVALID_INPUT', `cv_path "${requested}" is larger than 20 MB; that is not a CV.`);
  return file;
}
