import type { AlertDeliveryRecord } from '../store/types.js';
import type { EmailContent } from './email.js';

/** The postings one message carries: a run's new strong matches, or a CV's digest of the day. */
export interface AlertBatch {
  mode: AlertDeliveryRecord['mode'];
  cvKey: string;
  deliveries: readonly AlertDeliveryRecord[];
}

export interface AlertPosting {
  title: string;
  company: string | null;
  location: string | null;
  score: number;
  url: string;
  searchTerm: string;
  runId: number;
  scheduleId: number | null;
}

function postingOf(delivery: AlertDeliveryRecord): AlertPosting {
  return {
    title: delivery.jobTitle ?? 'Untitled posting',
    company: delivery.companyName,
    location: delivery.location,
    score: delivery.score,
    url: delivery.jobUrl,
    searchTerm: delivery.searchTerm,
    runId: delivery.runId,
    scheduleId: delivery.scheduleId,
  };
}

/** Best first, then in the order they were found. */
function postingsOf(batch: AlertBatch): AlertPosting[] {
  return [...batch.deliveries].sort((a, b) => b.score - a.score || a.id - b.id).map(postingOf);
}

function terms(postings: readonly AlertPosting[]): string {
  return [...new Set(postings.map((p) => `"${p.searchTerm}"`))].join(', ');
}

export function alertSubject(batch: AlertBatch): string {
  const postings = postingsOf(batch);
  const count = postings.length === 1 ? 'New strong match' : `${postings.length} new strong matches`;
  const prefix = batch.mode === 'digest' ? 'Daily digest: ' : '';
  return `${prefix}${count} for ${terms(postings)} (CV ${batch.cvKey.slice(0, 8)})`;
}

function line(p: AlertPosting): string {
  const where = [p.company, p.location].filter(Boolean).join(', ');
  return `${p.title}${where ? ` at ${where}` : ''}: ${p.score}/10 ${p.url}`;
}

/** Slack-compatible `text`: the subject, then one line per posting with its link. */
export function alertText(batch: AlertBatch): string {
  return [alertSubject(batch), ...postingsOf(batch).map((p) => `• ${line(p)}`)].join('\n');
}

/** The webhook's JSON: `text` for chat tools, the postings as fields for anything else. */
export function webhookBody(batch: AlertBatch): Record<string, unknown> {
  return { text: alertText(batch), mode: batch.mode, cvKey: batch.cvKey, matches: postingsOf(batch) };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function alertEmail(batch: AlertBatch): EmailContent {
  const subject = alertSubject(batch);
  const postings = postingsOf(batch);
  const text = `${subject}\n\n${postings.map((p) => `- ${line(p)}`).join('\n')}\n`;
  const items = postings
    .map((p) => {
      const where = [p.company, p.location].filter(Boolean).join(', ');
      return `<li><a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a>${where ? ` at ${escapeHtml(where)}` : ''}: <strong>${p.score}/10</strong> (search "${escapeHtml(p.searchTerm)}")</li>`;
    })
    .join('\n');
  const html = `<!doctype html><html><body><h1 style="font-size:1.2em">${escapeHtml(subject)}</h1>\n<ul>\n${items}\n</ul></body></html>`;
  return { subject: `JobSearchAI: ${subject}`, text, html };
}
