import { ConversationHub } from '../../adapters/directline/ConversationHub';
import { RateLimiter } from '../../adapters/directline/rateLimit';
import { secretMatches, TokenSigner } from '../../adapters/directline/tokens';

describe('Direct Line tokens', () => {
  const signer = new TokenSigner('s'.repeat(40), 60);

  it('verifies its own tokens and refuses a claim changed to another conversation', () => {
    const { token } = signer.issue({ c: 'conv-a', u: 'dl_1' });
    expect(signer.verify(token)).toMatchObject({ ok: true, claims: { c: 'conv-a', u: 'dl_1' } });
    const [prefix, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), c: 'conv-b' })).toString('base64url');
    expect(signer.verify(`${prefix}.${forged}.${signature}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(new TokenSigner('t'.repeat(40), 60).verify(token)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of [undefined, '', 'abc', 'dl1..', 'x'.repeat(5000), `${prefix}.${payload}`]) expect(signer.verify(junk).ok).toBe(false);
  });

  it('expires, but an expired token still names its conversation for forgetting it', () => {
    let now = Date.now();
    const clocked = new TokenSigner('s'.repeat(40), 60, () => now);
    const { token } = clocked.issue({ c: 'conv-a', u: 'dl_1' });
    now += 61_000;
    expect(clocked.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect(clocked.claimsIgnoringExpiry(token)).toMatchObject({ c: 'conv-a' });
  });

  it('compares the secret whole', () => {
    expect(secretMatches('s'.repeat(40), 's'.repeat(40))).toBe(true);
    expect(secretMatches('s'.repeat(39), 's'.repeat(40))).toBe(false);
    expect(secretMatches(undefined, 's'.repeat(40))).toBe(false);
  });
});

describe('ConversationHub and RateLimiter bounds', () => {
  it('caps conversations globally and per address, history by count and bytes, and evicts idle ones', () => {
    let now = 0;
    const hub = new ConversationHub({ maxConversations: 3, maxPerAddress: 2, idleMs: 1_000, maxActivities: 3, maxBytes: 10_000, maxSubscribers: 1 }, () => now);
    expect(hub.open('a', 'u', '1.1.1.1', undefined).ok).toBe(true);
    expect(hub.open('b', 'u', '1.1.1.1', undefined).ok).toBe(true);
    expect(hub.open('c', 'u', '1.1.1.1', undefined)).toEqual({ ok: false, reason: 'address_full' });
    expect(hub.open('c', 'u', '2.2.2.2', undefined).ok).toBe(true);
    expect(hub.open('d', 'u', '3.3.3.3', undefined)).toEqual({ ok: false, reason: 'full' });
    for (let i = 0; i < 5; i++) hub.append('a', { type: 'message', text: String(i) });
    const a = hub.get('a')!;
    expect(a.history.map((h) => h.activity.text)).toEqual(['2', '3', '4']);
    expect(hub.since(a, '3')).toEqual({ activities: [expect.objectContaining({ text: '4' })], watermark: '4' });
    hub.append('a', { type: 'message', text: 'x'.repeat(20_000) });
    expect(a.history).toHaveLength(1); // the newest is kept even alone over the budget
    now = 5_000;
    hub.get('c'); // touched: stays
    expect(hub.evictIdle()).toBe(2);
    expect(hub.size).toBe(1);
    expect(hub.open('d', 'u', '1.1.1.1', undefined).ok).toBe(true); // the address's count went down with its conversations
    hub.close();
  });

  it('rate limiter: a burst, then one per refill interval', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1, 100, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('k'))).toEqual([true, true, true, false]);
    now = 1_000;
    expect([limiter.take('k'), limiter.take('k')]).toEqual([true, false]);
    expect(limiter.take('other')).toBe(true);
  });
});
