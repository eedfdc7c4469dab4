/**
 * The start / stop / kick loop of a polling worker (the outbox worker, the channels' inbox
 * worker), as a base class: it runs `pass` again and again; after a pass that says it found
 * nothing to do (or cannot take more), it waits `pollMs` unless `kick()` came during the
 * pass, and a `kick()` during the wait ends it at once. `stop()` ends the wait, lets the
 * pass in hand finish, then awaits `finish` (what is still in hand), and resolves.
 */
export abstract class WorkerLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;

  constructor(private readonly pollMs: number) {}

  /** One pass; resolves true when there may be more to do at once (no wait before the next). */
  protected abstract pass(): Promise<boolean>;

  /** Awaited once the loop has stopped: what is still in hand. */
  protected async finish(): Promise<void> {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes what is in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Something new is due: look now rather than at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      const more = await this.pass();
      if (!more && this.running && !this.kicked) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
    await this.finish();
  }
}
