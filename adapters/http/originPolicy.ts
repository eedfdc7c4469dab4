import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Which web origins are this server's own, and which other sites' pages may call it.
 *
 * Never decided from the request's own Host header: a page on an attacker's domain that
 * resolves to this server (DNS rebinding) sends a Host and an Origin that match each
 * other. Our own origins are PUBLIC_URL's and the loopback names of the port we listen on
 * (a page at http://127.0.0.1:<port> can only be ours); partners are listed in
 * DIRECTLINE_ALLOWED_ORIGINS. A deployment reached under any other name sets PUBLIC_URL.
 */
export class OriginPolicy {
  private readonly publicOrigin: string | undefined;
  private readonly partners: ReadonlySet<string>;

  constructor(private readonly o: {
    publicUrl?: string;
    /** Other sites whose pages may call the cross-origin endpoints (Direct Line, /widget/token). */
    partners?: readonly string[];
    /** The listening address, once listening. */
    address: () => AddressInfo | string | null;
  }) {
    this.publicOrigin = o.publicUrl ? new URL(o.publicUrl).origin : undefined;
    this.partners = new Set((o.partners ?? []).map(normalise).filter((x): x is string => !!x));
  }

  /** PUBLIC_URL's origin and http://{127.0.0.1,localhost,[::1],<bound address>}:<port>. */
  own(): Set<string> {
    const out = new Set<string>();
    if (this.publicOrigin) out.add(this.publicOrigin);
    const a = this.o.address();
    if (a && typeof a === 'object') {
      for (const host of ['127.0.0.1', 'localhost', '[::1]']) out.add(`http://${host}:${a.port}`);
      const bound = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      if (bound !== '0.0.0.0' && bound !== '[::]') out.add(`http://${bound}:${a.port}`);
    }
    return out;
  }

  /** An origin of this server's own pages. */
  isOwn(origin: string | undefined): boolean {
    const o = normalise(origin);
    return !!o && this.own().has(o);
  }

  /** Own or a configured partner: what may call the cross-origin endpoints from a browser. */
  allows(origin: string | undefined): boolean {
    const o = normalise(origin);
    return !!o && (this.partners.has(o) || this.own().has(o));
  }

  /**
   * The origin to put in links and stream URLs given back to this caller: PUBLIC_URL's;
   * else the Host the caller used when that is one of our own names; else the listening one.
   */
  originFor(req: IncomingMessage): string {
    if (this.publicOrigin) return this.publicOrigin;
    const fromHost = req.headers.host ? normalise(`http://${req.headers.host}`) : undefined;
    const own = this.own();
    if (fromHost && own.has(fromHost)) return fromHost;
    return [...own][0] ?? 'http://localhost';
  }
}

/** `scheme://host[:port]` in its canonical form, or undefined ("null", garbage, paths). */
function normalise(origin: string | undefined): string | undefined {
  if (!origin || origin === 'null') return undefined;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export type FormOriginVerdict = { ok: true } | { ok: false; reason: 'foreign_origin' | 'cross_site' };

/**
 * A state-changing form (a staff link's accept/decline, the staff inbox's forms) must come
 * from one of our own pages. Browsers send Origin on every POST (our pages use the
 * `same-origin` referrer policy, so it is the real origin, not "null"); when Origin is
 * missing, Sec-Fetch-Site, which browsers also send, must say same-origin. A request with
 * neither comes from a program, not a page another site could make a browser submit.
 */
export function checkFormOrigin(req: IncomingMessage, policy: OriginPolicy): FormOriginVerdict {
  const origin = req.headers.origin;
  if (origin !== undefined) return policy.isOwn(origin) ? { ok: true } : { ok: false, reason: 'foreign_origin' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { ok: false, reason: 'cross_site' };
  return { ok: true };
}
