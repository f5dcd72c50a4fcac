import { OSTJOB_CAPTCHA_TEXT, OSTJOB_CLASSES, OSTJOB_NO_RESULTS_TEXT, type OstjobClass } from '../ostjob-markup.js';
import type { DemoPosting } from './posting-generator.js';

/** Maps a markup role to the class the page uses; the "changed markup" fault renames them all. */
export type ClassNames = (name: OstjobClass) => string;

export const standardClasses: ClassNames = (name) => OSTJOB_CLASSES[name];
export const renamedClasses: ClassNames = (name) => `v2-${OSTJOB_CLASSES[name].replace(/^job-/, 'posting-')}`;

export interface ResultsPageView {
  term: string;
  page: number;
  lastPage: number;
  total: number;
  postings: DemoPosting[];
  listUrl: (term: string, page: number) => string;
}

export function renderResultsPage(view: ResultsPageView, cls: ClassNames): string {
  const heading = `${view.total} Stellen für «${view.term}»`;
  const body =
    view.postings.length === 0
      ? `<p class="${cls('noResults')}">${OSTJOB_NO_RESULTS_TEXT}. Passen Sie Ihre Suche an.</p>`
      : `<ul class="${cls('resultList')}">\n${view.postings.map((p) => renderCard(p, cls)).join('\n')}\n</ul>\n` +
        renderPagination(view, cls);
  return layout(`${heading} – Seite ${view.page}`, `<h1>${escapeHtml(heading)}</h1>\n${body}`);
}

export function renderDetailPage(posting: DemoPosting, cls: ClassNames): string {
  const paragraphs = posting.description.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
  const skills = posting.skills.map((skill) => `<li>${escapeHtml(skill)}</li>`).join('');
  return layout(
    `${posting.title} bei ${posting.company}`,
    `<article class="${cls('detail')}" lang="${posting.language}">
<h1 class="${cls('detailTitle')}">${escapeHtml(posting.title)}</h1>
<dl>
<dt>Firma</dt><dd class="${cls('detailCompany')}">${escapeHtml(posting.company)}</dd>
<dt>Arbeitsort</dt><dd class="${cls('detailLocation')}">${escapeHtml(posting.location)}</dd>
<dt>Pensum</dt><dd class="${cls('detailWorkload')}">${escapeHtml(posting.workload)}</dd>
<dt>Publiziert</dt><dd><time class="${cls('detailDate')}">${posting.postingDate}</time></dd>
</dl>
<section class="${cls('detailDescription')}">
${paragraphs}
</section>
<h2>Anforderungen</h2>
<ul class="${cls('detailSkills')}">${skills}</ul>
<a class="${cls('apply')}" href="${posting.path}/bewerben">Jetzt bewerben</a>
</article>`,
  );
}

export function renderCaptchaPage(cls: ClassNames): string {
  return layout(
    'Sicherheitsüberprüfung',
    `<div class="${cls('captcha')}">
<h1>Bitte bestätigen Sie, dass Sie ${OSTJOB_CAPTCHA_TEXT} sind</h1>
<p>Wir haben ungewöhnlich viele Anfragen von Ihrer Verbindung erhalten. Lösen Sie das Captcha, um fortzufahren.</p>
<form method="post" action="/captcha"><button type="submit">Weiter</button></form>
</div>`,
  );
}

export function renderErrorPage(status: number, message: string): string {
  return layout(`Fehler ${status}`, `<h1>Fehler ${status}</h1>\n<p>${escapeHtml(message)}</p>`);
}

function renderCard(posting: DemoPosting, cls: ClassNames): string {
  return `<li class="${cls('card')}" data-job-id="${posting.id}">
<h2 class="${cls('title')}"><a class="${cls('link')}" href="${posting.path}">${escapeHtml(posting.title)}</a></h2>
<span class="${cls('company')}">${escapeHtml(posting.company)}</span>
<span class="${cls('location')}">${escapeHtml(posting.location)}</span>
<span class="${cls('workload')}">${escapeHtml(posting.workload)}</span>
<time class="${cls('date')}">${posting.postingDate}</time>
<p class="${cls('snippet')}">${escapeHtml(posting.snippet)}</p>
</li>`;
}

function renderPagination(view: ResultsPageView, cls: ClassNames): string {
  const link = (page: number, label: string) => `<a href="${escapeHtml(view.listUrl(view.term, page))}">${label}</a>`;
  const previous = view.page > 1 ? link(view.page - 1, 'Zurück') : '';
  const next = view.page < view.lastPage ? link(view.page + 1, 'Weiter') : '';
  return `<nav class="${cls('pagination')}">${previous} Seite ${view.page} von ${view.lastPage} ${next}</nav>`;
}

function layout(title: string, main: string): string {
  return `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>${escapeHtml(title)} | ostjob demo</title></head>
<body>
<header><a href="/">ostjob demo</a> – Stellen in der Ostschweiz</header>
<main>
${main}
</main>
<footer>Demo-Stellenbörse für Tests und Benchmarks. Alle Inserate sind erfunden.</footer>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
