/**
 * Failed attempts per address (a wrong staff link, a wrong API key): each failure uses one
 * of `limit` allowances, which come back one by one over `windowMs`. An address with none
 * left is refused before anything is checked (429), so guessing cannot go on, whatever
 * the guess. Successes cost nothing: a person who types a link right is never slowed.
 *
 * In memory: a restart forgets it, and several processes each count their own (the
 * allowance is per process). The map is bounded; when full, the least recently seen
 * address is forgotten first, which only ever errs towards letting a real person through.
 */
export class FailureThrottle {
  private readonly entries = new Map<string, { used: number; at: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again when this address has no attempt left; 0 when it may try. */
  retryAfter(key: string): number {
    const e = this.refresh(key);
    if (!e || e.used <= this.limit - 1) return 0;
    const perFailure = this.windowMs / this.limit;
    return Math.max(1, Math.ceil((perFailure - (this.now() - e.at)) / 1000));
  }

  /** Counts a failed attempt. */
  fail(key: string): void {
    const e = this.refresh(key) ?? { used: 0, at: this.now() };
    e.used = Math.min(this.limit, e.used + 1);
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, e);
  }

  /** Brings an entry up to now (allowances given back), dropping it once all are back. */
  private refresh(key: string): { used: number; at: number } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const perFailure = this.windowMs / this.limit;
    const t = this.now();
    const back = Math.floor((t - e.at) / perFailure);
    if (back > 0) {
      e.used = Math.max(0, e.used - back);
      e.at += back * perFailure;
    }
    if (e.used === 0) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}
