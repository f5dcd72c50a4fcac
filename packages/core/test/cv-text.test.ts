import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCvText, extractCvTextFromBytes } from '../src/cv/cv-text.js';
import { isJobSearchError, type JobSearchErrorCode } from '../src/errors.js';

/** A minimal one-page PDF whose page shows `lines` in Helvetica; no lines gives a page without text. */
function pdfWithText(lines: string[]): Buffer {
  const content = lines.map((line, i) => `BT /F1 12 Tf 72 ${720 - 16 * i} Td (${line}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

async function failure(promise: Promise<unknown>, code: JobSearchErrorCode): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isJobSearchError(error, code)) throw new Error(`expected ${code}, got ${String(error)}`);
  return error.message;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cv-text-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('extractCvText', () => {
  it('reads the text of a PDF file', async () => {
    const path = join(dir, 'cv.pdf');
    await writeFile(path, pdfWithText(['Jane Muster', 'Data Analyst in St. Gallen']));

    const text = await extractCvText(path);

    expect(text).toContain('Jane Muster');
    expect(text).toContain('Data Analyst in St. Gallen');
  });

  it('recognises a PDF by its header whatever the file is called', async () => {
    expect(await extractCvTextFromBytes(pdfWithText(['Jane Muster']), 'upload.bin')).toBe('Jane Muster');
  });

  it('leaves the caller’s bytes intact after parsing a PDF', async () => {
    const bytes = pdfWithText(['Jane Muster']);
    const copy = Buffer.from(bytes);
    await extractCvTextFromBytes(bytes, 'cv.pdf');
    expect(bytes.equals(copy)).toBe(true);
  });

  it('rejects a PDF without text, explaining why', async () => {
    const message = await failure(extractCvTextFromBytes(pdfWithText([]), 'scan.pdf'), 'INVALID_INPUT');
    expect(message).toMatch(/scan\.pdf has no extractable text.*OCR/);
  });

  it('rejects a broken PDF as invalid input', async () => {
    const message = await failure(
      extractCvTextFromBytes(Buffer.from('%PDF-1.4\nnot really'), 'broken.pdf'),
      'INVALID_INPUT',
    );
    expect(message).toMatch(/broken\.pdf.*not a readable PDF/);
  });

  it('strips Markdown markup and keeps the words', async () => {
    const markdown = [
      '---',
      'title: CV',
      '---',
      '# Jane Muster',
      '',
      '> Data analyst',
      '',
      '* **SQL** and _Python_',
      '+ [Portfolio](https://example.org/jane) ![photo](me.png)',
      '',
      '---',
      'Uses `dbt` daily.<br/> Mail: <jane@example.org>',
    ].join('\n');

    const text = await extractCvTextFromBytes(Buffer.from(markdown), 'cv.md');

    expect(text).toBe(
      'Jane Muster\n\nData analyst\n\n- SQL and Python\n- Portfolio photo\n\nUses dbt daily. Mail: <jane@example.org>',
    );
  });

  it('reads UTF-8 text and drops the byte order mark', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Jürg Müller\r\nZürich\r\n\r\n\r\n\r\nPython   \n'),
    ]);
    expect(await extractCvTextFromBytes(bytes, 'cv.txt')).toBe('Jürg Müller\nZürich\n\nPython');
  });

  it('reads a .txt file saved as Windows-1252', async () => {
    expect(await extractCvTextFromBytes(Buffer.from('Jürg aus Zürich', 'latin1'), 'cv.txt')).toBe('Jürg aus Zürich');
  });

  it('accepts clean UTF-8 under an unknown extension', async () => {
    expect(await extractCvTextFromBytes(Buffer.from('Jane Muster, analyst'), 'cv.cv')).toBe('Jane Muster, analyst');
  });

  it('rejects binary data under an unknown extension, naming the supported formats', async () => {
    const message = await failure(
      extractCvTextFromBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]), 'cv.docx'),
      'INVALID_INPUT',
    );
    expect(message).toMatch(
      /cv\.docx is not in a supported format: use PDF \(\.pdf\), Markdown \(\.md\) and plain text/,
    );
    expect(message).toMatch(/Export the document as PDF/);
  });

  it('rejects an empty text file', async () => {
    await failure(extractCvTextFromBytes(Buffer.from(' \n\t\n'), 'cv.txt'), 'INVALID_INPUT');
  });

  it('reports a missing file as an IO error naming the path', async () => {
    const path = join(dir, 'missing.pdf');
    const message = await failure(extractCvText(path), 'IO_ERROR');
    expect(message).toContain(path);
  });
});
