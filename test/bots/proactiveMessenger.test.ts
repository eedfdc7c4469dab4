import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ProactiveMessenger } from '../../bots/ProactiveMessenger';
import { startConnector } from '../helpers/receivers';

/** The adapter as the app sets it up: with an onTurnError that apologises and swallows the error. */
function messenger(): ProactiveMessenger {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async () => undefined;
  return new ProactiveMessenger(adapter, { appId: '', authenticated: false });
}

describe('ProactiveMessenger: what the channel answered, even when the adapter has an onTurnError', () => {
  const ref = (serviceUrl: string) => ({ channelId: 'emulator', serviceUrl, conversation: { id: 'conv-1' }, user: { id: 'u' }, bot: { id: 'binome' }, locale: 'fr-FR' });

  it.each([
    [200, 'sent'],
    [404, 'unsupported'],
    [403, 'unsupported'],
  ] as const)('a channel answering %i: %s', async (status, outcome) => {
    const connector = await startConnector({ status });
    try {
      expect(await messenger().send(ref(connector.url), 'Ta demande a été acceptée.')).toBe(outcome);
      if (status === 200) expect(connector.activities[0]!.activity.text).toBe('Ta demande a été acceptée.');
    } finally {
      await connector.close();
    }
  });

  it('a channel failing (500) or unreachable: an error, so the outbox retries or falls back', async () => {
    const connector = await startConnector({ status: 500 });
    try {
      await expect(messenger().send(ref(connector.url), 'x')).rejects.toMatchObject({ statusCode: 500 });
    } finally {
      await connector.close();
    }
    await expect(messenger().send(ref('http://127.0.0.1:9'), 'x')).rejects.toBeDefined();
  });
});
