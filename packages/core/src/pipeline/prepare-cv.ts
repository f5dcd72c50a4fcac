import { basename, resolve } from 'node:path';
import { cvKeyOfBytes, readCvBytes, sha256Hex } from '../cv/cv-key.js';
import { extractCvTextFromBytes } from '../cv/cv-text.js';
import type { CvForMatch, Matcher, MatchOptions } from '../matchers/types.js';
import type { Store } from '../store/store.js';

export interface PrepareCvOptions extends MatchOptions {
  path: string;
  matcher: Matcher;
}

/**
 * Turns a CV file into what the matchers need, doing the costly parts once per cv_key: the text
 * is extracted once and the summary is made once per summariser (a summary written by the
 * offline matcher is replaced the first time an LLM matcher sees the CV).
 */
export async function prepareCv(store: Store, options: PrepareCvOptions): Promise<CvForMatch> {
  const path = resolve(options.path);
  const bytes = await readCvBytes(path);
  const cvKey = cvKeyOfBytes(bytes);
  const known = await store.getCvText(cvKey);
  const text = known?.text ?? (await extractCvTextFromBytes(bytes, basename(path)));
  const summariser = options.matcher.model ?? options.matcher.name;
  const storedBy = (known?.metadata as { summaryBy?: unknown } | null | undefined)?.summaryBy ?? null;
  let summary = known?.summary ?? null;
  if (!summary || storedBy !== summariser) {
    const result = await options.matcher.summarizeCv(text, options.signal ? { signal: options.signal } : {});
    summary = result.summary;
    for (const call of result.calls) {
      await store.recordLlmUsage({ ...call, cvKey, runId: null });
    }
  }
  await store.upsertCvVersion({
    cvKey,
    fileName: basename(path),
    filePath: path,
    fileHash: sha256Hex(bytes),
    extractedText: text,
    summary,
    metadata: { summaryBy: summariser, characters: text.length },
  });
  return { cvKey, text, summary };
}
