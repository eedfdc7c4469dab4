import { retryDelayMs, DEFAULT_RETRY_POLICY } from '../../notifications/backoff';
import { newRequestEmail, alertEmail, shortRef } from '../../notifications/composeEmail';
import { createActionToken, signWebhook, verifyActionToken, verifyWebhook } from '../../notifications/signing';
import { addWorkingDays, isWorkingDay } from '../../notifications/workingDays';
import { createI18n } from '../../locales/i18n';
import type { Lang } from '../../intake/vocabulary';
import { REQUEST } from '../helpers/fixtures';

const i18n = createI18n();
const t = (lang: Lang, key: string, params?: Record<string, unknown>) => i18n.t(key, { lng: lang, ...params }) as string;

describe('retry delays', () => {
  const policy = { maxAttempts: 10, baseMs: 1000, capMs: 60_000 };
  it.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [6, 16_000, 32_000],
    [7, 30_000, 60_000],
    [30, 30_000, 60_000],
  ])('after attempt %i waits between %i and %i ms', (attempt, min, max) => {
    expect(retryDelayMs(attempt, policy, () => 0)).toBe(min);
    expect(retryDelayMs(attempt, policy, () => 1)).toBe(max);
    const d = retryDelayMs(attempt, policy);
    expect(d).toBeGreaterThanOrEqual(min);
    expect(d).toBeLessThanOrEqual(max);
  });

  it('spreads retries of notifications that failed together (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, DEFAULT_RETRY_POLICY)));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('survives absurd attempt numbers and random values', () => {
    expect(retryDelayMs(1e9, policy, () => 5)).toBe(60_000);
    expect(retryDelayMs(-3, policy, () => -1)).toBe(500);
  });
});

describe('webhook signatures', () => {
  const secret = 'a-shared-secret-of-the-association';
  const body = JSON.stringify({ hello: 'wörld' });
  const now = 1_800_000_000_000;
  const ts = Math.floor(now / 1000);
  const headers = (sig: string, timestamp = ts) => ({ 'x-binome-signature': sig, 'x-binome-timestamp': String(timestamp), 'x-binome-delivery': 'd-1' });

  it('verifies what it signs, over the raw bytes', () => {
    expect(verifyWebhook(secret, headers(signWebhook(secret, ts, body)), Buffer.from(body), now)).toEqual({ ok: true, deliveryId: 'd-1' });
  });
  it('refuses a changed body, another secret, a changed timestamp', () => {
    const sig = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, headers(sig), body.replace('w', 'W'), now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhook('another', headers(sig), body, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhook(secret, headers(sig, ts + 1), body, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });
  it('refuses a replay outside the tolerance, and missing headers', () => {
    const old = ts - 3600;
    expect(verifyWebhook(secret, headers(signWebhook(secret, old, body), old), body, now)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyWebhook(secret, {}, body, now)).toEqual({ ok: false, reason: 'missing_headers' });
  });
});

describe('staff action tokens', () => {
  const key = 'k'.repeat(40);
  const now = Date.parse('2026-11-21T10:00:00Z');
  const token = createActionToken({ assignmentId: 'a-1', exp: now / 1000 + 60 }, key);

  it('round-trips before expiry', () => {
    expect(verifyActionToken(token, key, now)).toEqual({ ok: true, claims: { assignmentId: 'a-1', exp: now / 1000 + 60 } });
  });
  it('says expired after expiry', () => {
    expect(verifyActionToken(token, key, now + 61_000)).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuses a token pointing at another assignment, or signed with another key', () => {
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ a: 'a-2', e: now / 1000 + 60 })).toString('base64url')}.${mac}`;
    expect(verifyActionToken(forged, key, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(verifyActionToken(token, 'x'.repeat(40), now)).toEqual({ ok: false, reason: 'tampered' });
  });
  it.each(['', 'abc', 'a.b.c', '.', `${'a'.repeat(600)}.b`, 'é.ü'])('refuses malformed token %p', (bad) => {
    expect(verifyActionToken(bad, key, now).ok).toBe(false);
  });
});

describe('working days (France)', () => {
  it.each([
    // Friday evening + 5 working days = next Friday evening
    ['2026-11-20T17:00:00Z', 5, '2026-11-27T17:00:00Z'],
    // 11 November (Armistice) is skipped: Tuesday 10 + 1 = Thursday 12
    ['2026-11-10T09:00:00Z', 1, '2026-11-12T09:00:00Z'],
    // Christmas Friday 25 December 2026: Thursday 24 + 1 = Monday 28
    ['2026-12-24T09:00:00Z', 1, '2026-12-28T09:00:00Z'],
    // Easter Monday 2027 is 29 March: Friday 26 + 1 = Tuesday 30
    ['2027-03-26T09:00:00Z', 1, '2027-03-30T09:00:00Z'],
    ['2026-11-18T09:00:00Z', 0, '2026-11-18T09:00:00Z'],
  ])('%s + %i working days = %s', (start, days, end) => {
    expect(addWorkingDays(new Date(start), days).toISOString()).toBe(new Date(end).toISOString());
  });
  it('knows weekends and public holidays', () => {
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-05-01')).toBe(false);
    expect(isWorkingDay('2026-07-14')).toBe(false);
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });
});

describe('staff e-mails', () => {
  const links = { accept: 'https://binome.example/staff/a/T?action=accept', decline: 'https://binome.example/staff/a/T?action=decline', expires: new Date('2026-12-05T10:00:00Z') };
  const base = { to: 'contact@asso.example', deliveryId: 'dlv-1', requestId: '1b2e48c2-bfcf-42f0-9284-068376c6855f', isCoordinator: false, responseDays: 5, deadline: new Date('2026-11-27T10:00:00Z'), links };

  it('keeps personal data out of the subject and puts the fields and both links in the body', () => {
    const m = newRequestEmail({ ...base, request: REQUEST }, t);
    expect(m.subject).toBe(`Nouvelle demande de mentorat (réf. ${shortRef(base.requestId)})`);
    for (const personal of ['Inès', '17', 'Lyon', 'ines@example.fr']) expect(m.subject).not.toContain(personal);
    for (const s of ['Inès', '17 ans', 'Lyon (69001)', 'ines@example.fr', links.accept, links.decline, 'vendredi 27 novembre', 'dlv-1']) expect(m.text).toContain(s);
    expect(m.html).toContain('Inès');
  });

  it('links to the staff inbox besides the signed links, when given', () => {
    const m = newRequestEmail({ ...base, links: { ...links, inbox: 'https://binome.example/staff/inbox' }, request: REQUEST }, t);
    expect(m.text).toContain("Voir toutes vos demandes (boîte de réception de l'association) :\nhttps://binome.example/staff/inbox");
    expect(m.html).toContain('href="https://binome.example/staff/inbox"');
    expect(newRequestEmail({ ...base, request: REQUEST }, t).text).not.toContain('/staff/inbox');
  });

  it('sets reply-to only when the young person chose e-mail', () => {
    expect(newRequestEmail({ ...base, request: REQUEST }, t).replyTo).toBe('ines@example.fr');
    const byPhone = { ...REQUEST, contact: { email: 'ines@example.fr', phone: '+33612345678', preferred: 'phone' as const } };
    expect(newRequestEmail({ ...base, request: byPhone }, t).replyTo).toBeUndefined();
  });

  it('escapes what the young person typed', () => {
    const evil = { ...REQUEST, firstName: '<img src=x onerror=alert(1)>', availability: '"><script>x</script>' };
    const m = newRequestEmail({ ...base, request: evil }, t);
    expect(m.html).not.toContain('<img src=x');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('names the parent and says consent is to be confirmed for an under-15', () => {
    const young = { ...REQUEST, age: 14, guardian: { name: 'Samia B.', email: null, phone: '+33611111111', consentDeclared: true as const } };
    const m = newRequestEmail({ ...base, request: young }, t);
    expect(m.text).toContain('Samia B. · +33611111111');
    expect(m.text).toContain('à confirmer avec le représentant légal');
  });

  it('gives the coordinator no decline link and an alert no personal data', () => {
    const m = newRequestEmail({ ...base, isCoordinator: true, links: { ...links, decline: null }, request: REQUEST }, t);
    expect(m.text).not.toContain('action=decline');
    const a = alertEmail({ to: 'c@example.org', deliveryId: 'd', requestId: base.requestId, reason: 'two_failures', history: [{ association: 'AFEV', status: 'declined' }, { association: 'Article 1', status: 'expired' }] }, t);
    expect(a.subject).toContain('deux associations');
    expect(a.text).toContain('AFEV : refusée');
    expect(a.text).toContain('Article 1 : sans réponse dans le délai');
    expect(a.text).not.toContain('Inès');
  });
});
