import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { CHANNEL_CALLER_ID, channelIdentity } from '../adapters/botframework/channelAuth';
import { isLoopbackUrl } from '../adapters/botframework/isLoopback';
import type { ProactiveSender } from '../notifications/OutboxWorker';

/**
 * News to the young person in their own conversation. Bot Framework channels go through
 * the CloudAdapter (the same path as replies); another adapter (the Direct Line endpoint in
 * this process) registers its own sender for its channel id and serviceUrl. Channels that
 * only answer within a request (the terminal client, expectReplies) cannot receive it: the
 * outbox then uses the contact the young person gave.
 */
export class ProactiveMessenger implements ProactiveSender {
  private readonly registered = new Map<string, ProactiveSender>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly opts: {
      appId: string;
      authenticated: boolean;
      /** BOT_CHANNEL_SECRET is set: conversations of a channel that held it are reached with it again. */
      channelSecret?: boolean;
    },
  ) {}

  /** Messages of `channelId` (at `serviceUrl` only, when given) go through `sender`. */
  register(channelId: string, sender: ProactiveSender, serviceUrl?: string): void {
    this.registered.set(key(channelId, serviceUrl), sender);
  }

  async send(conversationRef: unknown, text: string): Promise<'sent' | 'unsupported'> {
    const ref = (conversationRef ?? {}) as Partial<ConversationReference> & { locale?: string; callerId?: string };
    const other = ref.channelId ? this.registered.get(key(ref.channelId, ref.serviceUrl)) ?? this.registered.get(key(ref.channelId)) : undefined;
    if (other) return other.send(conversationRef, text);
    if (!ref.channelId || ref.channelId === 'binome-cli' || !ref.conversation?.id || !ref.serviceUrl || !/^https?:\/\//i.test(ref.serviceUrl)) return 'unsupported';
    // A failed send is caught here: inside the turn, the adapter's onTurnError would swallow it
    // (and apologise to nobody), and the outbox would count news that never arrived as sent.
    let failure: unknown;
    const logic = async (context: TurnContext) => {
      try {
        await context.sendActivity({ type: 'message', text, locale: ref.locale });
      } catch (err) {
        failure = err ?? new Error('send failed');
      }
    };
    try {
      if (ref.callerId === CHANNEL_CALLER_ID) {
        // Recorded from a request signed with the channel secret (the adapter sets callerId after checking it).
        if (!this.opts.channelSecret) return 'unsupported';
        await this.adapter.continueConversationAsync(channelIdentity(ref.serviceUrl), ref as ConversationReference, CHANNEL_CALLER_ID, logic);
        if (failure) throw failure;
        return 'sent';
      }
      // Unauthenticated, the bot only ever talks to loopback (see messagesEndpoint).
      if (!this.opts.authenticated && !isLoopbackUrl(ref.serviceUrl)) return 'unsupported';
      await this.adapter.continueConversationAsync(this.opts.appId, ref as ConversationReference, logic);
      if (failure) throw failure;
      return 'sent';
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      // The channel says the conversation is gone or refuses it: no point retrying there.
      if (typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429) return 'unsupported';
      throw err;
    }
  }
}

const key = (channelId: string, serviceUrl?: string) => (serviceUrl ? `${channelId} ${serviceUrl}` : channelId);
