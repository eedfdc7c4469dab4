/**
 * The headers of every staff page (the e-mailed links and the inbox): they show minors'
 * details, so they are never cached, indexed, framed or given to another site in a Referer.
 * Not no-referrer: with it, browsers send "Origin: null" on the page's own forms, and the
 * forms are checked against our origin (docs/security.md).
 */
export const STAFF_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
});
