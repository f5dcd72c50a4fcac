import { describe, expect, it } from 'vitest';
import type { MatchListItem } from '@jobsearchai/api/contract';
import { csvCell, csvFileName, MATCH_CSV_HEADER, matchesToCsv, toCsv } from '../src/lib/csv';

/** Splits RFC 4180 text back into rows, as a spreadsheet program would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

function match(overrides: Partial<MatchListItem> = {}): MatchListItem {
  return {
    id: 7,
    jobUrl: 'https://www.ostjob.ch/job/data-engineer/1034904',
    searchTerm: 'IT',
    cvKey: 'a1b2c3d4e5f60718',
    jobTitle: 'Data Engineer',
    companyName: 'Acme AG',
    location: '9000 St. Gallen',
    postingDate: '01.11.2026',
    salaryRange: '80-100%',
    overallMatch: 8,
    skillsMatch: 8,
    experienceMatch: 7,
    educationFit: 9,
    careerTrajectoryAlignment: 7,
    preferenceMatch: 8,
    potentialSatisfaction: 8,
    locationCompatibility: 'Yes',
    evaluationStatus: 'evaluated',
    matcher: 'heuristic',
    model: 'heuristic-v1',
    runId: 1,
    source: 'demo-board',
    scrapedAt: '2026-11-25T10:00:00.000Z',
    matchedAt: '2026-11-25 10:00:05',
    updatedAt: null,
    searchTerms: ['IT', 'Informatik'],
    evaluationCount: 2,
    bestScore: 8,
    applicationStatus: 'APPLIED',
    ...overrides,
  };
}

describe('csvCell', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvCell('St. Gallen')).toBe('St. Gallen');
    expect(csvCell(8)).toBe('8');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes and line breaks and doubles the quotes', () => {
    expect(csvCell('Müller, Meier & Co')).toBe('"Müller, Meier & Co"');
    expect(csvCell('the "best" job')).toBe('"the ""best"" job"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+41 71 000')).toBe("'+41 71 000");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    // Numbers are data, not formulas.
    expect(csvCell(-1)).toBe('-1');
  });
});

describe('toCsv', () => {
  it('writes a BOM, CRLF rows and a final line break, and round-trips through a CSV parser', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['x, y', 'he said "hi"'],
        ['multi\nline', 3],
      ],
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\nline', '3'],
    ]);
  });
});

describe('matchesToCsv', () => {
  it('writes one row per posting with the list columns, umlauts and all', () => {
    const rows = parseCsv(
      matchesToCsv([
        match(),
        match({
          id: 8,
          jobTitle: 'Entwickler:in, "Backend"',
          companyName: 'Zürcher Kantonalbank',
          overallMatch: null,
          bestScore: null,
          evaluationStatus: 'failed',
          applicationStatus: 'MATCHED',
          searchTerms: ['=cmd'],
          salaryRange: '-100%',
        }),
      ]).slice(1),
    );
    expect(rows[0]).toEqual([...MATCH_CSV_HEADER]);
    expect(rows[1]).toEqual([
      '7',
      'evaluated',
      'APPLIED',
      'Data Engineer',
      'Acme AG',
      '9000 St. Gallen',
      '8',
      '8',
      'IT; Informatik',
      '2',
      'a1b2c3d4e5f60718',
      '01.11.2026',
      '80-100%',
      '2026-11-25 10:00',
      'https://www.ostjob.ch/job/data-engineer/1034904',
    ]);
    expect(rows[2]!.slice(0, 9)).toEqual([
      '8',
      'failed',
      'MATCHED',
      'Entwickler:in, "Backend"',
      'Zürcher Kantonalbank',
      '9000 St. Gallen',
      '',
      '',
      // Scraped text in the new columns is defused like every other cell.
      "'=cmd",
    ]);
    expect(rows[2]![12]).toBe("'-100%");
  });

  it('writes the header alone for an empty view', () => {
    expect(parseCsv(matchesToCsv([]).slice(1))).toEqual([[...MATCH_CSV_HEADER]]);
  });
});

describe('csvFileName', () => {
  it('names the file after the search term and the day', () => {
    const day = new Date('2026-11-25T12:00:00Z');
    expect(csvFileName('IT', day)).toBe('matches-IT-2026-11-25.csv');
    expect(csvFileName('', day)).toBe('matches-2026-11-25.csv');
    expect(csvFileName('IT typ/fest ../x', day)).toBe('matches-IT-typ-fest-x-2026-11-25.csv');
  });
});
