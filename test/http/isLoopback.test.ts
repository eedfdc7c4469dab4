import { isLoopbackAddress, isLoopbackUrl } from '../../adapters/botframework/isLoopback';
import { messagesEndpoint } from '../../adapters/botframework/messagesEndpoint';

describe('loopback checks', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.10', true], ['::1', true], ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false], ['192.168.1.2', false], ['::ffff:8.8.8.8', false], ['2001:db8::1', false], ['', false], [undefined, false], ['localhost', false],
  ])('address %s -> %s', (addr, expected) => expect(isLoopbackAddress(addr as string | undefined)).toBe(expected));

  it.each([
    ['http://localhost:3978', true], ['http://127.0.0.1:1234/x', true], ['http://[::1]:80', true],
    ['https://smba.trafficmanager.net/emea/', false], ['http://localhost.attacker.example', false], ['not a url', false], [undefined, false],
  ])('url %s -> %s', (url, expected) => expect(isLoopbackUrl(url as string | undefined)).toBe(expected));

  it('refuses a remote caller when no app id is configured, before any bot code runs', async () => {
    let ran = false;
    const handler = messagesEndpoint({
      adapter: { process: async () => { ran = true; } } as never,
      authenticated: false,
      log: () => undefined,
      logic: async () => undefined,
    });
    const sent: [number, unknown][] = [];
    await handler({ socket: { remoteAddress: '203.0.113.7' }, headers: { 'content-type': 'application/json' }, body: { type: 'message' } } as never, { send: (code: number, body: unknown) => sent.push([code, body]), headersSent: false } as never);
    expect(sent[0]![0]).toBe(403);
    expect(ran).toBe(false);
  });
});
