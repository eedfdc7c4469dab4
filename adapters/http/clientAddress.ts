import net from 'node:net';
import type { IncomingMessage } from 'node:http';

const plain = (address: string) => (address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address);

/**
 * The address a caller is counted under (rate limits, failure throttles, conversations
 * per address). It is the socket's peer, unless that peer is one of the reverse proxies
 * named in TRUST_PROXY: then it is the last address in X-Forwarded-For that is not one of
 * them (what the nearest trusted proxy saw). X-Forwarded-For from anyone else is ignored,
 * since a client can write any address there.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = plain(req.socket?.remoteAddress ?? 'unknown');
  if (trustedProxies.size === 0 || !trustedProxies.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((h) => plain(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!net.isIP(hop)) return peer; // a proxy we trust writes addresses; anything else is not to be believed
    if (!trustedProxies.has(hop)) return hop;
  }
  return peer;
}

/** TRUST_PROXY: comma-separated IP addresses of the reverse proxies in front of this server ("loopback" for 127.0.0.1 and ::1). */
export function parseTrustedProxies(value: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const item of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item === 'loopback') {
      out.add('127.0.0.1');
      out.add('::1');
    } else out.add(plain(item));
  }
  return out;
}
