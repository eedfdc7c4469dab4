/**
 * At most `max` turns run at once, all conversations together; the others wait their
 * turn in arrival order. A turn holds a database connection for most of its life, so
 * letting every waiting turn start at once only moves the queue into the connection
 * pool, where each of a turn's queries queues again behind everyone else's and a wait
 * can end in a timeout, that is an error for the young person. Waiting here costs
 * nothing and never fails. The queue is bounded by the number of open conversations:
 * TurnQueue lets only one turn per conversation through at a time.
 */
export class TurnLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError('TurnLimiter: max must be at least 1');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter (running stays the same), or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Turns running and turns waiting (for tests and health). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
