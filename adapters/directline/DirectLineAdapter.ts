import {
  ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import type { ConversationHub } from './ConversationHub';

export const DIRECTLINE_CHANNEL = 'directline';
/** Not a URL anyone can post to: replies of this channel never leave the process. */
export const IN_PROCESS_SERVICE_URL = 'urn:binome:directline';
export const BOT_ACCOUNT = { id: 'binome', name: 'Binôme', role: 'bot' } as const;

/**
 * One activity from the bot into its conversation's history (and so to its sockets), in
 * this process or from a bot in another one: `inReplyTo` is the activity it answers (or
 * the continuation of a proactive message). A conversation forgotten meanwhile (the widget
 * was closed) takes nothing: nobody can read it.
 */
export async function appendFromBot(hub: ConversationHub, inReplyTo: Partial<Activity>, a: Partial<Activity>): Promise<ResourceResponse> {
  if (a.type === 'delay') {
    // Bounded: a bot's "delay" must not hold a turn (and its queue) for long.
    await new Promise((r) => setTimeout(r, Math.min(Number(a.value) || 0, 2_000)));
    return { id: '' };
  }
  if (a.type === ActivityTypes.InvokeResponse || a.type === 'trace') return { id: '' };
  const conversationId = inReplyTo.conversation?.id ?? '';
  const stored = hub.append(conversationId, {
    ...a,
    channelId: DIRECTLINE_CHANNEL,
    conversation: { id: conversationId } as Activity['conversation'],
    from: { ...BOT_ACCOUNT },
    recipient: inReplyTo.from ? { id: inReplyTo.from.id, name: '', role: 'user' } : undefined,
    replyToId: a.replyToId ?? inReplyTo.id,
    timestamp: new Date(),
    serviceUrl: undefined,
  });
  return { id: stored?.id ?? '' };
}

export class DirectLineError extends Error {
  constructor(readonly code: 'CONVERSATION_GONE' | 'NOT_SUPPORTED') {
    super(code);
    this.name = 'DirectLineError';
  }
}

/**
 * The bot runs in this process: a turn is `runMiddleware` on a TurnContext, and what the
 * bot sends is appended to the conversation's history and pushed to its sockets. No HTTP
 * hop, no serviceUrl to trust, no credentials to hold.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(readonly hub: ConversationHub) {
    super();
  }

  /** One inbound activity through the middleware and the bot. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const a of activities) responses.push(await appendFromBot(this.hub, context.activity, a));
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new DirectLineError('NOT_SUPPORTED');
  }

  async deleteActivity(): Promise<void> {
    throw new DirectLineError('NOT_SUPPORTED');
  }

  /**
   * A proactive message ("your request was accepted") to a widget conversation still
   * open in this process. A forgotten one cannot be reached: the young person's page is
   * gone, so the caller must use another way (their e-mail or phone).
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const id = reference.conversation?.id;
    if (!id || !this.hub.get(id)) throw new DirectLineError('CONVERSATION_GONE');
    const request = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, request), logic);
  }
}
