import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the loopback stand-ins of the platforms' APIs share (`Fake*Api`): an HTTP server on
 * 127.0.0.1 on a free port, each request's body read whole, JSON answers, and the bot's
 * webhook address for playing the user. Each fake answers its platform's paths in `handle`.
 */
export abstract class LoopbackFake {
  private server: http.Server | null = null;
  /** Where the fake listens, once started. */
  url = '';
  /** Where the bot's webhook is (to play the user); may be set later. */
  webhookUrl: string | undefined;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.receive(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Answers one request; `raw` is its whole body, `reply` sends a JSON answer. */
  protected abstract handle(req: http.IncomingMessage, raw: Buffer, reply: (status: number, body: unknown) => void): void | Promise<void>;

  /** The body as a JSON object, or undefined when it is not JSON. */
  protected static json(raw: Buffer): Record<string, unknown> | undefined {
    try {
      return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private async receive(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    await this.handle(req, Buffer.concat(chunks), reply);
  }
}
