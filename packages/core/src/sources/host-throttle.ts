import { cancellableWait } from './cancellable-wait.js';

/**
 * Spaces the requests to one host at least `delayMs` apart, also when several pages or details
 * are fetched concurrently, so a run never hammers a board. Slots are reserved synchronously,
 * which makes the spacing hold however many callers wait at once.
 */
export class HostThrottle {
  private readonly nextSlot = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  async wait(url: URL, signal: AbortSignal | undefined): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(url.host) ?? 0);
    this.nextSlot.set(url.host, slot + this.delayMs);
    await cancellableWait(slot - now, signal, `Request to ${url.host}`);
  }
}
