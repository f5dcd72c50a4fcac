/**
 * Word-level text handling for the heuristic matcher. Postings on Swiss boards are mostly German,
 * CVs German or English, so both languages' function words are ignored.
 */

// Keeps technology names whole: c++, c#, node.js, ci/cd, sap-hana.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}+#]*(?:[./-][\p{L}\p{N}+#]+)*/gu;

const STOPWORDS = new Set(
  // English
  (
    'a about above after all also an and any are as at be been being both but by can could do does for from has have he her his how i ' +
    'if in into is it its me more most my no not of on or our ours over own per she should so some such than that the their them then ' +
    'there these they this those through to too under up us very was we were what when where which while who whom why will with would ' +
    'you your yours ' +
    // German
    'aber als am an auch auf aus bei bin bis bist da damit dann das dass dein deine dem den der des dich die dir doch du durch ein eine ' +
    'einem einen einer eines er es euch euer fur hat hatte hier ich ihr ihre ihm ihn im in ist ja jede jeder jedes kann kein keine mich ' +
    'mir mit muss nach nicht noch nur ob oder ohne sehr sein seine sich sie sind so sowie uber um und uns unser unsere unter vom von vor ' +
    'war waren was weil wenn wer werden wie wir wird wo zu zum zur ' +
    // Words every posting and CV uses, which say nothing about fit
    'job jobs stelle position role team teams work working arbeit arbeiten experience erfahrung erfahrungen years jahre jahren ' +
    'kenntnisse knowledge skills profile profil aufgaben tasks bieten offer offers suchen sucht looking seeking gute good sehr strong ' +
    'new neue neuen ab sofort per bereich'
  ).split(' '),
);

/** Lower case without diacritics, so Zürich, Zurich and ZÜRICH compare equal. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokens(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

// Gender markers of German job titles: m/w/d, w/m/d, m/f.
const GENDER_MARKER = /^[mwfd](?:\/[mwfd])+$/;

/** Tokens worth comparing: no function words, numbers, gender markers or single letters (except the languages C and R). */
export function contentTokens(text: string): string[] {
  return tokens(text).filter(
    (t) => !STOPWORDS.has(t) && /\p{L}/u.test(t) && !GENDER_MARKER.test(t) && (t.length > 1 || t === 'c' || t === 'r'),
  );
}

/** A CV's words in order, for whole-phrase lookups such as "power bi" or "project management". */
export class TokenText {
  private readonly joined: string;
  readonly set: ReadonlySet<string>;

  constructor(text: string) {
    const all = tokens(text);
    this.joined = ` ${all.join(' ')} `;
    this.set = new Set(all);
  }

  hasPhrase(phrase: string): boolean {
    const words = tokens(phrase);
    return words.length > 0 && this.joined.includes(` ${words.join(' ')} `);
  }
}

/** The posting's most frequent content words; title words weigh more. Ties break alphabetically for determinism. */
export function keywords(title: string, description: string, limit: number): string[] {
  const weight = new Map<string, number>();
  for (const t of contentTokens(title)) weight.set(t, (weight.get(t) ?? 0) + 3);
  for (const t of contentTokens(description)) {
    if (t.length >= 3 || /[+#]/.test(t)) weight.set(t, (weight.get(t) ?? 0) + 1);
  }
  return [...weight.entries()]
    .sort(([a, wa], [b, wb]) => wb - wa || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([t]) => t);
}
