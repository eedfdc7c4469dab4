import http from 'node:http';
import net from 'node:net';

export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * One HTTP request exactly as written: any Host, Origin or X-Forwarded-For (fetch forbids
 * some of them), any body bytes. Never throws on a status.
 */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: opts.method ?? 'GET',
      headers: { ...(opts.body !== undefined ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers },
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** What a slow client saw: the server's bytes, and whether (and after how long) the server closed the connection. */
export interface SlowOutcome { closedByServer: boolean; afterMs: number; received: string }

/**
 * A client that sends `head` and then one byte of `drip` every `everyMs`, never finishing
 * unless the server cuts it off; gives up itself after `giveUpMs`.
 */
export function slowClient(url: string, head: string, drip: string, everyMs: number, giveUpMs: number): Promise<SlowOutcome> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(u.port), u.hostname);
    let received = '';
    let i = 0;
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closedByServer, afterMs: Date.now() - started, received });
    };
    const timer = setInterval(() => {
      if (socket.writable) socket.write(drip[i++ % drip.length]!);
    }, everyMs);
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (d: Buffer) => { received += d.toString('utf8'); });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

/** The four spellings of a 32-byte base64url MAC (its last character carries two unused bits). */
export function macSpellings(mac: string): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(mac.at(-1)!);
  return [0, 1, 2, 3].map((k) => `${mac.slice(0, -1)}${alphabet[(last & ~3) | k]}`);
}

/** No stack trace, no source path in a body. */
export const leaksInternals = (body: string) => /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/.test(body);
