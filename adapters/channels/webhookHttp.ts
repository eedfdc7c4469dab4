import crypto from 'node:crypto';
import type { Request, Response } from 'restify';

/** The body as received, at most `max` bytes (webhooks verify signatures over these exact bytes). */
export function readRawBody(req: Request, max: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      // Not read at all: the connection is closed after the answer.
      req.resume();
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) over = true;
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Equality of two secrets in time that does not depend on where they differ. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  // Hashing first gives equal lengths, so the length of the secret does not leak either.
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** A JSON answer without restify's formatters (webhooks answer before anything else runs). */
export function answer(res: Response, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The first value of a header or query parameter. */
export const first = (v: unknown): string | undefined => (Array.isArray(v) ? (typeof v[0] === 'string' ? v[0] : undefined) : typeof v === 'string' ? v : undefined);

/** A request's media type, lower case, without its parameters ("application/json; charset=utf-8" -> "application/json"). */
export const mediaType = (req: Request): string => String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
