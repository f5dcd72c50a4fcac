/** The width a terminal summary is laid out for when the terminal does not say (a pipe, a log). */
export const DEFAULT_COLUMNS = 80;

/**
 * Breaks `text` at spaces so that no line is wider than `width`; continuation lines start with
 * `indent`. A single word wider than the line (a long path) stays whole.
 */
export function wrapLine(text: string, width: number, indent = ''): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  const lead = /^\s*/.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (candidate.length <= width || line.trim() === '') line = candidate;
    else {
      lines.push(line);
      line = `${indent}${word}`;
    }
  }
  lines.push(line);
  return lines;
}
