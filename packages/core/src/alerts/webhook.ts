/**
 * POSTs one JSON body to a webhook and fails on anything but a 2xx answer. Shared by the
 * monitoring agent's alerts and the match alerts, so both treat a slow or failing endpoint alike.
 */
export interface WebhookPost {
  url: string;
  body: unknown;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

export async function postWebhook({ url, body, timeoutMs, fetchImpl = fetch }: WebhookPost): Promise<void> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Drain the body so the connection is released.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}
