import { DirectLine, type Activity, type ConnectionStatus } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable';
import WebSocket from 'ws';
import { waitUntil } from './browser';

interface AjaxRequest { method?: string; url: string; headers?: Record<string, string>; body?: unknown; timeout?: number }

/**
 * botframework-directlinejs asks for rxjs' DOM ajax (XMLHttpRequest), which Node 20 lacks;
 * its `ajax` service option takes this fetch-based one instead. Errors carry `status` and
 * `xhr.getResponseHeader`, as the library reads them.
 */
export function fetchAjax(req: AjaxRequest): Observable<{ response: unknown; status: number }> {
  return Observable.create((subscriber: { next(v: unknown): void; error(e: unknown): void; complete(): void }) => {
    const controller = new AbortController();
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    fetch(req.url, { method: req.method ?? 'GET', headers: req.headers, body, signal: controller.signal }).then(
      async (res) => {
        const text = await res.text();
        let response: unknown = text;
        try {
          response = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text
        }
        if (res.status >= 200 && res.status < 300) {
          subscriber.next({ response, status: res.status });
          subscriber.complete();
        } else {
          subscriber.error({ status: res.status, response, xhr: { getResponseHeader: (h: string) => res.headers.get(h) } });
        }
      },
      (err: Error) => subscriber.error({ status: 0, message: err.message, xhr: { getResponseHeader: () => null } }),
    );
    return () => controller.abort();
  });
}

/**
 * The official client in Node. With `webSocket: true` it uses the `ws` package, made
 * global for the client's own `typeof WebSocket` check (Node 20 has no WebSocket).
 */
export function nodeDirectLine(opts: { domain: string; token: string; webSocket: boolean; conversationId?: string }): DirectLine {
  const g = globalThis as { WebSocket?: unknown };
  const had = g.WebSocket;
  if (opts.webSocket) g.WebSocket = WebSocket;
  try {
    return new DirectLine({ ...opts, pollingInterval: 200, timeout: 5_000, ajax: fetchAjax, WebSocket } as unknown as ConstructorParameters<typeof DirectLine>[0]);
  } finally {
    g.WebSocket = had;
  }
}

/** Collects what the client receives, and waits for it. */
export class Received {
  readonly activities: Activity[] = [];
  readonly statuses: ConnectionStatus[] = [];
  private readonly subs: { unsubscribe(): void }[] = [];

  constructor(readonly client: DirectLine) {
    this.subs.push(client.activity$.subscribe((a) => this.activities.push(a), () => undefined));
    this.subs.push(client.connectionStatus$.subscribe((s) => this.statuses.push(s)));
  }

  botTexts(): string[] {
    return this.activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => (a as { text?: string }).text ?? '');
  }

  async waitForBotText(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    await waitUntil(`a bot message matching ${pattern}`, () => this.botTexts().some((t) => pattern.test(t)), timeoutMs);
  }

  async waitForStatus(status: ConnectionStatus, timeoutMs = 15_000): Promise<void> {
    await waitUntil(`connection status ${status}`, () => this.statuses.includes(status), timeoutMs);
  }

  /** Posts a message as the library does, resolves with the id the server gave it. */
  post(text: string, extra: Record<string, unknown> = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      this.client.postActivity({ type: 'message', from: { id: 'ignored-by-server' }, text, ...extra } as Activity).subscribe(resolve, reject);
    });
  }

  end(): void {
    for (const s of this.subs) s.unsubscribe();
    this.client.end();
  }
}
