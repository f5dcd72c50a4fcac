import { extname } from 'node:path';
import { PasswordException, PDFParse } from 'pdf-parse';
import { JobSearchError, errorMessage } from '../errors.js';
import { readCvBytes } from './cv-key.js';

const SUPPORTED = 'PDF (.pdf), Markdown (.md) and plain text (.txt, UTF-8)';

/** The text of a CV file, for summarising and matching. Errors name the path. */
export async function extractCvText(path: string): Promise<string> {
  return extractCvTextFromBytes(await readCvBytes(path), path);
}

/** `fileName` decides the format by its extension and names the file in error messages. */
export async function extractCvTextFromBytes(bytes: Uint8Array, fileName: string): Promise<string> {
  const ext = extname(fileName).toLowerCase();
  const text =
    ext === '.pdf' || isPdf(bytes)
      ? await pdfText(bytes, fileName)
      : ext === '.md' || ext === '.markdown'
        ? stripMarkdown(decodeText(bytes, fileName, true))
        : decodeText(bytes, fileName, ext === '.txt' || ext === '.text');
  const tidy = tidyText(text);
  if (tidy === '') {
    throw new JobSearchError(
      'INVALID_INPUT',
      `The CV ${fileName} has no extractable text${ext === '.pdf' || isPdf(bytes) ? ' (a scanned PDF holds only images: run it through OCR or export the CV as text)' : ''}. Use a CV that contains text.`,
    );
  }
  return tidy;
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

async function pdfText(bytes: Uint8Array, fileName: string): Promise<string> {
  // pdf.js takes ownership of the buffer it is given; a copy leaves the caller's bytes intact.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    // No page markers: they would make a PDF without text look as if it had some.
    return (await parser.getText({ pageJoiner: '' })).text;
  } catch (cause) {
    const reason =
      cause instanceof PasswordException
        ? 'it is password-protected; export it without a password'
        : `it is not a readable PDF (${errorMessage(cause)}); re-export it or use ${SUPPORTED}`;
    throw new JobSearchError('INVALID_INPUT', `Cannot read the CV ${fileName}: ${reason}.`, { cause });
  } finally {
    await parser.destroy();
  }
}

/**
 * Known text files that are not valid UTF-8 are read as Windows-1252, which is what Swiss Windows
 * editors save; files of unknown type must be clean UTF-8 or they are most likely binary.
 */
function decodeText(bytes: Uint8Array, fileName: string, knownText: boolean): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!text.includes('\u0000')) return text;
  } catch {
    // not UTF-8: handled below
  }
  if (knownText && !bytes.includes(0)) return new TextDecoder('windows-1252').decode(bytes);
  const hint = ['.doc', '.docx', '.odt', '.rtf', '.pages'].includes(extname(fileName).toLowerCase())
    ? ' Export the document as PDF first.'
    : '';
  throw new JobSearchError(
    'INVALID_INPUT',
    `The CV ${fileName} is not in a supported format: use ${SUPPORTED}.${hint}`,
  );
}

/** Removes the markup that would otherwise end up as noise in the prompt, keeping the words. */
function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '') // front matter
    .replace(/^[ \t]*(```|~~~).*$/gm, '') // code fences (the code stays)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?[a-z][\w-]*(\s[^>\n]*)?\/?>/gi, '') // HTML tags, not autolinks such as <jane@example.org>
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links: link text
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '') // headings
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '') // block quotes
    .replace(/^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$/gm, '') // horizontal rules
    .replace(/^([ \t]*)[*+][ \t]+/gm, '$1- ') // bullets
    .replace(/(\*\*|__)(.+?)\1/g, '$2') // bold
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2') // italics
    .replace(/`([^`]+)`/g, '$1');
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
