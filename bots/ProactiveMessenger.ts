import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { isLoopbackUrl } from '../adapters/botframework/isLoopback';
import type { ProactiveSender } from '../notifications/OutboxWorker';

/**
 * News to the young person in their own conversation. Bot Framework channels go through
 * the CloudAdapter (the same path as replies); another adapter (the Direct Line endpoint)
 * registers its own sender for its channel id. Channels that only answer within a request
 * (the terminal client, expectReplies) cannot receive it: the outbox then uses the
 * contact the young person gave.
 */
export class ProactiveMessenger implements ProactiveSender {
  private readonly byChannel = new Map<string, ProactiveSender>();

  constructor(private readonly adapter: CloudAdapter, private readonly opts: { appId: string; authenticated: boolean }) {}

  register(channelId: string, sender: ProactiveSender): void {
    this.byChannel.set(channelId, sender);
  }

  async send(conversationRef: unknown, text: string): Promise<'sent' | 'unsupported'> {
    const ref = (conversationRef ?? {}) as Partial<ConversationReference> & { locale?: string };
    const other = ref.channelId ? this.byChannel.get(ref.channelId) : undefined;
    if (other) return other.send(conversationRef, text);
    if (!ref.channelId || ref.channelId === 'binome-cli' || !ref.conversation?.id || !ref.serviceUrl || !/^https?:\/\//i.test(ref.serviceUrl)) return 'unsupported';
    // Unauthenticated, the bot only ever talks to loopback (see messagesEndpoint).
    if (!this.opts.authenticated && !isLoopbackUrl(ref.serviceUrl)) return 'unsupported';
    try {
      await this.adapter.continueConversationAsync(this.opts.appId, ref as ConversationReference, async (context) => {
        await context.sendActivity({ type: 'message', text, locale: ref.locale });
      });
      return 'sent';
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      // The channel says the conversation is gone or refuses it: no point retrying there.
      if (typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429) return 'unsupported';
      throw err;
    }
  }
}
