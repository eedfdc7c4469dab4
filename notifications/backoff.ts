/** Retry policy of the outbox: exponential backoff with jitter, then a dead letter. */
export interface RetryPolicy {
  /** Attempts before a notification is dead (the first delivery counts as one). */
  maxAttempts: number;
  /** Delay before the second attempt; doubled at each attempt after it. */
  baseMs: number;
  /** No wait is ever longer than this. */
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseMs: 30_000, capMs: 6 * 3_600_000 };

/**
 * How long to wait after failed attempt number `attempt` (1-based). "Equal jitter": half of
 * the exponential delay is fixed, half random, so many notifications failing together
 * (a receiver down for an hour) do not all come back at the same second, and none retries
 * sooner than half the nominal delay.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exp / 2 + r * (exp / 2));
}
