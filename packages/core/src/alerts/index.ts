// `@jobsearchai/core/alerts`: alerts on strong matches (message, channels, dispatch of the outbox).
export {
  alertEmail,
  alertSubject,
  alertText,
  type AlertBatch,
  type AlertPosting,
  webhookBody,
} from './alert-message.js';
export {
  configuredChannels,
  dispatchDueAlerts,
  type AlertSenders,
  type DispatchOptions,
  type DispatchResult,
} from './dispatch-alerts.js';
export { createEmailSender, type EmailContent, type EmailSender, type EmailTarget } from './email.js';
export { ALERT_RETRY_MINUTES, nextAlertAttempt } from './retry-backoff.js';
export { postWebhook, type WebhookPost } from './webhook.js';
