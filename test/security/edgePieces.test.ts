import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { clientAddress, parseTrustedProxies } from '../../adapters/http/clientAddress';
import { FailureThrottle } from '../../adapters/http/failureThrottle';
import { checkFormOrigin, OriginPolicy } from '../../adapters/http/originPolicy';
import { invalidIds, isValidId } from '../../adapters/validateIds';
import { macMatches } from '../../notifications/macMatches';
import { createActionToken, verifyActionToken } from '../../notifications/signing';
import { macSpellings } from './probe';

const req = (peer: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

describe('validateIds (shared by every channel adapter)', () => {
  it.each([
    ['a Bot Framework conversation id', '8a3f2c1e-0b9d-4e6f-a1b2-c3d4e5f6a7b8|livechat', true],
    ['a WhatsApp phone number', '33612345678', true],
    ['a Telegram chat id', '-1001234567890', true],
    ['accents and emoji', 'conversation-élève-🎓', true],
    ['empty', '', false],
    ['a NUL', 'abc\u0000', false],
    ['a tab', 'a\tb', false],
    ['a newline', 'a\nb', false],
    ['DEL', 'a\u007f', false],
    ['a C1 control', 'a\u0085', false],
    ['a lone high surrogate', 'a\ud800', false],
    ['a lone low surrogate', '\udc00b', false],
    ['U+2028', 'a\u2028', false],
    ['a bidi override (U+202E)', 'abc\u202e', false],
    ['a bidi isolate (U+2066)', '\u2066abc', false],
    ['too long', 'x'.repeat(513), false],
  ])('%s', (_name, id, valid) => {
    expect(isValidId(id)).toBe(valid);
  });

  it('names the invalid ones, with channelId capped at 64', () => {
    expect(invalidIds({ channelId: 'whatsapp', 'conversation.id': '33612345678' })).toEqual([]);
    expect(invalidIds({ channelId: 'x'.repeat(65), 'conversation.id': 'ok', 'from.id': undefined })).toEqual(['channelId', 'from.id']);
    expect(invalidIds({ 'conversation.id': 'x'.repeat(40) }, { 'conversation.id': 32 })).toEqual(['conversation.id']);
  });

  it('accepts every string of printable characters, refuses every one with a control character (property)', () => {
    const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_|:.@+éà🎓'), minLength: 1, maxLength: 100 });
    fc.assert(fc.property(printable, (s) => isValidId(s)), { seed: 21 });
    fc.assert(fc.property(printable, fc.integer({ min: 0, max: 0x1f }), fc.nat(), (s, code, at) => {
      const i = at % (s.length + 1);
      return !isValidId(`${s.slice(0, i)}${String.fromCharCode(code)}${s.slice(i)}`);
    }), { seed: 21 });
  });
});

describe('macMatches and staff links', () => {
  const key = 'k'.repeat(40);
  it('accepts the one canonical spelling of a MAC and no other', () => {
    const mac = crypto.createHmac('sha256', key).update('payload').digest();
    const canonical = mac.toString('base64url');
    expect(macMatches(canonical, mac)).toBe(true);
    for (const other of macSpellings(canonical).filter((s) => s !== canonical)) {
      expect(Buffer.from(other, 'base64url').equals(mac)).toBe(true); // the same bytes…
      expect(macMatches(other, mac)).toBe(false); // …refused as written
    }
    expect(macMatches(`${canonical}=`, mac)).toBe(false);
    expect(macMatches('', mac)).toBe(false);
    expect(macMatches(mac.toString('hex'), mac, 'hex')).toBe(true);
    expect(macMatches(mac.toString('hex').toUpperCase(), mac, 'hex')).toBe(false);
  });

  it('a staff link verifies in its own spelling only', () => {
    const token = createActionToken({ assignmentId: 'a1', exp: 2_000_000_000 }, key);
    const [body, mac] = token.split('.') as [string, string];
    expect(verifyActionToken(token, key, 0).ok).toBe(true);
    const others = macSpellings(mac).filter((s) => s !== mac);
    expect(others).toHaveLength(3);
    for (const other of others) expect(verifyActionToken(`${body}.${other}`, key, 0)).toEqual({ ok: false, reason: 'tampered' });
  });
});

describe('FailureThrottle', () => {
  it('refuses an address after its failures, gives them back one by one over the window, and never counts successes', () => {
    let t = 0;
    const throttle = new FailureThrottle(3, 60_000, 100, () => t);
    expect(throttle.retryAfter('a')).toBe(0);
    throttle.fail('a');
    throttle.fail('a');
    expect(throttle.retryAfter('a')).toBe(0);
    throttle.fail('a');
    expect(throttle.retryAfter('a')).toBe(20); // one allowance back every 20 s
    expect(throttle.retryAfter('b')).toBe(0);
    t = 19_000;
    expect(throttle.retryAfter('a')).toBe(1);
    t = 20_000;
    expect(throttle.retryAfter('a')).toBe(0);
    throttle.fail('a');
    expect(throttle.retryAfter('a')).toBeGreaterThan(0);
    t = 80_000;
    expect(throttle.retryAfter('a')).toBe(0);
  });

  it('stays bounded: the least recently seen address is forgotten first', () => {
    const throttle = new FailureThrottle(1, 60_000, 2, () => 0);
    throttle.fail('a');
    throttle.fail('b');
    throttle.fail('c');
    expect(throttle.retryAfter('a')).toBe(0);
    expect(throttle.retryAfter('b')).toBeGreaterThan(0);
    expect(throttle.retryAfter('c')).toBeGreaterThan(0);
  });
});

describe('clientAddress (TRUST_PROXY)', () => {
  const trusted = parseTrustedProxies('loopback, 10.0.0.2');
  it.each([
    ['no proxy trusted: the peer, whatever the header says', new Set<string>(), req('198.51.100.7', { 'x-forwarded-for': '203.0.113.1' }), '198.51.100.7'],
    ['an untrusted peer: its own address', trusted, req('198.51.100.7', { 'x-forwarded-for': '203.0.113.1' }), '198.51.100.7'],
    ['a trusted proxy: the address it saw', trusted, req('127.0.0.1', { 'x-forwarded-for': '203.0.113.1' }), '203.0.113.1'],
    ['IPv4-mapped peer', trusted, req('::ffff:127.0.0.1', { 'x-forwarded-for': '203.0.113.1' }), '203.0.113.1'],
    ['a chain: the last address not a trusted proxy (a client cannot choose it)', trusted, req('127.0.0.1', { 'x-forwarded-for': '1.2.3.4, 203.0.113.9, 10.0.0.2' }), '203.0.113.9'],
    ['garbage in the header: the peer', trusted, req('127.0.0.1', { 'x-forwarded-for': 'evil' }), '127.0.0.1'],
    ['no header: the peer', trusted, req('::1'), '::1'],
  ])('%s', (_name, proxies, request, expected) => {
    expect(clientAddress(request, proxies)).toBe(expected);
  });
});

describe('OriginPolicy', () => {
  const listening = { address: '127.0.0.1', family: 'IPv4', port: 3978 };
  const local = new OriginPolicy({ partners: ['https://partner.example/'], address: () => listening });
  const deployed = new OriginPolicy({ publicUrl: 'https://binome.example.org/app', partners: [], address: () => ({ address: '0.0.0.0', family: 'IPv4', port: 3978 }) });

  it.each([
    [local, 'http://127.0.0.1:3978', true, true],
    [local, 'http://localhost:3978', true, true],
    [local, 'http://[::1]:3978', true, true],
    [local, 'https://partner.example', false, true],
    [local, 'http://127.0.0.1:3979', false, false],
    [local, 'http://rebind.example:3978', false, false],
    [local, 'null', false, false],
    [local, '', false, false],
    [local, 'javascript:alert(1)', false, false],
    [deployed, 'https://binome.example.org', true, true],
    [deployed, 'http://binome.example.org', false, false],
    [deployed, 'http://0.0.0.0:3978', false, false],
  ])('%#: %s', (policy, origin, own, allowed) => {
    expect([policy.isOwn(origin), policy.allows(origin)]).toEqual([own, allowed]);
  });

  it('gives back the caller\'s Host only when it is one of our names', () => {
    expect(local.originFor(req('127.0.0.1', { host: 'localhost:3978' }))).toBe('http://localhost:3978');
    expect(local.originFor(req('127.0.0.1', { host: 'rebind.example:3978' }))).toBe('http://127.0.0.1:3978');
    expect(deployed.originFor(req('127.0.0.1', { host: 'rebind.example' }))).toBe('https://binome.example.org');
  });

  it.each([
    ['our own page', { origin: 'http://127.0.0.1:3978' }, true],
    ['another site', { origin: 'https://evil.example' }, false],
    ['a sandboxed or no-referrer page', { origin: 'null' }, false],
    ['a partner site (partners may call the widget endpoints, not post staff forms)', { origin: 'https://partner.example' }, false],
    ['no Origin, same-origin fetch metadata', { 'sec-fetch-site': 'same-origin' }, true],
    ['no Origin, cross-site fetch metadata', { 'sec-fetch-site': 'cross-site' }, false],
    ['no Origin, same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, false],
    ['a program (neither header)', {}, true],
  ])('a form from %s', (_name, headers, ok) => {
    expect(checkFormOrigin(req('127.0.0.1', headers as Record<string, string>), local).ok).toBe(ok);
  });
});
